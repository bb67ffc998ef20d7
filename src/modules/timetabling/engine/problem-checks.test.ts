import { describe, expect, it } from 'vitest';
import type { Problem } from './model.js';
import { checkProblem } from './problem-checks.js';

const base = (): Problem => ({
  name: 'tiny',
  time: { kind: 'weekly', days: 2, periodsPerDay: 2 },
  rooms: [{ id: 'R1', capacity: 30 }],
  instructors: [{ id: 'T1' }],
  courses: [{ id: 'C1', meetings: 2, students: 20, instructors: ['T1'] }],
  curricula: [{ id: 'Q1', courses: ['C1'] }],
});

describe(checkProblem.name, () => {
  it('should find nothing wrong with a consistent problem', () => {
    expect(checkProblem(base())).toEqual([]);
  });

  it('should list every problem with its path', () => {
    const p = base();
    p.rooms.push({ id: 'R1', capacity: -3 });
    p.courses[0]!.instructors.push('T9');
    p.courses[0]!.pinned = [{ room: 'R7', slot: { day: 5, period: 0 } }];
    p.curricula[0]!.courses.push('C404');
    expect(checkProblem(p)).toEqual([
      { path: 'rooms[1].id', message: 'duplicate id "R1"' },
      { path: 'rooms[1].capacity', message: 'capacity must be 0 or more, got -3' },
      { path: 'courses[0].instructors[1]', message: 'course "C1" names unknown instructor "T9"' },
      { path: 'courses[0].pinned[0].room', message: 'course "C1" is pinned to unknown room "R7"' },
      { path: 'courses[0].pinned[0].slot', message: 'day 5, period 0 is outside the 2×2 grid' },
      { path: 'curricula[0].courses[1]', message: 'curriculum "Q1" names missing course "C404"' },
    ]);
  });
});
