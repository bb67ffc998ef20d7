import type { Compiled } from '../compiled.js';
import type { Violation } from './types.js';

export const courseName = (c: Compiled, ci: number): string =>
  c.problem.courses[ci]?.name ?? c.courseIds[ci]!;
export const roomName = (c: Compiled, r: number): string =>
  c.problem.rooms[r]?.name ?? c.roomIds[r]!;
export const slotLabel = (c: Compiled, s: number): string => c.grid.slotLabels[s]!;
export const dayLabel = (c: Compiled, d: number): string => {
  const label = c.grid.slotLabels[d * c.periodsPerDay]!;
  return c.grid.dayDates[d] ? label.split(' ').slice(0, 2).join(' ') : label.split(' ')[0]!;
};
export const curriculumName = (c: Compiled, q: number): string =>
  c.problem.curricula[q]?.name ?? c.curriculumIds[q]!;
export const instructorName = (c: Compiled, i: number): string =>
  c.problem.instructors.find((x) => x.id === c.instructorIds[i])?.name ?? c.instructorIds[i]!;

export function violation(
  constraint: string,
  cost: number,
  message: string,
  parts: Partial<Violation> = {},
): Violation {
  return {
    constraint,
    cost,
    courses: parts.courses ?? [],
    rooms: parts.rooms ?? [],
    instructors: parts.instructors ?? [],
    curricula: parts.curricula ?? [],
    slots: parts.slots ?? [],
    message,
  };
}

/** Counts placements per (row, column) from scratch; used by full evaluations. */
export function countBy(n: number, p: { length: number }, key: (i: number) => number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < p.length; i++) {
    const k = key(i);
    if (k >= 0) out[k]!++;
  }
  return out;
}
