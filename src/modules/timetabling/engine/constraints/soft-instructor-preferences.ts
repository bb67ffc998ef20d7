import { courseName, slotLabel } from './describe.js';
import { meetingParts, perMeetingConstraint } from './per-meeting.js';

/** soft.instructor_preferences: 1 per meeting and instructor who has preferred slots and not this one. */
export const instructorPreferences = perMeetingConstraint({
  id: 'soft.instructor_preferences',
  kind: 'soft',
  defaultWeight: 1,
  description: "meetings outside their instructors' preferred slots",
  applies: (c) => c.courseSlotPreferenceMiss.some((v) => v > 0),
  cost: (c, ci, _m, s) => (s >= 0 ? c.courseSlotPreferenceMiss[ci * c.nSlots + s]! : 0),
  message: (c, ci, s) =>
    `${courseName(c, ci)} meets ${slotLabel(c, s)}, outside its instructor's preferred slots`,
  parts(c, ci, s, r) {
    return { ...meetingParts(c, ci, s, r), instructors: c.problem.courses[ci]!.instructors };
  },
});
