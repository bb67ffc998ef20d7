import type { Compiled } from '../compiled.js';
import { allScheduled } from './hard-all-scheduled.js';
import { availability } from './hard-availability.js';
import { dateWindow } from './hard-date-window.js';
import { maxPerDay } from './hard-max-per-day.js';
import { minGapDays } from './hard-min-gap-days.js';
import { noCurriculumClash } from './hard-no-curriculum-clash.js';
import { noInstructorClash } from './hard-no-instructor-clash.js';
import { noRoomClash } from './hard-no-room-clash.js';
import { pinned } from './hard-pinned.js';
import { roomFeatures } from './hard-room-features.js';
import { curriculumCompactness } from './soft-curriculum-compactness.js';
import { eveningSessions } from './soft-evening-sessions.js';
import { instructorLoad } from './soft-instructor-load.js';
import { instructorPreferences } from './soft-instructor-preferences.js';
import { minWorkingDays } from './soft-min-working-days.js';
import { perturbation } from './soft-perturbation.js';
import { roomCapacity } from './soft-room-capacity.js';
import { roomStability } from './soft-room-stability.js';
import { spreadTerm } from './soft-spread-term.js';
import type { Constraint } from './types.js';

/** Every constraint the engine knows, hard first; ids are stable and appear in breakdowns. */
export const CONSTRAINTS: readonly Constraint[] = [
  allScheduled,
  noRoomClash,
  noCurriculumClash,
  noInstructorClash,
  availability,
  roomFeatures,
  dateWindow,
  maxPerDay,
  minGapDays,
  pinned,
  roomCapacity,
  minWorkingDays,
  curriculumCompactness,
  roomStability,
  spreadTerm,
  eveningSessions,
  instructorLoad,
  instructorPreferences,
  perturbation,
];

export function constraintById(id: string): Constraint | undefined {
  return CONSTRAINTS.find((k) => k.id === id);
}

/** A constraint as used for one problem: its weight resolved (hard ones weigh 1). */
export interface ActiveConstraint {
  constraint: Constraint;
  weight: number;
}

/** The constraints that can be violated in this problem and carry a positive weight. */
export function activeConstraints(c: Compiled): ActiveConstraint[] {
  const out: ActiveConstraint[] = [];
  for (const k of CONSTRAINTS) {
    const weight = k.kind === 'hard' ? 1 : (c.weights[k.id] ?? k.defaultWeight);
    if (weight > 0 && k.applies(c)) out.push({ constraint: k, weight });
  }
  return out;
}
