import { describe, expect, it } from 'vitest';
import { compile } from '../compile.js';
import { evaluate } from '../evaluate.js';
import { parseCtt } from '../formats/ctt-parser.js';
import { IncrementalEvaluator } from '../incremental.js';
import { TOY_CTT } from '../test-support/toy.js';
import { KempeMove } from './kempe.js';
import { Rng } from './rng.js';

describe(KempeMove.name, () => {
  it('should keep the totals exact, never put two conflicting chain meetings together, and undo exactly', () => {
    const c = compile(parseCtt(TOY_CTT));
    const ev = new IncrementalEvaluator(c);
    const rng = new Rng(9);
    for (let m = 0; m < c.nMeetings; m++) ev.move(m, rng.int(c.nSlots), rng.int(c.nRooms));
    const kempe = new KempeMove(ev);
    let applied = 0;
    for (let i = 0; i < 300; i++) {
      const before = ev.st.assignment();
      const [h0, s0] = [ev.hard, ev.soft];
      const m = rng.int(c.nMeetings);
      const s1 = ev.st.slot[m]!;
      const s2 = rng.int(c.nSlots);
      if (!kempe.apply(m, s2, rng)) continue;
      applied++;
      const e = evaluate(c, ev.st.assignment(), 0);
      expect([ev.hard, ev.soft]).toEqual([e.hard, e.soft]);
      // Every chain meeting traded s1 and s2.
      expect(ev.st.slot[m]).toBe(s2);
      for (let x = 0; x < c.nMeetings; x++) {
        if (before.slot[x] === s1 || before.slot[x] === s2)
          expect([s1, s2]).toContain(ev.st.slot[x]);
        else expect(ev.st.slot[x]).toBe(before.slot[x]);
      }
      if (i % 2 === 0) {
        kempe.undo();
        expect(ev.st.assignment()).toEqual(before);
        expect([ev.hard, ev.soft]).toEqual([h0, s0]);
      }
    }
    expect(applied).toBeGreaterThan(100);
  });
});
