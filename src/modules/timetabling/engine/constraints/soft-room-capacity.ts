import { courseName, roomName, slotLabel } from './describe.js';
import { meetingParts, perMeetingConstraint } from './per-meeting.js';

/** soft.room_capacity (ITC S1): per meeting, the students over the room's capacity. */
export const roomCapacity = perMeetingConstraint({
  id: 'soft.room_capacity',
  kind: 'soft',
  defaultWeight: 1,
  description: 'students that do not fit in the room, per meeting',
  applies: () => true,
  cost(c, ci, _m, s, r) {
    if (s < 0 || r < 0) return 0;
    const over = c.courseStudents[ci]! - c.roomCapacity[r]!;
    return Math.max(over, 0);
  },
  message: (c, ci, s, r, v) =>
    `${courseName(c, ci)} (${c.courseStudents[ci]} students) meets in room ${roomName(c, r)} (${c.roomCapacity[r]} seats) at ${slotLabel(c, s)}: ${v} over capacity`,
  parts: meetingParts,
});
