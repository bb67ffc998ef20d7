import { describe, expect, it } from 'vitest';
import { UNKNOWN_ID } from '../helpers/catalog-test-app.js';
import { countRows, expectError } from '../helpers/factories.js';
import { timetablingTestApp, tinyProblem, upload } from './tt-helpers.js';

const { t, api, staff, learner } = timetablingTestApp({ staff: 'staff', learner: 'learner' });

const importTiny = async () =>
  (
    await upload(t, '/timetabling/terms/import', staff, 'tiny.json', JSON.stringify(tinyProblem()))
  ).json().data.id as string;

const base = (termId: string) => `/timetabling/terms/${termId}/curricula`;
const countAll = async () =>
  Promise.all(['tt_curricula', 'tt_curriculum_courses'].map((table) => countRows(t, table)));

describe('term curricula', () => {
  it('should create, list in pages, get, patch, upsert in bulk and delete curricula', async () => {
    const termId = await importTiny();
    const created = await api.post(base(termId), staff, {
      code: 'Y2',
      name: 'Second year',
      courses: ['ART', 'MATH', 'ART'],
    });
    expect(created.statusCode).toBe(201);
    const y2 = created.json().data;
    expect(y2).toMatchObject({ code: 'Y2', name: 'Second year', courses: ['ART', 'MATH'] });

    const first = await api.get(`${base(termId)}?limit=1`, learner);
    expect(first.json().data).toMatchObject([{ code: 'Y1', courses: ['MATH', 'PHYS'] }]);
    const second = await api.get(
      `${base(termId)}?limit=1&cursor=${encodeURIComponent(first.json().meta.nextCursor)}`,
      learner,
    );
    expect(second.json().data).toMatchObject([{ code: 'Y2' }]);
    expect(second.json().meta.nextCursor).toBeNull();

    expect((await api.get(`${base(termId)}/${y2.id}`, learner)).json().data).toEqual(y2);
    const patched = await api.patch(`${base(termId)}/${y2.id}`, staff, { courses: ['PHYS'] });
    expect(patched.json().data).toMatchObject({ name: 'Second year', courses: ['PHYS'] });
    const renamed = await api.patch(`${base(termId)}/${y2.id}`, staff, { name: null });
    expect(renamed.json().data).toMatchObject({ name: null, courses: ['PHYS'] });

    const bulk = await api.send('PUT', base(termId), staff, {
      items: [
        { code: 'Y1', name: 'First year', courses: ['ART'] },
        { code: 'Y3', courses: ['MATH', 'PHYS'] },
        { code: 'Y2', name: 'Kept courses' },
      ],
    });
    expect(bulk.statusCode).toBe(200);
    expect(bulk.json().data).toMatchObject([
      { code: 'Y1', name: 'First year', courses: ['ART'] },
      { code: 'Y2', name: 'Kept courses', courses: ['PHYS'] },
      { code: 'Y3', name: null, courses: ['MATH', 'PHYS'] },
    ]);
    const counts = async () =>
      (await api.get(`/timetabling/terms/${termId}`, staff)).json().data.counts;
    expect((await counts()).curricula).toBe(3);
    const courses = (await api.get(`/timetabling/terms/${termId}/courses`, staff)).json().data;
    expect(courses.find((c: { code: string }) => c.code === 'MATH').curricula).toEqual(['Y3']);

    expect((await api.del(`${base(termId)}/${y2.id}`, staff)).statusCode).toBe(204);
    expectError(await api.get(`${base(termId)}/${y2.id}`, staff), 404, 'CURRICULUM_NOT_FOUND');
    expect(await counts()).toMatchObject({ curricula: 2, courses: 3 });
  });

  it('should refuse bad input naming the field, storing nothing', async () => {
    const termId = await importTiny();
    const before = await countAll();
    const cases: Array<[string, 'POST' | 'PUT', unknown, string]> = [
      ['missing course', 'POST', { code: 'X', courses: ['MATH', 'NOPE'] }, '/body/courses/1'],
      ['empty code', 'POST', { code: '' }, '/body/code'],
      ['courses not a list', 'POST', { code: 'X', courses: 'MATH' }, '/body/courses'],
      ['repeated codes', 'PUT', { items: [{ code: 'Q' }, { code: 'Q' }] }, '/body/items/1/code'],
      [
        'a bad second item',
        'PUT',
        {
          items: [
            { code: 'Y1', courses: [] },
            { code: 'Q', courses: ['NOPE'] },
          ],
        },
        '/body/items/1/courses/0',
      ],
    ];
    for (const [label, method, body, path] of cases) {
      const res = await api.send(method, base(termId), staff, body);
      expect(res.statusCode, label).toBe(400);
      const paths = res.json().error.details?.map((d: { path: string }) => d.path) ?? [];
      expect(paths.join(' '), label).toContain(path);
    }
    expectError(await api.post(base(termId), staff, { code: 'Y1' }), 409, 'CURRICULUM_CODE_TAKEN');
    const [y1] = (await api.get(base(termId), staff)).json().data;
    const badPatch = await api.patch(`${base(termId)}/${y1.id}`, staff, {
      name: 'X',
      courses: ['NOPE'],
    });
    expectError(badPatch, 400, 'VALIDATION_FAILED');
    expect(badPatch.json().error.details[0].path).toBe('/body/courses/0');
    expect((await api.get(`${base(termId)}/${y1.id}`, staff)).json().data).toMatchObject({
      name: null,
      courses: ['MATH', 'PHYS'],
    });
    expect(await countAll()).toEqual(before);
  });

  it("should answer 404 for another term's curriculum and for an unknown term", async () => {
    const termA = await importTiny();
    const termB = await importTiny();
    const [a1] = (await api.get(base(termA), staff)).json().data;
    const wrong = `${base(termB)}/${a1.id}`;
    expectError(await api.get(wrong, staff), 404, 'CURRICULUM_NOT_FOUND');
    expectError(await api.patch(wrong, staff, { name: 'X' }), 404, 'CURRICULUM_NOT_FOUND');
    expectError(await api.del(wrong, staff), 404, 'CURRICULUM_NOT_FOUND');
    expectError(await api.get(base(UNKNOWN_ID), staff), 404, 'TERM_NOT_FOUND');
  });

  it('should let learners read but not write, and anonymous callers neither', async () => {
    const termId = await importTiny();
    const [q] = (await api.get(base(termId), learner)).json().data;
    const one = `${base(termId)}/${q.id}`;
    expectError(await api.post(base(termId), learner, { code: 'X' }), 403, 'PERMISSION_DENIED');
    expectError(
      await api.send('PUT', base(termId), learner, { items: [{ code: 'X' }] }),
      403,
      'PERMISSION_DENIED',
    );
    expectError(await api.patch(one, learner, { name: 'X' }), 403, 'PERMISSION_DENIED');
    expectError(await api.del(one, learner), 403, 'PERMISSION_DENIED');
    expectError(await api.get(base(termId)), 401, 'UNAUTHORIZED');
    expectError(await api.get(one), 401, 'UNAUTHORIZED');
  });
});
