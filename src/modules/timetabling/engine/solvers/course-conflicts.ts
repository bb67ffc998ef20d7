import type { Compiled } from '../compiled.js';

/**
 * Course × course matrix, 1 where two courses may not meet in the same slot (a shared curriculum
 * or instructor): the pairs the clash constraints count.
 */
export function courseConflictMatrix(c: Compiled): Uint8Array {
  const n = c.nCourses;
  const conflict = new Uint8Array(n * n);
  for (let a = 0; a < n; a++) {
    for (let k = c.currConflictStart[a]!; k < c.currConflictStart[a + 1]!; k++)
      conflict[a * n + c.currConflict[k]!] = 1;
    for (let k = c.instrConflictStart[a]!; k < c.instrConflictStart[a + 1]!; k++)
      conflict[a * n + c.instrConflict[k]!] = 1;
  }
  return conflict;
}
