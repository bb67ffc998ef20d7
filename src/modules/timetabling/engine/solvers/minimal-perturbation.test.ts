import { describe, expect, it } from 'vitest';
import { compile } from '../compile.js';
import type { Problem } from '../model.js';
import { placedMeetings, reSolve } from './minimal-perturbation.js';
import { solveCompiled } from './solve.js';

const now = () => performance.now();

function weeklyProblem(): Problem {
  const courses = Array.from({ length: 8 }, (_, i) => ({
    id: `C${i}`,
    meetings: 3,
    students: 20 + i * 3,
    instructors: [`T${i % 4}`],
    minDays: 3,
  }));
  return {
    name: 'mpp',
    time: { kind: 'weekly', days: 5, periodsPerDay: 4 },
    courses,
    rooms: ['R0', 'R1', 'R2', 'R3'].map((id, i) => ({ id, capacity: 30 + 10 * i })),
    instructors: [],
    curricula: [
      { id: 'Y1', courses: ['C0', 'C1', 'C2', 'C3'] },
      { id: 'Y2', courses: ['C4', 'C5', 'C6', 'C7'] },
    ],
  };
}

describe(reSolve.name, () => {
  it('should move only the displaced meetings when a room is withdrawn', async () => {
    const problem = weeklyProblem();
    const c = compile(problem);
    const first = await solveCompiled(c, {
      now,
      seed: 1,
      timeLimitMs: 10_000,
      maxIterations: 40_000,
    });
    expect(first.hard).toBe(0);
    const previous = placedMeetings(c, first.assignment);
    // Withdraw the busiest room.
    const used = (id: string) => previous.filter((p) => p.room === id).length;
    const withdrawn = problem.rooms.map((x) => x.id).sort((a, b) => used(b) - used(a))[0]!;
    const inWithdrawn = used(withdrawn);
    expect(inWithdrawn).toBeGreaterThan(0);

    const changed: Problem = { ...problem, rooms: problem.rooms.filter((x) => x.id !== withdrawn) };
    const r = await reSolve(changed, previous, {
      now,
      seed: 2,
      timeLimitMs: 10_000,
      maxIterations: 40_000,
      perturbationWeight: 50,
    });
    expect(r.hard).toBe(0);
    expect(r.displaced).toBe(inWithdrawn);
    expect(r.moved).toBeGreaterThanOrEqual(inWithdrawn);
    expect(r.moved).toBeLessThanOrEqual(inWithdrawn + 2);

    // Solving the changed problem from scratch moves far more meetings.
    const c2 = compile(changed);
    const scratch = await solveCompiled(c2, {
      now,
      seed: 3,
      timeLimitMs: 10_000,
      maxIterations: 40_000,
    });
    const after = placedMeetings(c2, scratch.assignment);
    const movedFromScratch = after.filter(
      (p, i) => p.slot !== previous[i]!.slot || p.room !== previous[i]!.room,
    ).length;
    expect(movedFromScratch).toBeGreaterThan(r.moved);
  });

  it('should keep every existing meeting in place when a course is added and there is room', async () => {
    const problem = weeklyProblem();
    const c = compile(problem);
    const first = await solveCompiled(c, {
      now,
      seed: 4,
      timeLimitMs: 10_000,
      maxIterations: 30_000,
    });
    const previous = placedMeetings(c, first.assignment);
    const changed: Problem = {
      ...problem,
      courses: [...problem.courses, { id: 'NEW', meetings: 2, students: 10, instructors: ['T9'] }],
    };
    const r = await reSolve(changed, previous, {
      now,
      seed: 5,
      timeLimitMs: 10_000,
      maxIterations: 30_000,
      perturbationWeight: 100,
    });
    expect(r.hard).toBe(0);
    expect(r.moved).toBe(0);
    expect(r.breakdown['soft.perturbation']).toMatchObject({ count: 0, weight: 100 });
  });
});
