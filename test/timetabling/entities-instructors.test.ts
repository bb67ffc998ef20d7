import { describe, expect, it } from 'vitest';
import { UNKNOWN_ID } from '../helpers/catalog-test-app.js';
import { countRows, expectError } from '../helpers/factories.js';
import { timetablingTestApp, tinyProblem, upload } from './tt-helpers.js';

const { t, api, staff, instructor, learner } = timetablingTestApp({
  staff: 'staff',
  instructor: 'instructor',
  learner: 'learner',
});

const importTiny = async () =>
  (
    await upload(t, '/timetabling/terms/import', staff, 'tiny.json', JSON.stringify(tinyProblem()))
  ).json().data.id as string;

const base = (termId: string) => `/timetabling/terms/${termId}/instructors`;

describe('term instructors', () => {
  it('should create, list in pages, get, patch, upsert in bulk and delete instructors', async () => {
    const termId = await importTiny();
    const created = await api.post(base(termId), staff, {
      code: 'T3',
      name: 'Ada',
      maxLoad: 10,
      userId: instructor.id,
      unavailable: [{ day: 0, period: 1 }],
      preferred: [{ day: 1, period: 2 }],
    });
    expect(created.statusCode).toBe(201);
    const t3 = created.json().data;
    expect(t3).toMatchObject({
      code: 'T3',
      name: 'Ada',
      maxLoad: 10,
      userId: instructor.id,
      unavailable: [{ day: 0, period: 1 }],
      preferred: [{ day: 1, period: 2 }],
    });
    expect(created.headers.location).toBe(`/api/v1${base(termId)}/${t3.id}`);

    const first = await api.get(`${base(termId)}?limit=2`, learner);
    expect(first.statusCode).toBe(200);
    expect(first.json().data.map((i: { code: string }) => i.code)).toEqual(['T1', 'T2']);
    const next = first.json().meta.nextCursor;
    expect(next).toBeTruthy();
    const second = await api.get(
      `${base(termId)}?limit=2&cursor=${encodeURIComponent(next)}`,
      learner,
    );
    expect(second.json().data.map((i: { code: string }) => i.code)).toEqual(['T3']);
    expect(second.json().meta.nextCursor).toBeNull();

    expect((await api.get(`${base(termId)}/${t3.id}`, instructor)).json().data).toEqual(t3);
    const patched = await api.patch(`${base(termId)}/${t3.id}`, staff, {
      maxLoad: null,
      preferred: [],
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json().data).toMatchObject({
      code: 'T3',
      maxLoad: null,
      preferred: [],
      unavailable: [{ day: 0, period: 1 }],
    });

    const bulk = await api.send('PUT', base(termId), staff, {
      items: [
        { code: 'T1', name: 'Grace', maxLoad: 3, unavailable: [{ day: 1, period: 0 }] },
        { code: 'T9', name: 'New' },
      ],
    });
    expect(bulk.statusCode).toBe(200);
    expect(bulk.json().data).toMatchObject([
      { code: 'T1', name: 'Grace', maxLoad: 3, unavailable: [{ day: 1, period: 0 }] },
      { code: 'T9', name: 'New', maxLoad: null, unavailable: [] },
    ]);
    const term = (await api.get(`/timetabling/terms/${termId}`, staff)).json().data;
    expect(term.counts.instructors).toBe(4);

    expect((await api.del(`${base(termId)}/${t3.id}`, staff)).statusCode).toBe(204);
    expectError(await api.get(`${base(termId)}/${t3.id}`, staff), 404, 'INSTRUCTOR_NOT_FOUND');
    expect(
      (await api.get(`/timetabling/terms/${termId}`, staff)).json().data.counts.instructors,
    ).toBe(3);
  });

  it('should refuse an instructor on courses unless forced, then take them off', async () => {
    const termId = await importTiny();
    const list = (await api.get(base(termId), staff)).json().data;
    const t1 = list.find((i: { code: string }) => i.code === 'T1');
    const refused = await api.del(`${base(termId)}/${t1.id}`, staff);
    expectError(refused, 409, 'INSTRUCTOR_IN_USE');
    expect((await api.get(`${base(termId)}/${t1.id}`, staff)).statusCode).toBe(200);
    expect(
      (await api.send('DELETE', `${base(termId)}/${t1.id}?force=true`, staff)).statusCode,
    ).toBe(204);
    const courses = (await api.get(`/timetabling/terms/${termId}/courses`, staff)).json().data;
    const math = courses.find((c: { code: string }) => c.code === 'MATH');
    expect(math.instructors).toEqual([]);
  });

  it('should refuse bad input naming the field, storing nothing', async () => {
    const termId = await importTiny();
    const before = {
      instructors: await countRows(t, 'tt_instructors'),
      rules: await countRows(t, 'tt_slot_rules'),
    };
    const cases: Array<[string, 'POST' | 'PUT', unknown, number, string]> = [
      [
        'day outside',
        'POST',
        { code: 'X', unavailable: [{ day: 2, period: 0 }] },
        400,
        '/body/unavailable/0',
      ],
      [
        'period outside',
        'POST',
        { code: 'X', preferred: [{ day: 0, period: 3 }] },
        400,
        '/body/preferred/0',
      ],
      [
        'a date on a weekly grid',
        'POST',
        { code: 'X', unavailable: [{ date: '2026-09-07' }] },
        400,
        '/body/unavailable/0',
      ],
      ['unknown user', 'POST', { code: 'X', userId: UNKNOWN_ID }, 400, '/body/userId'],
      ['negative load', 'POST', { code: 'X', maxLoad: -1 }, 400, '/body/maxLoad'],
      ['no code', 'POST', { name: 'X' }, 400, '/body/code'],
      ['an unknown field', 'POST', { code: 'X', colour: 'red' }, 400, '/body/colour'],
      [
        'repeated codes',
        'PUT',
        { items: [{ code: 'Y' }, { code: 'Y' }] },
        400,
        '/body/items/1/code',
      ],
      [
        'a bad second item',
        'PUT',
        { items: [{ code: 'Y' }, { code: 'Z', unavailable: [{ day: 9, period: 0 }] }] },
        400,
        '/body/items/1/unavailable/0',
      ],
    ];
    for (const [label, method, body, status, path] of cases) {
      const res = await api.send(method, base(termId), staff, body);
      expect(res.statusCode, label).toBe(status);
      const paths = res.json().error.details?.map((d: { path: string }) => d.path) ?? [];
      expect(paths.join(' '), label).toContain(path);
    }
    const taken = await api.post(base(termId), staff, { code: 'T1' });
    expectError(taken, 409, 'INSTRUCTOR_CODE_TAKEN');
    const t2 = (await api.get(base(termId), staff)).json().data[1];
    const patch = await api.patch(`${base(termId)}/${t2.id}`, staff, { code: 'T1' });
    expectError(patch, 409, 'INSTRUCTOR_CODE_TAKEN');
    const badPatch = await api.patch(`${base(termId)}/${t2.id}`, staff, {
      unavailable: [
        { day: 0, period: 0 },
        { day: 0, period: 7 },
      ],
    });
    expectError(badPatch, 400, 'VALIDATION_FAILED');
    expect(badPatch.json().error.details[0].path).toBe('/body/unavailable/1');
    expect(await countRows(t, 'tt_instructors')).toBe(before.instructors);
    expect(await countRows(t, 'tt_slot_rules')).toBe(before.rules);
  });

  it("should answer 404 for another term's instructor and for an unknown term", async () => {
    const termA = await importTiny();
    const termB = await importTiny();
    const [a1] = (await api.get(base(termA), staff)).json().data;
    const wrong = `${base(termB)}/${a1.id}`;
    expectError(await api.get(wrong, staff), 404, 'INSTRUCTOR_NOT_FOUND');
    expectError(await api.patch(wrong, staff, { name: 'X' }), 404, 'INSTRUCTOR_NOT_FOUND');
    expectError(await api.del(wrong, staff), 404, 'INSTRUCTOR_NOT_FOUND');
    expectError(await api.get(`${base(termB)}/not-a-uuid`, staff), 400, 'VALIDATION_FAILED');
    expectError(await api.get(base(UNKNOWN_ID), staff), 404, 'TERM_NOT_FOUND');
    expectError(await api.post(base(UNKNOWN_ID), staff, { code: 'X' }), 404, 'TERM_NOT_FOUND');
    expect((await api.get(`${base(termA)}/${a1.id}`, staff)).json().data.name).toBeNull();
  });

  it('should let learners read but not write, and anonymous callers neither', async () => {
    const termId = await importTiny();
    const [t1] = (await api.get(base(termId), learner)).json().data;
    const one = `${base(termId)}/${t1.id}`;
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
    expectError(await api.post(base(termId), undefined, { code: 'X' }), 401, 'UNAUTHORIZED');
  });
});
