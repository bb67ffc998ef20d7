import { describe, expect, it } from 'vitest';
import { UNKNOWN_ID } from '../helpers/catalog-test-app.js';
import { countRows, expectError } from '../helpers/factories.js';
import { timetablingTestApp, tinyProblem, upload } from './tt-helpers.js';

const { t, api, staff, learner } = timetablingTestApp({ staff: 'staff', learner: 'learner' });

const importTiny = async () =>
  (
    await upload(t, '/timetabling/terms/import', staff, 'tiny.json', JSON.stringify(tinyProblem()))
  ).json().data.id as string;

const base = (termId: string) => `/timetabling/terms/${termId}/courses`;
const codes = (res: { json(): { data: Array<{ code: string }> } }) =>
  res.json().data.map((c) => c.code);

const tables = [
  'tt_courses',
  'tt_course_instructors',
  'tt_course_features',
  'tt_curriculum_courses',
  'tt_slot_rules',
];
const countAll = async () => Promise.all(tables.map((table) => countRows(t, table)));

describe('term courses', () => {
  it('should create, list in pages, get, patch, upsert in bulk and delete courses', async () => {
    const termId = await importTiny();
    const catalogCourseId = '01900000-0000-7000-8000-00000000c0de';
    const created = await api.post(base(termId), staff, {
      code: 'BIO',
      name: 'Biology',
      meetings: 2,
      duration: 2,
      students: 30,
      minDays: 2,
      maxPerDay: 1,
      minGapDays: 1,
      features: ['lab', 'lab'],
      instructors: ['T2'],
      curricula: ['Y1'],
      unavailable: [{ day: 1, period: 2 }],
      catalogCourseId,
    });
    expect(created.statusCode).toBe(201);
    const bio = created.json().data;
    expect(bio).toMatchObject({
      code: 'BIO',
      meetings: 2,
      duration: 2,
      students: 30,
      minDays: 2,
      maxPerDay: 1,
      minGapDays: 1,
      features: ['lab'],
      instructors: ['T2'],
      curricula: ['Y1'],
      unavailable: [{ day: 1, period: 2 }],
      catalogCourseId,
      windowFrom: null,
    });
    const y1 = (await api.get(`/timetabling/terms/${termId}/curricula`, staff)).json().data[0];
    expect(y1.courses).toEqual(['BIO', 'MATH', 'PHYS']);

    const first = await api.get(`${base(termId)}?limit=3`, learner);
    expect(codes(first)).toEqual(['ART', 'BIO', 'MATH']);
    const second = await api.get(
      `${base(termId)}?limit=3&cursor=${encodeURIComponent(first.json().meta.nextCursor)}`,
      learner,
    );
    expect(codes(second)).toEqual(['PHYS']);

    expect((await api.get(`${base(termId)}/${bio.id}`, learner)).json().data).toEqual(bio);
    const patched = await api.patch(`${base(termId)}/${bio.id}`, staff, {
      meetings: 4,
      instructors: ['T1', 'T2'],
      curricula: [],
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json().data).toMatchObject({
      meetings: 4,
      instructors: ['T1', 'T2'],
      curricula: [],
      features: ['lab'],
      students: 30,
    });

    const bulk = await api.send('PUT', base(termId), staff, {
      items: [
        { code: 'MATH', meetings: 5, students: 50, instructors: ['T2'] },
        { code: 'CHEM', meetings: 1, curricula: ['Y1'], features: ['lab'] },
      ],
    });
    expect(bulk.statusCode).toBe(200);
    expect(bulk.json().data).toMatchObject([
      { code: 'CHEM', meetings: 1, students: 0, curricula: ['Y1'], features: ['lab'] },
      { code: 'MATH', meetings: 5, students: 50, instructors: ['T2'], curricula: ['Y1'] },
    ]);
    expect((await api.get(`/timetabling/terms/${termId}`, staff)).json().data.counts.courses).toBe(
      5,
    );

    expect((await api.del(`${base(termId)}/${bio.id}`, staff)).statusCode).toBe(204);
    expectError(await api.get(`${base(termId)}/${bio.id}`, staff), 404, 'COURSE_NOT_FOUND');
    expect((await api.get(`/timetabling/terms/${termId}`, staff)).json().data.counts.courses).toBe(
      4,
    );
  });

  it('should refuse deleting a course in a curriculum unless forced', async () => {
    const termId = await importTiny();
    const math = (await api.get(base(termId), staff))
      .json()
      .data.find((c: { code: string }) => c.code === 'MATH');
    expectError(await api.del(`${base(termId)}/${math.id}`, staff), 409, 'COURSE_IN_USE');
    expect(
      (await api.send('DELETE', `${base(termId)}/${math.id}?force=true`, staff)).statusCode,
    ).toBe(204);
    const y1 = (await api.get(`/timetabling/terms/${termId}/curricula`, staff)).json().data[0];
    expect(y1.courses).toEqual(['PHYS']);
  });

  it('should refuse bad input naming the field, storing nothing', async () => {
    const termId = await importTiny();
    const before = await countAll();
    const cases: Array<[string, 'POST' | 'PUT', unknown, string]> = [
      [
        'unknown instructor',
        'POST',
        { code: 'X', meetings: 1, instructors: ['T1', 'NOPE'] },
        '/body/instructors/1',
      ],
      [
        'unknown curriculum',
        'POST',
        { code: 'X', meetings: 1, curricula: ['NOPE'] },
        '/body/curricula/0',
      ],
      ['zero meetings', 'POST', { code: 'X', meetings: 0 }, '/body/meetings'],
      ['negative students', 'POST', { code: 'X', meetings: 1, students: -5 }, '/body/students'],
      ['too long a meeting', 'POST', { code: 'X', meetings: 1, duration: 4 }, '/body/duration'],
      [
        'slot outside',
        'POST',
        { code: 'X', meetings: 1, unavailable: [{ day: 0, period: 9 }] },
        '/body/unavailable/0',
      ],
      [
        'a window on a weekly grid',
        'POST',
        { code: 'X', meetings: 1, windowFrom: '2026-09-07' },
        '/body/windowFrom',
      ],
      ['no meetings', 'POST', { code: 'X' }, '/body/meetings'],
      [
        'repeated codes',
        'PUT',
        {
          items: [
            { code: 'Y', meetings: 1 },
            { code: 'Y', meetings: 2 },
          ],
        },
        '/body/items/1/code',
      ],
      [
        'a bad second item',
        'PUT',
        {
          items: [
            { code: 'ART', meetings: 9 },
            { code: 'Z', meetings: 1, instructors: ['NOPE'] },
          ],
        },
        '/body/items/1/instructors/0',
      ],
    ];
    for (const [label, method, body, path] of cases) {
      const res = await api.send(method, base(termId), staff, body);
      expect(res.statusCode, label).toBe(400);
      const paths = res.json().error.details?.map((d: { path: string }) => d.path) ?? [];
      expect(paths.join(' '), label).toContain(path);
    }
    expectError(
      await api.post(base(termId), staff, { code: 'MATH', meetings: 1 }),
      409,
      'COURSE_CODE_TAKEN',
    );
    const art = (await api.get(base(termId), staff)).json().data[0];
    const badPatch = await api.patch(`${base(termId)}/${art.id}`, staff, {
      meetings: 7,
      instructors: ['T9'],
    });
    expectError(badPatch, 400, 'VALIDATION_FAILED');
    expect(badPatch.json().error.details[0].path).toBe('/body/instructors/0');
    expect((await api.get(`${base(termId)}/${art.id}`, staff)).json().data.meetings).toBe(2);
    expect(await countAll()).toEqual(before);
  });

  it('should check course windows against a dated term', async () => {
    const term = await api.post('/timetabling/terms', staff, {
      name: 'Dated',
      kind: 'dated',
      startDate: '2026-09-07',
      endDate: '2026-12-18',
      weekdays: [1, 2, 3, 4, 5],
      periods: [{ start: '08:00', end: '10:00' }],
    });
    const termId = term.json().data.id;
    const good = await api.post(base(termId), staff, {
      code: 'A',
      meetings: 1,
      windowFrom: '2026-10-01',
      windowTo: '2026-10-31',
      unavailable: [{ date: '2026-10-05' }],
    });
    expect(good.statusCode).toBe(201);
    expect(good.json().data).toMatchObject({
      windowFrom: '2026-10-01',
      windowTo: '2026-10-31',
      unavailable: [{ date: '2026-10-05', period: null }],
    });
    const reversed = await api.patch(`${base(termId)}/${good.json().data.id}`, staff, {
      windowTo: '2026-09-15',
    });
    expectError(reversed, 400, 'VALIDATION_FAILED');
    expect(reversed.json().error.details[0].path).toBe('/body/windowTo');
    const outside = await api.post(base(termId), staff, {
      code: 'B',
      meetings: 1,
      windowTo: '2027-01-10',
      unavailable: [{ date: '2026-10-04' }],
    });
    expectError(outside, 400, 'VALIDATION_FAILED');
    expect(outside.json().error.details.map((d: { path: string }) => d.path)).toEqual([
      '/body/unavailable/0',
      '/body/windowTo',
    ]);
  });

  it("should answer 404 for another term's course and for an unknown term", async () => {
    const termA = await importTiny();
    const termB = await importTiny();
    const [a1] = (await api.get(base(termA), staff)).json().data;
    const wrong = `${base(termB)}/${a1.id}`;
    expectError(await api.get(wrong, staff), 404, 'COURSE_NOT_FOUND');
    expectError(await api.patch(wrong, staff, { meetings: 2 }), 404, 'COURSE_NOT_FOUND');
    expectError(await api.del(wrong, staff), 404, 'COURSE_NOT_FOUND');
    expectError(await api.get(base(UNKNOWN_ID), staff), 404, 'TERM_NOT_FOUND');
    expectError(
      await api.send('PUT', base(UNKNOWN_ID), staff, { items: [{ code: 'X', meetings: 1 }] }),
      404,
      'TERM_NOT_FOUND',
    );
  });

  it('should let learners read but not write, and anonymous callers neither', async () => {
    const termId = await importTiny();
    const [c] = (await api.get(base(termId), learner)).json().data;
    const one = `${base(termId)}/${c.id}`;
    const body = { code: 'X', meetings: 1 };
    expectError(await api.post(base(termId), learner, body), 403, 'PERMISSION_DENIED');
    expectError(
      await api.send('PUT', base(termId), learner, { items: [body] }),
      403,
      'PERMISSION_DENIED',
    );
    expectError(await api.patch(one, learner, { meetings: 2 }), 403, 'PERMISSION_DENIED');
    expectError(await api.del(one, learner), 403, 'PERMISSION_DENIED');
    expectError(await api.get(base(termId)), 401, 'UNAUTHORIZED');
    expectError(await api.get(one), 401, 'UNAUTHORIZED');
  });
});
