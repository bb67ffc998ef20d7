import { courseName, slotLabel } from './describe.js';
import { meetingParts, perMeetingConstraint } from './per-meeting.js';

/** soft.evening_sessions: 1 per meeting in an evening period (at or after `eveningFrom`). */
export const eveningSessions = perMeetingConstraint({
  id: 'soft.evening_sessions',
  kind: 'soft',
  defaultWeight: 1,
  description: 'meetings in evening periods',
  applies: (c) => c.slotEvening.includes(1),
  cost: (c, _ci, _m, s) => (s >= 0 ? c.slotEvening[s]! : 0),
  message: (c, ci, s) => `${courseName(c, ci)} meets in the evening, ${slotLabel(c, s)}`,
  parts: meetingParts,
});
