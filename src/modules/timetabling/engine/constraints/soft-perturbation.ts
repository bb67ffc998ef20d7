import { courseName, roomName, slotLabel } from './describe.js';
import { meetingParts, perMeetingConstraint } from './per-meeting.js';

/** soft.perturbation: 1 per meeting that left the slot or room it had in the previous timetable. */
export const perturbation = perMeetingConstraint({
  id: 'soft.perturbation',
  kind: 'soft',
  defaultWeight: 10,
  description: 'meetings moved from the previous timetable (minimal-perturbation re-solve)',
  applies: (c) => c.previousSlot !== null,
  cost(c, _ci, m, s, r) {
    if (m < 0 || !c.previousSlot || !c.previousRoom) return 0;
    const ps = c.previousSlot[m]!;
    if (ps < 0) return 0;
    return s !== ps || r !== c.previousRoom[m]! ? 1 : 0;
  },
  message(c, ci, s, r) {
    const where = s >= 0 ? `${slotLabel(c, s)} in room ${roomName(c, r)}` : 'unassigned';
    return `${courseName(c, ci)} moved from its previous place to ${where}`;
  },
  parts: meetingParts,
});
