import { describe, expect, it } from 'vitest';
import { expectError } from '../helpers/factories.js';
import { roomyProblem, scheduleOf, solvedTerm } from './schedules-fixtures.js';
import { timetablingTestApp, tinyProblem } from './tt-helpers.js';

const { t, api, staff } = timetablingTestApp({ staff: 'staff' });

async function finished(id: string) {
  const until = Date.now() + 30_000;
  for (;;) {
    const s = (await api.get(`/timetabling/solves/${id}`, staff)).json().data;
    if (s.status === 'completed' || s.status === 'failed' || Date.now() > until) return s;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('re-solve as a solve job', () => {
  it('should re-solve from a schedule after a room is withdrawn, moving few meetings', async () => {
    const { termId, scheduleId } = await solvedTerm(t, api, staff, roomyProblem(), 2);
    const before = await scheduleOf(api, staff, scheduleId);
    expect(before.hard).toBe(0);
    const used = (code: string) => before.meetings.filter((m) => m.room === code).length;
    const busiest = ['R0', 'R1', 'R2', 'R3'].sort((a, b) => used(b) - used(a))[0]!;
    const inWithdrawn = used(busiest);
    const roomId = before.meetings.find((m) => m.room === busiest)!.roomId!;
    const room = `/timetabling/terms/${termId}/rooms/${roomId}`;
    expect((await api.del(`${room}?force=true`, staff)).statusCode).toBe(204);

    const started = await api.post(`/timetabling/terms/${termId}/solves`, staff, {
      solver: 'hybrid',
      timeLimitSeconds: 2,
      seed: 2,
      fromScheduleId: scheduleId,
      perturbationWeight: 50,
    });
    expect(started.statusCode).toBe(202);
    expect(started.json().data).toMatchObject({ fromScheduleId: scheduleId, reSolve: null });
    const solve = await finished(started.json().data.id);
    expect(solve.status).toBe('completed');
    expect(solve.bestHard).toBe(0);
    expect(solve.reSolve).toMatchObject({ fromScheduleId: scheduleId, displaced: inWithdrawn });
    expect(solve.reSolve.moved).toBeGreaterThanOrEqual(inWithdrawn);
    expect(solve.reSolve.moved).toBeLessThanOrEqual(inWithdrawn + 3);

    const after = (await api.get(`/timetabling/schedules/${solve.scheduleId}`, staff)).json().data;
    expect(after).toMatchObject({ origin: 'resolve', hard: 0, solveId: solve.id });
    expect(after.meetings.every((m: { roomId: string | null }) => m.roomId !== null)).toBe(true);
    const diff = (
      await api.get(`/timetabling/schedules/compare?a=${scheduleId}&b=${solve.scheduleId}`, staff)
    ).json().data;
    expect(diff.moved).toBe(solve.reSolve.moved);
    expect(diff.moved).toBeLessThanOrEqual(inWithdrawn + 3);

    const job = (await api.get(`/jobs/${solve.jobId}`, staff)).json().data;
    expect(job.result).toMatchObject({ scheduleId: solve.scheduleId, moved: diff.moved });
  });

  it('should refuse a schedule of another term, naming the field', async () => {
    const one = await solvedTerm(t, api, staff, tinyProblem());
    const other = await solvedTerm(t, api, staff, tinyProblem());
    const res = await api.post(`/timetabling/terms/${one.termId}/solves`, staff, {
      solver: 'hybrid',
      timeLimitSeconds: 1,
      fromScheduleId: other.scheduleId,
    });
    expectError(res, 422, 'FROM_SCHEDULE_INVALID');
    expect(res.json().error.details[0].path).toBe('/body/fromScheduleId');
    const unknown = await api.post(`/timetabling/terms/${one.termId}/solves`, staff, {
      solver: 'hybrid',
      timeLimitSeconds: 1,
      fromScheduleId: '00000000-0000-4000-8000-000000000000',
    });
    expectError(unknown, 422, 'FROM_SCHEDULE_INVALID');
    const weightAlone = await api.post(`/timetabling/terms/${one.termId}/solves`, staff, {
      solver: 'hybrid',
      timeLimitSeconds: 1,
      perturbationWeight: 5,
    });
    expectError(weightAlone, 400, 'VALIDATION_FAILED');
    expect(weightAlone.json().error.details[0].path).toBe('/body/perturbationWeight');
  });

  it('should run a portfolio re-solve on one thread and store it', async () => {
    const { termId, scheduleId } = await solvedTerm(t, api, staff, tinyProblem());
    const started = await api.post(`/timetabling/terms/${termId}/solves`, staff, {
      solver: 'portfolio',
      timeLimitSeconds: 0.5,
      fromScheduleId: scheduleId,
    });
    expect(started.statusCode).toBe(202);
    const solve = await finished(started.json().data.id);
    expect(solve.status).toBe('completed');
    // Nothing changed in the term: the re-solve keeps every meeting where it was.
    expect(solve.reSolve).toEqual({ fromScheduleId: scheduleId, moved: 0, displaced: 0 });
  });
});
