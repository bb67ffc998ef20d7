import type { Now } from '../engine/index.js';

/** The clock solves run on outside tests: monotonic, sub-millisecond, unaffected by clock changes. */
export const monotonicNow: Now = () => performance.now();
