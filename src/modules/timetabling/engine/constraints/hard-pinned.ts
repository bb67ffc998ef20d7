import { courseName, roomName, slotLabel } from './describe.js';
import { meetingParts, perMeetingConstraint } from './per-meeting.js';

/** hard.pinned: pinned meetings stay at their pinned slot and/or room. */
export const pinned = perMeetingConstraint({
  id: 'hard.pinned',
  kind: 'hard',
  defaultWeight: 1,
  description: 'pinned meetings keep their slot and room',
  applies: (c) =>
    c.meetingPinnedSlot.some((s) => s >= 0) || c.meetingPinnedRoom.some((r) => r >= 0),
  cost(c, _ci, m, s, r) {
    if (m < 0) return 0;
    const ps = c.meetingPinnedSlot[m]!;
    const pr = c.meetingPinnedRoom[m]!;
    return (ps >= 0 && s !== ps ? 1 : 0) + (pr >= 0 && r !== pr ? 1 : 0);
  },
  message(c, ci, s, r) {
    const where = s >= 0 ? `${slotLabel(c, s)} in room ${roomName(c, r)}` : 'nowhere';
    return `${courseName(c, ci)} is pinned but meets ${where}`;
  },
  parts: meetingParts,
});
