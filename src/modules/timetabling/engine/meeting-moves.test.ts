import { describe, expect, it } from 'vitest';
import { cloneAssignment } from './assignment.js';
import { compile } from './compile.js';
import { evaluate } from './evaluate.js';
import { IncrementalEvaluator } from './incremental.js';
import { moveEffects, rankPlacements, swapDelta } from './meeting-moves.js';
import { Rng } from './solvers/rng.js';
import { randomProblem } from './test-support/random-problem.js';
import { whyNotPlaced } from './why-unplaced.js';

/** A random problem with a random (mostly placed) assignment. */
function scenario(seed: number) {
  const c = compile(randomProblem(seed));
  const rng = new Rng(seed * 7 + 1);
  const a = { slot: new Int32Array(c.nMeetings), room: new Int32Array(c.nMeetings) };
  for (let m = 0; m < c.nMeetings; m++) {
    const placed = rng.next() < 0.85;
    a.slot[m] = placed ? rng.int(c.nSlots) : -1;
    a.room[m] = placed ? rng.int(c.nRooms) : -1;
  }
  return { c, a, rng };
}

describe(rankPlacements.name, () => {
  it('should predict exactly what a full evaluation sees after the move', () => {
    for (let seed = 1; seed <= 25; seed++) {
      const { c, a, rng } = scenario(seed);
      const m = rng.int(c.nMeetings);
      const before = evaluate(c, a, 0);
      const options = rankPlacements(c, a, m, 8);
      expect(options.length).toBe(8);
      for (let i = 1; i < options.length; i++) {
        const [p, q] = [options[i - 1]!, options[i]!];
        expect(p.deltaHard * 1e6 + p.deltaSoft).toBeLessThanOrEqual(
          q.deltaHard * 1e6 + q.deltaSoft,
        );
      }
      for (const o of options) {
        const next = cloneAssignment(a);
        next.slot[m] = o.slot;
        next.room[m] = o.room;
        const after = evaluate(c, next, 0);
        expect(after.hard - before.hard).toBe(o.deltaHard);
        expect(after.soft - before.soft).toBeCloseTo(o.deltaSoft, 9);
        const hardSum = o.effects.filter((e) => e.kind === 'hard').reduce((s, e) => s + e.delta, 0);
        expect(hardSum).toBe(o.deltaHard);
        for (const e of o.effects) {
          const b = before.breakdown[e.constraint]!;
          expect(after.breakdown[e.constraint]!.cost - b.cost).toBeCloseTo(e.delta, 9);
        }
      }
    }
  });

  it('should keep to the slots and rooms it is given', () => {
    const { c, a } = scenario(3);
    const options = rankPlacements(c, a, 0, 100, { slots: [2], rooms: [1] });
    expect(options.every((o) => o.slot === 2 && o.room === 1)).toBe(true);
  });
});

describe(swapDelta.name, () => {
  it('should equal the change a full evaluation sees', () => {
    for (let seed = 1; seed <= 15; seed++) {
      const { c, a, rng } = scenario(seed);
      const x = rng.int(c.nMeetings);
      const y = (x + 1 + rng.int(c.nMeetings - 1)) % c.nMeetings;
      const d = swapDelta(c, a, x, y);
      const next = cloneAssignment(a);
      [next.slot[x], next.slot[y]] = [a.slot[y]!, a.slot[x]!];
      [next.room[x], next.room[y]] = [a.room[y]!, a.room[x]!];
      const before = evaluate(c, a, 0);
      const after = evaluate(c, next, 0);
      expect(d.deltaHard).toBe(after.hard - before.hard);
      expect(d.deltaSoft).toBeCloseTo(after.soft - before.soft, 9);
    }
  });
});

describe(whyNotPlaced.name, () => {
  it('should call a slot open exactly when some room adds the meeting without a hard violation', () => {
    for (let seed = 1; seed <= 15; seed++) {
      const { c, a } = scenario(seed);
      const m = 0;
      a.slot[m] = -1;
      a.room[m] = -1;
      const ev = new IncrementalEvaluator(c, a);
      const ci = c.meetingCourse[m]!;
      for (const o of whyNotPlaced(c, a, m)) {
        const repeats = ev.st.courseSlot[ci * c.nSlots + o.slot]! > 0;
        const clean = Array.from({ length: c.nRooms }, (_, r) => r).filter(
          (r) =>
            !repeats &&
            !moveEffects(ev, m, o.slot, r).some((e) => e.kind === 'hard' && e.delta > 0),
        );
        expect(o.open).toBe(clean.length > 0);
        expect(o.rooms).toEqual(clean.map((r) => c.roomIds[r]));
        if (!o.open) expect(o.reasons.length).toBeGreaterThan(0);
      }
    }
  });
});
