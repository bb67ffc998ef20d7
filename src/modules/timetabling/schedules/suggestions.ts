import { constraintById, evaluate } from '../engine/index.js';
import { type MoveEffect, rankPlacements } from '../engine/meeting-moves.js';
import { type LoadedSchedule, meetingRef, placeRef } from './loaded.js';

const signed = (n: number) => (n > 0 ? `+${n}` : `${n}`);

function effectWords(effects: MoveEffect[], sign: 1 | -1) {
  return effects
    .filter((e) => e.delta * sign > 0)
    .map((e) => `${constraintById(e.constraint)?.description ?? e.constraint} (${signed(e.delta)})`)
    .join('; ');
}

/**
 * The best other places for one meeting, ranked by the engine's delta evaluation (hard, then
 * soft), each with its predicted cost change, what it would break and what it would mend.
 */
export function suggestionsFor(s: LoadedSchedule, m: number, limit: number) {
  const c = s.compiled;
  const now = evaluate(c, s.assignment, 0);
  const ref = meetingRef(s, m);
  const options = rankPlacements(c, s.assignment, m, limit);
  return {
    meeting: { ...ref, ...placeRef(s, s.assignment.slot[m]!, s.assignment.room[m]!) },
    current: { hard: now.hard, soft: now.soft },
    suggestions: options.map((o, i) => {
      const place = placeRef(s, o.slot, o.room);
      const breaks = o.effects.filter((e) => e.delta > 0);
      const mends = o.effects.filter((e) => e.delta < 0);
      const broken = effectWords(o.effects, 1);
      const mended = effectWords(o.effects, -1);
      return {
        rank: i + 1,
        ...place,
        deltaHard: o.deltaHard,
        deltaSoft: o.deltaSoft,
        predicted: { hard: now.hard + o.deltaHard, soft: now.soft + o.deltaSoft },
        breaks,
        mends,
        sentence:
          `Moving ${ref.course} meeting ${ref.meeting + 1} to ${place.label} in ${place.room} changes hard cost by ${signed(o.deltaHard)} and soft cost by ${signed(o.deltaSoft)}` +
          (broken ? `; it breaks: ${broken}` : '; it breaks nothing') +
          (mended ? `; it mends: ${mended}` : '') +
          '.',
      };
    }),
  };
}
