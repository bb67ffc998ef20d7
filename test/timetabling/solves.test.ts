import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile, evaluatePlacements, readItcSolution } from '#modules/timetabling/engine/index.js';
import { loadProblemFile } from '#modules/timetabling/runner/index.js';
import { expectError } from '../helpers/factories.js';
import {
  HAS_ITC,
  ITC_DIR,
  ITC_SKIP_NOTE,
  timetablingTestApp,
  tinyProblem,
  upload,
} from './tt-helpers.js';

const { t, api, staff, learner } = timetablingTestApp({ staff: 'staff', learner: 'learner' });

async function importTerm(fileName: string, content: string) {
  const res = await upload(t, '/timetabling/terms/import', staff, fileName, content);
  expect(res.statusCode).toBe(201);
  return res.json().data.id as string;
}

async function waitFor(
  solveId: string,
  done: (s: { status: string; scheduleId: string | null }) => boolean,
  ms = 20_000,
) {
  const until = Date.now() + ms;
  for (;;) {
    const s = (await api.get(`/timetabling/solves/${solveId}`, staff)).json().data;
    if (done(s) || Date.now() > until) return s;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('solves', () => {
  it('should solve a term as a job to a feasible schedule with its meetings', async () => {
    const termId = await importTerm('tiny.json', JSON.stringify(tinyProblem()));
    const res = await api.post(`/timetabling/terms/${termId}/solves`, staff, {
      solver: 'hybrid',
      timeLimitSeconds: 1,
      seed: 7,
    });
    expect(res.statusCode).toBe(202);
    expect(res.json().data.status).toBe('queued');
    const second = await api.post(`/timetabling/terms/${termId}/solves`, staff, {
      solver: 'greedy',
      timeLimitSeconds: 1,
    });
    expectError(second, 409, 'SOLVE_IN_PROGRESS');
    const solve = await waitFor(
      res.json().data.id,
      (s) => s.status === 'completed' || s.status === 'failed',
    );
    expect(solve).toMatchObject({ status: 'completed', percent: 100, bestHard: 0 });
    const schedule = (await api.get(`/timetabling/schedules/${solve.scheduleId}`, learner)).json()
      .data;
    expect(schedule).toMatchObject({ hard: 0, origin: 'solve', published: false });
    expect(schedule.meetings).toHaveLength(7);
    const math = schedule.meetings.filter((m: { course: string }) => m.course === 'MATH');
    expect(new Set(math.map((m: { day: number }) => m.day)).size).toBe(2);
    for (const m of schedule.meetings) {
      expect(m.room).toMatch(/^R[12]$/);
      expect(m.start).toBe(['08:00', '10:00', '14:00'][m.period]);
    }
    expect(
      (await api.get(`/timetabling/schedules/${solve.scheduleId}/conflicts`, staff)).json().data,
    ).toEqual([]);
    const analysis = (
      await api.get(`/timetabling/schedules/${solve.scheduleId}/analysis`, staff)
    ).json().data;
    expect(analysis.hard).toBe(0);
    expect(analysis.soft).toBe(schedule.soft);
    // Break it by hand: ART's two meetings into MATH's first slot and room.
    const first = math[0];
    await t.database.query(
      `update tt_assignments set slot = $1, room_id = $2 where schedule_id = $3 and course_id = (select id from tt_courses where term_id = $4 and code = 'ART')`,
      [first.slot, first.roomId, solve.scheduleId, termId],
    );
    const conflicts = (
      await api.get(`/timetabling/schedules/${solve.scheduleId}/conflicts`, staff)
    ).json().data;
    const clash = conflicts.filter((c: { type: string }) => c.type === 'hard.no_room_clash');
    expect(clash.length).toBeGreaterThan(0);
    expect(clash[0].rooms).toEqual([first.room]);
    expect(clash[0].message).toMatch(
      new RegExp(`(MATH and ART|ART and MATH).* in room ${first.room} at `),
    );
    const summary = (
      await api.get(`/timetabling/schedules/${solve.scheduleId}/conflicts/summary`, staff)
    ).json().data;
    expect(summary.total).toBe(conflicts.length);
    expect(
      summary.byType.find((x: { type: string }) => x.type === 'hard.no_room_clash').count,
    ).toBe(clash.length);
    const types = (await api.get('/timetabling/conflict-types', learner)).json().data;
    expect(types.map((x: { id: string }) => x.id)).toContain('hard.no_room_clash');
    const list = await api.get(`/timetabling/terms/${termId}/schedules`, staff);
    expect(list.json().data.map((s: { id: string }) => s.id)).toEqual([solve.scheduleId]);
    const published = await api.post(`/timetabling/schedules/${solve.scheduleId}/publish`, staff);
    expect(published.json().data.published).toBe(true);
    expectError(
      await api.post(`/timetabling/schedules/${solve.scheduleId}/publish`, learner),
      403,
      'PERMISSION_DENIED',
    );
  });

  it('should cancel a running solve keeping the best schedule found', async () => {
    const termId = await importTerm('tiny.json', JSON.stringify(tinyProblem()));
    const res = await api.post(`/timetabling/terms/${termId}/solves`, staff, {
      solver: 'annealing',
      timeLimitSeconds: 30,
    });
    const id = res.json().data.id;
    await waitFor(id, (s) => s.status === 'running');
    await new Promise((r) => setTimeout(r, 600));
    const cancelled = await api.post(`/timetabling/solves/${id}/cancel`, staff);
    expect(cancelled.statusCode).toBe(200);
    const solve = await waitFor(
      id,
      (s) => s.status === 'cancelled' && s.scheduleId !== null,
      10_000,
    );
    expect(solve.status).toBe('cancelled');
    expect(solve.scheduleId).not.toBeNull();
    expect(solve.percent).toBeLessThan(50);
    expectError(await api.post(`/timetabling/solves/${id}/cancel`, staff), 409, 'SOLVE_FINISHED');
  });

  it('should refuse an infeasible term before solving, with the reason', async () => {
    const p = tinyProblem();
    p.courses[0]!.meetings = 7;
    const termId = await importTerm('too-many.json', JSON.stringify(p));
    const res = await api.post(`/timetabling/terms/${termId}/solves`, staff, {
      solver: 'hybrid',
      timeLimitSeconds: 1,
    });
    expectError(res, 422, 'TERM_INFEASIBLE');
    expect(res.json().error.message).toContain(
      'course "MATH" needs 7 meetings but only 6 of the 6 slots are open to it',
    );
    expectError(
      await api.post(`/timetabling/terms/${termId}/solves`, staff, {
        solver: 'magic',
        timeLimitSeconds: 1,
      }),
      400,
      'VALIDATION_FAILED',
    );
  });

  it.skipIf(!HAS_ITC)(
    `should import a shared .ctt, solve it, and export the official format the validator scores (${HAS_ITC ? 'comp01' : ITC_SKIP_NOTE})`,
    async () => {
      const path = join(ITC_DIR, 'comp01.ctt');
      const termId = await importTerm('comp01.ctt', readFileSync(path, 'utf8'));
      const res = await api.post(`/timetabling/terms/${termId}/solves`, staff, {
        solver: 'hybrid',
        timeLimitSeconds: 2,
        seed: 1,
      });
      const solve = await waitFor(
        res.json().data.id,
        (s) => s.status === 'completed' || s.status === 'failed',
      );
      expect(solve.status).toBe('completed');
      const exported = await api.get(
        `/timetabling/schedules/${solve.scheduleId}/export?format=ctt`,
        staff,
      );
      expect(exported.statusCode).toBe(200);
      const compiled = compile(loadProblemFile(path).problem);
      const read = readItcSolution(compiled, exported.body);
      expect(read.warnings).toEqual([]);
      const scored = evaluatePlacements(compiled, read.placements);
      expect(scored.hard).toBe(solve.bestHard);
      expect(scored.soft).toBe(solve.bestSoft);
      expect(exported.body.trim().split('\n')).toHaveLength(160);
    },
    30_000,
  );
});
