import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { expectError } from '../helpers/factories.js';
import { timetablingTestApp, tinyProblem, upload } from './tt-helpers.js';

const { t, api, staff, learner } = timetablingTestApp({ staff: 'staff', learner: 'learner' });

const importTiny = async () =>
  (
    await upload(t, '/timetabling/terms/import', staff, 'tiny.json', JSON.stringify(tinyProblem()))
  ).json().data.id as string;

const stats = async () => {
  const res = await api.get('/timetabling/stats', learner);
  expect(res.statusCode).toBe(200);
  return res.json().data;
};

async function waitForSolve(solveId: string) {
  const until = Date.now() + 20_000;
  for (;;) {
    const s = (await api.get(`/timetabling/solves/${solveId}`, staff)).json().data;
    if (s.status === 'completed' || s.status === 'failed' || Date.now() > until) return s;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A schedule written straight to the tables: `meetings` as [course code, slot, room code]. */
async function insertSchedule(
  termId: string,
  meetings: Array<[string, number | null, string | null]>,
  createdAt: string,
) {
  const id = randomUUID();
  await t.database.query(
    `insert into tt_schedules (id, term_id, name, origin, hard, soft, created_at)
     values ($1, $2, 'manual', 'manual', 0, 0, $3)`,
    [id, termId, createdAt],
  );
  const seen = new Map<string, number>();
  for (const [course, slot, room] of meetings) {
    const meeting = seen.get(course) ?? 0;
    seen.set(course, meeting + 1);
    await t.database.query(
      `insert into tt_assignments (id, schedule_id, course_id, meeting, slot, room_id)
       values ($1, $2, (select id from tt_courses where term_id = $3 and code = $4), $5, $6,
               (select id from tt_rooms where term_id = $3 and code = $7))`,
      [randomUUID(), id, termId, course, meeting, slot, room],
    );
  }
  return id;
}

describe('timetabling stats', () => {
  it('should count terms, solves and schedules and measure room use', async () => {
    expect(await stats()).toEqual({
      terms: 0,
      solves: {
        total: 0,
        byStatus: { queued: 0, running: 0, completed: 0, cancelled: 0, failed: 0 },
        last7Days: 0,
      },
      schedules: 0,
      published: 0,
      roomUtilisation: [],
    });

    const solved = await importTiny();
    const res = await api.post(`/timetabling/terms/${solved}/solves`, staff, {
      solver: 'greedy',
      timeLimitSeconds: 1,
      seed: 3,
    });
    const solve = await waitForSolve(res.json().data.id);
    expect(solve.status).toBe('completed');
    const [seats] = await t.database.query<{ students: number; capacity: number }>(
      `select sum(c.students)::int as students, sum(r.capacity)::int as capacity
       from tt_assignments a join tt_courses c on c.id = a.course_id join tt_rooms r on r.id = a.room_id
       where a.schedule_id = $1 and a.slot is not null`,
      [solve.scheduleId],
    );

    // 2 rooms × 6 slots; MATH meets twice in R1 (35 + 35 seats of 40 each), ART once unplaced.
    const manual = await importTiny();
    const older = await insertSchedule(
      manual,
      [
        ['MATH', 0, 'R1'],
        ['MATH', 1, 'R1'],
        ['ART', null, null],
      ],
      '2026-01-01T00:00:00Z',
    );
    const after = await stats();
    expect(after).toMatchObject({
      terms: 2,
      solves: { total: 1, byStatus: { completed: 1, queued: 0 }, last7Days: 1 },
      schedules: 2,
      published: 0,
    });
    const byTerm = new Map(
      after.roomUtilisation.map((u: { termId: string }) => [u.termId, u] as const),
    );
    expect(byTerm.get(solved)).toEqual({
      termId: solved,
      termName: 'Tiny school',
      scheduleId: solve.scheduleId,
      published: false,
      utilisation: Math.round((7 / 12) * 10_000) / 10_000,
      seatUtilisation: Math.round((seats!.students / seats!.capacity) * 10_000) / 10_000,
    });
    expect(byTerm.get(manual)).toMatchObject({
      scheduleId: older,
      utilisation: Math.round((2 / 12) * 10_000) / 10_000,
      seatUtilisation: Math.round((70 / 80) * 10_000) / 10_000,
    });

    // The latest schedule counts, unless another is published.
    const newer = await insertSchedule(manual, [], '2026-02-01T00:00:00Z');
    const latest = (await stats()).roomUtilisation.find(
      (u: { termId: string }) => u.termId === manual,
    );
    expect(latest).toMatchObject({ scheduleId: newer, utilisation: 0, seatUtilisation: 0 });
    await t.database.query(
      'update tt_schedules set published = true, published_at = now() where id = $1',
      [older],
    );
    const withPublished = await stats();
    expect(withPublished.published).toBe(1);
    expect(
      withPublished.roomUtilisation.find((u: { termId: string }) => u.termId === manual),
    ).toMatchObject({ scheduleId: older, published: true });
  });

  it('should leave closed dates and periods of a dated term out of its slots', async () => {
    // Monday 7 to Friday 11 September, 2 periods: 10 slots, less a holiday (2) and a period (1).
    const term = await api.post('/timetabling/terms', staff, {
      name: 'One week',
      kind: 'dated',
      startDate: '2026-09-07',
      endDate: '2026-09-11',
      weekdays: [1, 2, 3, 4, 5],
      periods: [
        { start: '08:00', end: '10:00' },
        { start: '10:15', end: '12:15' },
      ],
    });
    const termId = term.json().data.id;
    const base = `/timetabling/terms/${termId}`;
    await api.send('PUT', `${base}/rooms`, staff, { items: [{ code: 'HALL', capacity: 100 }] });
    await api.post(`${base}/courses`, staff, { code: 'TALK', meetings: 1, students: 25 });
    await api.send('PUT', `${base}/blackouts`, staff, {
      items: [{ date: '2026-09-09' }, { date: '2026-09-10', period: 1 }],
    });
    const scheduleId = await insertSchedule(termId, [['TALK', 0, 'HALL']], '2026-03-01T00:00:00Z');
    const row = (await stats()).roomUtilisation.find(
      (u: { termId: string }) => u.termId === termId,
    );
    expect(row).toMatchObject({
      scheduleId,
      utilisation: Math.round((1 / 7) * 10_000) / 10_000,
      seatUtilisation: 0.25,
    });
  });

  it('should need a signed-in reader', async () => {
    expectError(await api.get('/timetabling/stats'), 401, 'UNAUTHORIZED');
  });
});
