import { describe, expect, it } from 'vitest';
import { compile } from '../compile.js';
import { evaluate } from '../evaluate.js';
import { parseCtt } from '../formats/ctt-parser.js';
import { IncrementalEvaluator } from '../incremental.js';
import { TOY_CTT } from '../test-support/toy.js';
import { SearchContext } from './context.js';
import { CoolingSchedule } from './cooling-schedule.js';
import { annealFeasible } from './feasible-annealing.js';
import { construct } from './greedy.js';
import { repair } from './repair.js';
import { RoomOccupancy } from './room-occupancy.js';

const now = () => performance.now();

const PARAMS = {
  startTemperature: 3,
  endTemperature: 0.1,
  coolingRate: 0.9,
  acceptedCutoff: 0.1,
  kempeRate: 0.05,
  roomRate: 0.1,
  keepRoomRate: 0.45,
};

describe(annealFeasible.name, () => {
  it('should stay feasible, keep the totals exact and never end worse than it started', async () => {
    const c = compile(parseCtt(TOY_CTT));
    const ev = new IncrementalEvaluator(c);
    const ctx = new SearchContext(ev, { now, seed: 5, timeLimitMs: 60_000, maxIterations: 60_000 });
    await construct(ctx);
    await repair(ctx);
    expect(ev.hard).toBe(0);
    ctx.offer();
    const startSoft = ev.soft;
    await annealFeasible(ctx, PARAMS);
    const e = evaluate(c, ev.st.assignment(), 0);
    expect([ev.hard, ev.soft]).toEqual([0, e.soft]);
    expect(ctx.bestHard).toBe(0);
    expect(ctx.bestSoft).toBeLessThanOrEqual(startSoft);
    expect(evaluate(c, ctx.best, 0).soft).toBe(ctx.bestSoft);
    // The occupancy map it kept in step matches the final timetable.
    const fresh = new RoomOccupancy(ev.st);
    for (let m = 0; m < c.nMeetings; m++) expect(fresh.at(ev.st.room[m]!, ev.st.slot[m]!)).toBe(m);
  });
});

describe(CoolingSchedule.name, () => {
  it('should reach the final temperature within an iteration budget', () => {
    const c = compile(parseCtt(TOY_CTT));
    const ctx = new SearchContext(new IncrementalEvaluator(c), { now, maxIterations: 100_000 });
    const schedule = new CoolingSchedule(ctx, { ...PARAMS, acceptedCutoff: 1 });
    while (ctx.iterations < 100_000) {
      if (schedule.samplesLeft <= 0) schedule.nextLevel();
      schedule.samplesLeft--;
      ctx.iterations++;
    }
    expect(schedule.temperature).toBeCloseTo(PARAMS.endTemperature, 6);
  });
});
