import { describe, expect, it } from 'vitest';
import { compile } from './compile.js';
import { findInfeasibilities } from './feasibility.js';
import type { Problem } from './model.js';

const problem = (meetings: number): Problem => ({
  name: 'p',
  time: { kind: 'weekly', days: 2, periodsPerDay: 2 },
  rooms: [{ id: 'R', capacity: 10 }],
  instructors: [{ id: 'T', unavailable: [{ day: 0, period: 0 }] }],
  courses: [{ id: 'C', meetings, students: 5, instructors: ['T'] }],
  curricula: [],
});

describe(findInfeasibilities.name, () => {
  it('should accept a course with enough open slots', () => {
    expect(findInfeasibilities(compile(problem(3)))).toEqual([]);
  });

  it('should name a course needing more meetings than its open slots', () => {
    expect(findInfeasibilities(compile(problem(4)))).toEqual([
      {
        course: 'C',
        reason: 'course "C" needs 4 meetings but only 3 of the 4 slots are open to it',
      },
    ]);
  });
});
