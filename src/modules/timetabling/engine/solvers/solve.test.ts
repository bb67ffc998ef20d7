import { describe, expect, it } from 'vitest';
import { compile } from '../compile.js';
import { evaluate } from '../evaluate.js';
import { parseCtt } from '../formats/ctt-parser.js';
import { TOY_CTT } from '../test-support/toy.js';
import { solveCompiled } from './solve.js';
import type { Progress, SolverName } from './types.js';

const toy = () => compile(parseCtt(TOY_CTT));
const now = () => performance.now();

describe(solveCompiled.name, () => {
  it.each<SolverName>(['greedy', 'annealing', 'tabu', 'hybrid'])(
    '%s should return a consistent result on the toy instance',
    async (solver) => {
      const c = toy();
      const r = await solveCompiled(c, {
        now,
        solver,
        seed: 3,
        timeLimitMs: 10_000,
        maxIterations: 4_000,
      });
      const e = evaluate(c, r.assignment);
      expect([r.hard, r.soft]).toEqual([e.hard, e.soft]);
      expect(r.breakdown).toEqual(e.breakdown);
      if (solver !== 'greedy') expect(r.hard).toBe(0);
      expect(r.trajectory.length).toBeGreaterThan(0);
      expect(r.iterations).toBeGreaterThan(0);
    },
  );

  it('should be deterministic for a seed and an iteration budget', async () => {
    const c = toy();
    const run = (seed: number) =>
      solveCompiled(c, { now, seed, timeLimitMs: 60_000, maxIterations: 30_000 });
    const [a, b, other] = await Promise.all([run(7), run(7), run(8)]);
    expect(a.assignment).toEqual(b.assignment);
    expect(a.trajectory.map((t) => [t.iteration, t.hard, t.soft])).toEqual(
      b.trajectory.map((t) => [t.iteration, t.hard, t.soft]),
    );
    expect(a.iterations).toBe(b.iterations);
    // A different seed explores differently (the assignments of two seeds are virtually never equal).
    expect(other.assignment).not.toEqual(a.assignment);
  });

  it('should stop on abort and return the best found so far', async () => {
    const c = toy();
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 150);
    const started = performance.now();
    const r = await solveCompiled(c, { now, timeLimitMs: 30_000, signal: controller.signal });
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(r.hard).toBe(0);
    expect(evaluate(c, r.assignment).soft).toBe(r.soft);
  });

  it('should report progress at least every 250 ms with the best so far', async () => {
    const seen: Progress[] = [];
    await solveCompiled(toy(), { now, timeLimitMs: 1_200, onProgress: (p) => seen.push(p) });
    expect(seen.length).toBeGreaterThanOrEqual(4);
    for (let i = 1; i < seen.length; i++)
      expect(seen[i]!.elapsedMs - seen[i - 1]!.elapsedMs).toBeLessThanOrEqual(250);
    const last = seen[seen.length - 1]!;
    expect(last.bestHard).toBe(0);
    expect(
      seen.every(
        (p, i) =>
          i === 0 || p.bestSoft <= seen[i - 1]!.bestSoft || p.bestHard < seen[i - 1]!.bestHard,
      ),
    ).toBe(true);
  });
});
