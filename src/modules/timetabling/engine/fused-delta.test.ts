import { describe, expect, it } from 'vitest';
import { HAS_ITC, loadItcInstance } from '../runner/itc-data.js';
import { compile } from './compile.js';
import type { Compiled } from './compiled.js';
import { evaluate } from './evaluate.js';
import { parseCtt } from './formats/ctt-parser.js';
import { IncrementalEvaluator } from './incremental.js';
import { Rng } from './solvers/rng.js';
import { TOY_CTT } from './test-support/toy.js';

function compareAlongWalk(c: Compiled, seed: number, steps: number) {
  const fast = new IncrementalEvaluator(c);
  const slow = new IncrementalEvaluator(c, undefined, { generic: true });
  expect(fast.usesFusedDelta).toBe(true);
  expect(slow.usesFusedDelta).toBe(false);
  const rng = new Rng(seed);
  for (let i = 0; i < steps; i++) {
    const m = rng.int(c.nMeetings);
    const s = rng.next() < 0.05 ? -1 : rng.int(c.nSlots);
    const r = rng.next() < 0.5 ? slow.st.room[m]! : rng.int(c.nRooms);
    fast.delta(m, s, r);
    slow.delta(m, s, r);
    if (fast.dHard !== slow.dHard || fast.dSoft !== slow.dSoft) {
      throw new Error(
        `step ${i}: fused (${fast.dHard}, ${fast.dSoft}) != registry (${slow.dHard}, ${slow.dSoft})`,
      );
    }
    fast.commit(m, s, r);
    slow.commit(m, s, r);
  }
  const e = evaluate(c, fast.st.assignment(), 0);
  expect([fast.hard, fast.soft]).toEqual([e.hard, e.soft]);
}

describe('fusedDelta', () => {
  it('should equal the sum of the registry deltas on the toy instance', () => {
    for (let seed = 1; seed <= 20; seed++) compareAlongWalk(compile(parseCtt(TOY_CTT)), seed, 300);
  });

  it.skipIf(!HAS_ITC)(
    'should equal the sum of the registry deltas on comp05 and comp07 (skipped without ../shared/data)',
    () => {
      for (const name of ['comp05.ctt', 'comp07.ctt']) {
        compareAlongWalk(compile(loadItcInstance(name)), 42, 4000);
      }
    },
  );

  it('should not be used when other constraints are active', () => {
    const p = parseCtt(TOY_CTT);
    p.weights = { ...p.weights, 'soft.instructor_load': 1 };
    expect(new IncrementalEvaluator(compile(p)).usesFusedDelta).toBe(false);
  });
});
