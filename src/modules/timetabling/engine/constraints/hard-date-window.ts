import { courseName, slotLabel } from './describe.js';
import { meetingParts, perMeetingConstraint } from './per-meeting.js';

/** hard.date_window: meetings fall within their course's date window. */
export const dateWindow = perMeetingConstraint({
  id: 'hard.date_window',
  kind: 'hard',
  defaultWeight: 1,
  description: "meetings fall within their course's date window",
  applies: (c) => c.courseSlotOutsideWindow.includes(1),
  cost: (c, ci, _m, s) => (s >= 0 ? c.courseSlotOutsideWindow[ci * c.nSlots + s]! : 0),
  message(c, ci, s) {
    const w = c.problem.courses[ci]!.window ?? {};
    return `${courseName(c, ci)} meets ${slotLabel(c, s)}, outside its window ${w.from ?? '…'} to ${w.to ?? '…'}`;
  },
  parts: meetingParts,
});
