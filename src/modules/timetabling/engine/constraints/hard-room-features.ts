import { courseName, roomName, slotLabel } from './describe.js';
import { meetingParts, perMeetingConstraint } from './per-meeting.js';

/** hard.room_features: a meeting's room has every feature its course requires. */
export const roomFeatures = perMeetingConstraint({
  id: 'hard.room_features',
  kind: 'hard',
  defaultWeight: 1,
  description: 'rooms have the features their courses require',
  applies: (c) => c.courseRoomUnsuitable.includes(1),
  cost: (c, ci, _m, s, r) => (s >= 0 && r >= 0 ? c.courseRoomUnsuitable[ci * c.nRooms + r]! : 0),
  message(c, ci, s, r) {
    const has = new Set(c.problem.rooms[r]!.features ?? []);
    const missing = (c.problem.courses[ci]!.features ?? []).filter((f) => !has.has(f));
    return `${courseName(c, ci)} needs ${missing.join(', ')} but meets in room ${roomName(c, r)} at ${slotLabel(c, s)}`;
  },
  parts: meetingParts,
});
