import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toPlacements } from '../assignment.js';
import { compile } from '../compile.js';
import type { Compiled } from '../compiled.js';
import { evaluate } from '../evaluate.js';
import { parseCtt } from '../formats/ctt-parser.js';
import { IncrementalEvaluator } from '../incremental.js';
import { Rng } from '../solvers/rng.js';
import { TimetableState } from '../state.js';
import { randomProblem } from '../test-support/random-problem.js';
import { TOY_CTT } from '../test-support/toy.js';
import { CONSTRAINTS } from './registry.js';

function withPrevious(c: Compiled, rng: Rng): Compiled {
  const previousSlot = Int32Array.from({ length: c.nMeetings }, () =>
    rng.next() < 0.8 ? rng.int(c.nSlots) : -1,
  );
  const previousRoom = Int32Array.from({ length: c.nMeetings }, () => rng.int(c.nRooms));
  return { ...c, previousSlot, previousRoom };
}

/** Random walk: after each move, each constraint's running total (sum of deltas) equals its full evaluation. */
function walk(c: Compiled, seed: number, steps: number) {
  const rng = new Rng(seed);
  const st = new TimetableState(c);
  const totals = CONSTRAINTS.map((k) => k.evaluate(c, toPlacements(c, st)));
  for (let i = 0; i < steps; i++) {
    const m = rng.int(c.nMeetings);
    const s = rng.next() < 0.1 ? -1 : rng.int(c.nSlots);
    const r = rng.int(c.nRooms);
    CONSTRAINTS.forEach((k, j) => {
      totals[j] = totals[j]! + k.delta(st, m, s, r);
    });
    st.place(m, s, r);
    const p = toPlacements(c, st);
    CONSTRAINTS.forEach((k, j) => {
      const full = k.evaluate(c, p);
      if (full !== totals[j])
        throw new Error(`${k.id}: full ${full} != sum of deltas ${totals[j]} after step ${i}`);
    });
  }
  const p = toPlacements(c, st);
  for (const k of CONSTRAINTS) {
    expect(
      k.explain(c, p).reduce((sum, v) => sum + v.cost, 0),
      k.id,
    ).toBe(k.evaluate(c, p));
  }
}

describe('constraint registry', () => {
  it('should have unique ids, hard first, with positive default weights', () => {
    const ids = CONSTRAINTS.map((k) => k.id);
    expect(new Set(ids).size).toBe(ids.length);
    const firstSoft = CONSTRAINTS.findIndex((k) => k.kind === 'soft');
    expect(CONSTRAINTS.slice(firstSoft).every((k) => k.kind === 'soft')).toBe(true);
    for (const k of CONSTRAINTS) expect(k.id.startsWith(`${k.kind}.`)).toBe(true);
  });

  it('should make every constraint applicable in the random fixture family', () => {
    const seen = new Set<string>();
    for (let seed = 1; seed <= 30; seed++) {
      const c = withPrevious(compile(randomProblem(seed)), new Rng(seed));
      for (const k of CONSTRAINTS) if (k.applies(c)) seen.add(k.id);
    }
    expect([...seen].sort()).toEqual(CONSTRAINTS.map((k) => k.id).sort());
  });

  it('should keep full evaluation equal to the sum of deltas along random walks (dated problems)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        (pSeed, wSeed) => {
          const c = withPrevious(compile(randomProblem(pSeed)), new Rng(pSeed + 1));
          walk(c, wSeed, 50);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('should keep full evaluation equal to the sum of deltas along random walks (toy ITC instance)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), (seed) => {
        walk(compile(parseCtt(TOY_CTT)), seed, 100);
      }),
      { numRuns: 25 },
    );
  });

  it('should keep the incremental evaluator totals equal to a full evaluation', () => {
    const c = withPrevious(compile(randomProblem(7)), new Rng(3));
    const ev = new IncrementalEvaluator(c);
    const rng = new Rng(11);
    for (let i = 0; i < 500; i++) {
      const m = rng.int(c.nMeetings);
      ev.move(m, rng.int(c.nSlots), rng.int(c.nRooms));
    }
    const e = evaluate(c, ev.st.assignment());
    expect(ev.hard).toBe(e.hard);
    expect(ev.soft).toBeCloseTo(e.soft, 9);
  });
});
