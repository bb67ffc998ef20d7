import type { Compiled } from '../compiled.js';
import { IncrementalEvaluator } from '../incremental.js';
import { SearchContext } from './context.js';
import { construct } from './greedy.js';
import { Rng } from './rng.js';
import type { Now } from './types.js';

export interface Throughput {
  evaluations: number;
  seconds: number;
  evaluationsPerSecond: number;
}

/**
 * Delta evaluations per second of random single-meeting moves (new slot and room) on a
 * constructed timetable: the figure the benchmark reports. Runs for about `ms` milliseconds of
 * `now`, which is read once per 65 536 moves.
 */
export async function measureDeltaThroughput(
  c: Compiled,
  now: Now,
  ms = 2000,
  seed = 1,
): Promise<Throughput> {
  const ev = new IncrementalEvaluator(c);
  await construct(new SearchContext(ev, { now, seed, timeLimitMs: 60_000 }));
  const rng = new Rng(seed);
  const nM = c.nMeetings;
  const nS = c.nSlots;
  const nR = c.nRooms;
  // Pre-drawn moves keep the RNG out of the measurement.
  const n = 1 << 16;
  const mm = Int32Array.from({ length: n }, () => rng.int(nM));
  const ss = Int32Array.from({ length: n }, () => rng.int(nS));
  const rr = Int32Array.from({ length: n }, () => rng.int(nR));
  let evaluations = 0;
  let sink = 0;
  const start = now();
  let at = start;
  while (at - start < ms) {
    for (let i = 0; i < n; i++) {
      ev.delta(mm[i]!, ss[i]!, rr[i]!);
      sink += ev.dSoft;
    }
    evaluations += n;
    at = now();
  }
  const seconds = (at - start) / 1000;
  if (Number.isNaN(sink)) throw new Error('unreachable');
  return { evaluations, seconds, evaluationsPerSecond: Math.round(evaluations / seconds) };
}
