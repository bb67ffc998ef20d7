import { courseName, roomName, slotLabel } from './describe.js';
import { meetingParts, perMeetingConstraint } from './per-meeting.js';

/** hard.availability: no meeting when its course, an instructor or its room is unavailable, or in a blackout. */
export const availability = perMeetingConstraint({
  id: 'hard.availability',
  kind: 'hard',
  defaultWeight: 1,
  description: 'meetings avoid unavailable slots of courses, instructors and rooms, and blackouts',
  applies: (c) => c.courseSlotUnavailable.includes(1) || c.roomSlotUnavailable.includes(1),
  cost(c, ci, _m, s, r) {
    if (s < 0) return 0;
    return (
      c.courseSlotUnavailable[ci * c.nSlots + s]! +
      (r >= 0 ? c.roomSlotUnavailable[r * c.nSlots + s]! : 0)
    );
  },
  message(c, ci, s, r) {
    const why: string[] = [];
    if (c.courseSlotUnavailable[ci * c.nSlots + s]) {
      why.push(
        c.grid.blackout[s]
          ? 'it is a blackout period'
          : `${courseName(c, ci)} or its instructor is unavailable then`,
      );
    }
    if (r >= 0 && c.roomSlotUnavailable[r * c.nSlots + s])
      why.push(`room ${roomName(c, r)} is unavailable then`);
    return `${courseName(c, ci)} meets ${slotLabel(c, s)}, but ${why.join(' and ')}`;
  },
  parts: meetingParts,
});
