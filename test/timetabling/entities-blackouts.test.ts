import { describe, expect, it } from 'vitest';
import { UNKNOWN_ID } from '../helpers/catalog-test-app.js';
import { countRows, expectError } from '../helpers/factories.js';
import { timetablingTestApp, tinyProblem, upload } from './tt-helpers.js';

const { t, api, staff, learner } = timetablingTestApp({ staff: 'staff', learner: 'learner' });

// Autumn 2026, Mondays to Fridays, two periods; 2026-10-03 is a Saturday.
const datedTerm = async () =>
  (
    await api.post('/timetabling/terms', staff, {
      name: 'Autumn',
      kind: 'dated',
      startDate: '2026-09-07',
      endDate: '2026-12-18',
      weekdays: [1, 2, 3, 4, 5],
      periods: [
        { start: '08:00', end: '10:00' },
        { start: '10:15', end: '12:15' },
      ],
    })
  ).json().data.id as string;

const base = (termId: string) => `/timetabling/terms/${termId}/blackouts`;

describe('term blackouts', () => {
  it('should create, list in pages, get, patch, upsert in bulk and delete blackouts', async () => {
    const termId = await datedTerm();
    const holiday = await api.post(base(termId), staff, {
      date: '2026-11-11',
      reason: 'Armistice',
    });
    expect(holiday.statusCode).toBe(201);
    const h = holiday.json().data;
    expect(h).toMatchObject({ date: '2026-11-11', period: null, reason: 'Armistice' });
    const period = await api.post(base(termId), staff, { date: '2026-09-08', period: 1 });
    expect(period.json().data).toMatchObject({ date: '2026-09-08', period: 1, reason: null });
    await api.post(base(termId), staff, { date: '2026-11-11', period: 0 });

    const first = await api.get(`${base(termId)}?limit=2`, learner);
    expect(first.json().data).toMatchObject([
      { date: '2026-09-08', period: 1 },
      { date: '2026-11-11', period: null },
    ]);
    const second = await api.get(
      `${base(termId)}?limit=2&cursor=${encodeURIComponent(first.json().meta.nextCursor)}`,
      learner,
    );
    expect(second.json().data).toMatchObject([{ date: '2026-11-11', period: 0 }]);
    expect(second.json().meta.nextCursor).toBeNull();

    expect((await api.get(`${base(termId)}/${h.id}`, learner)).json().data).toEqual(h);
    const moved = await api.patch(`${base(termId)}/${h.id}`, staff, { date: '2026-11-12' });
    expect(moved.json().data).toMatchObject({
      date: '2026-11-12',
      period: null,
      reason: 'Armistice',
    });

    const bulk = await api.send('PUT', base(termId), staff, {
      items: [
        { date: '2026-11-12', reason: 'Moved holiday' },
        { date: '2026-12-01', period: 0, reason: 'Fire drill' },
      ],
    });
    expect(bulk.statusCode).toBe(200);
    expect(bulk.json().data).toMatchObject([
      { id: h.id, date: '2026-11-12', period: null, reason: 'Moved holiday' },
      { date: '2026-12-01', period: 0, reason: 'Fire drill' },
    ]);
    expect((await api.get(base(termId), staff)).json().data).toHaveLength(4);

    expect((await api.del(`${base(termId)}/${h.id}`, staff)).statusCode).toBe(204);
    expectError(await api.get(`${base(termId)}/${h.id}`, staff), 404, 'BLACKOUT_NOT_FOUND');
    expect((await api.get(base(termId), staff)).json().data).toHaveLength(3);
  });

  it('should refuse bad input naming the field, storing nothing', async () => {
    const termId = await datedTerm();
    const existing = await api.post(base(termId), staff, { date: '2026-10-01' });
    const before = await countRows(t, 'tt_blackouts');
    const cases: Array<[string, 'POST' | 'PUT', unknown, string]> = [
      ['before the term', 'POST', { date: '2026-09-01' }, '/body/date'],
      ['a weekend', 'POST', { date: '2026-10-03' }, '/body/date'],
      ['period outside', 'POST', { date: '2026-10-02', period: 2 }, '/body/period'],
      ['negative period', 'POST', { date: '2026-10-02', period: -1 }, '/body/period'],
      ['not a date', 'POST', { date: 'tomorrow' }, '/body/date'],
      [
        'repeated',
        'PUT',
        { items: [{ date: '2026-10-02' }, { date: '2026-10-02', period: null }] },
        '/body/items/1/date',
      ],
      [
        'a bad second item',
        'PUT',
        { items: [{ date: '2026-10-02' }, { date: '2027-01-04' }] },
        '/body/items/1/date',
      ],
    ];
    for (const [label, method, body, path] of cases) {
      const res = await api.send(method, base(termId), staff, body);
      expect(res.statusCode, label).toBe(400);
      const paths = res.json().error.details?.map((d: { path: string }) => d.path) ?? [];
      expect(paths.join(' '), label).toContain(path);
    }
    expectError(
      await api.post(base(termId), staff, { date: '2026-10-01' }),
      409,
      'BLACKOUT_EXISTS',
    );
    const other = await api.post(base(termId), staff, { date: '2026-10-02', period: 0 });
    expectError(
      await api.patch(`${base(termId)}/${other.json().data.id}`, staff, {
        date: '2026-10-01',
        period: null,
      }),
      409,
      'BLACKOUT_EXISTS',
    );
    const badPatch = await api.patch(`${base(termId)}/${existing.json().data.id}`, staff, {
      period: 5,
    });
    expectError(badPatch, 400, 'VALIDATION_FAILED');
    expect(badPatch.json().error.details[0].path).toBe('/body/period');
    expect(await countRows(t, 'tt_blackouts')).toBe(before + 1);
  });

  it('should refuse blackouts on a weekly grid, whose slots have no dates', async () => {
    const imported = await upload(
      t,
      '/timetabling/terms/import',
      staff,
      'tiny.json',
      JSON.stringify(tinyProblem()),
    );
    const termId = imported.json().data.id;
    const res = await api.post(base(termId), staff, { date: '2026-10-01' });
    expectError(res, 400, 'VALIDATION_FAILED');
    expect(res.json().error.details[0].path).toBe('/body/date');
    expect((await api.get(base(termId), staff)).json().data).toEqual([]);
  });

  it("should answer 404 for another term's blackout and for an unknown term", async () => {
    const termA = await datedTerm();
    const termB = await datedTerm();
    const a1 = (await api.post(base(termA), staff, { date: '2026-10-01' })).json().data;
    const wrong = `${base(termB)}/${a1.id}`;
    expectError(await api.get(wrong, staff), 404, 'BLACKOUT_NOT_FOUND');
    expectError(await api.patch(wrong, staff, { reason: 'X' }), 404, 'BLACKOUT_NOT_FOUND');
    expectError(await api.del(wrong, staff), 404, 'BLACKOUT_NOT_FOUND');
    expectError(await api.get(base(UNKNOWN_ID), staff), 404, 'TERM_NOT_FOUND');
    expectError(
      await api.post(base(UNKNOWN_ID), staff, { date: '2026-10-01' }),
      404,
      'TERM_NOT_FOUND',
    );
  });

  it('should let learners read but not write, and anonymous callers neither', async () => {
    const termId = await datedTerm();
    const b = (await api.post(base(termId), staff, { date: '2026-10-01' })).json().data;
    const one = `${base(termId)}/${b.id}`;
    expect((await api.get(one, learner)).statusCode).toBe(200);
    const body = { date: '2026-10-02' };
    expectError(await api.post(base(termId), learner, body), 403, 'PERMISSION_DENIED');
    expectError(
      await api.send('PUT', base(termId), learner, { items: [body] }),
      403,
      'PERMISSION_DENIED',
    );
    expectError(await api.patch(one, learner, { reason: 'X' }), 403, 'PERMISSION_DENIED');
    expectError(await api.del(one, learner), 403, 'PERMISSION_DENIED');
    expectError(await api.get(base(termId)), 401, 'UNAUTHORIZED');
    expectError(await api.get(one), 401, 'UNAUTHORIZED');
  });
});
