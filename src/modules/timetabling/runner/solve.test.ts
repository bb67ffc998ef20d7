import { describe, expect, it } from 'vitest';
import { compile, evaluate, type Progress, parseCtt } from '../engine/index.js';
import { TOY_CTT } from '../engine/test-support/toy.js';
import { HAS_ITC, loadItcInstance } from './itc-data.js';
import { solve } from './solve.js';

const toy = () => compile(parseCtt(TOY_CTT));

describe.skipIf(!HAS_ITC)('ITC-2007 comp01 (skipped without ../shared/data/itc2007-ctt)', () => {
  it('should reach a feasible timetable within a few seconds', async () => {
    const problem = loadItcInstance('comp01.ctt');
    const r = await solve(problem, { timeLimitMs: 3_000, seed: 1 });
    expect(r.hard).toBe(0);
    expect(r.trajectory.find((t) => t.hard === 0)!.elapsedMs).toBeLessThan(3_000);
    expect(r.soft).toBeGreaterThanOrEqual(5);
  });
});

describe('portfolio', () => {
  it('should run members in worker threads, keep the best and stop on abort', async () => {
    const controller = new AbortController();
    const progress: Progress[] = [];
    let ticks = 0;
    const timer = setInterval(() => ticks++, 20);
    setTimeout(() => controller.abort(), 2_500);
    const r = await solve(parseCtt(TOY_CTT), {
      solver: 'portfolio',
      threads: 2,
      timeLimitMs: 60_000,
      signal: controller.signal,
      onProgress: (p) => progress.push(p),
    }).finally(() => clearInterval(timer));
    expect(r.solver).toBe('portfolio');
    expect(r.hard).toBe(0);
    expect(evaluate(toy(), r.assignment).soft).toBe(r.soft);
    // The main thread kept ticking while the workers solved.
    expect(ticks).toBeGreaterThan(40);
    expect(progress.some((p) => p.phase === 'portfolio×2')).toBe(true);
  });
});
