import type { Compiled } from '../compiled.js';
import { violation } from './describe.js';
import type { Constraint } from './types.js';

interface PerMeetingSpec {
  id: string;
  kind: 'hard' | 'soft';
  defaultWeight: number;
  description: string;
  applies(c: Compiled): boolean;
  /** Cost of course ci's meeting m (-1 if unknown) at slot s (-1 = unassigned) in room r. */
  cost(c: Compiled, ci: number, m: number, s: number, r: number): number;
  message(c: Compiled, ci: number, s: number, r: number, cost: number): string;
  parts(c: Compiled, ci: number, s: number, r: number): Parameters<typeof violation>[3];
}

/** Builds a constraint whose cost is a sum over meetings of a function of the meeting's place. */
export function perMeetingConstraint(spec: PerMeetingSpec): Constraint {
  const { cost } = spec;
  return {
    id: spec.id,
    kind: spec.kind,
    defaultWeight: spec.defaultWeight,
    description: spec.description,
    applies: spec.applies,
    evaluate(c, p) {
      let sum = 0;
      for (let i = 0; i < p.course.length; i++)
        sum += cost(c, p.course[i]!, p.meeting[i]!, p.slot[i]!, p.room[i]!);
      return sum;
    },
    delta(st, m, s, r) {
      const c = st.c;
      const ci = c.meetingCourse[m]!;
      if (s < 0) r = -1;
      return cost(c, ci, m, s, r) - cost(c, ci, m, st.slot[m]!, st.room[m]!);
    },
    explain(c, p) {
      const out = [];
      for (let i = 0; i < p.course.length; i++) {
        const ci = p.course[i]!;
        const s = p.slot[i]!;
        const r = p.room[i]!;
        const v = cost(c, ci, p.meeting[i]!, s, r);
        if (v > 0)
          out.push(violation(spec.id, v, spec.message(c, ci, s, r, v), spec.parts(c, ci, s, r)));
      }
      return out;
    },
  };
}

export function meetingParts(c: Compiled, ci: number, s: number, r: number) {
  return {
    courses: [c.courseIds[ci]!],
    rooms: r >= 0 ? [c.roomIds[r]!] : [],
    slots: s >= 0 ? [c.grid.slotLabels[s]!] : [],
  };
}
