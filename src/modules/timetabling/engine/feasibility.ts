import type { Compiled } from './compiled.js';

/** Why a problem cannot have a timetable without hard violations, found before solving. */
export interface Infeasibility {
  course: string;
  reason: string;
}

/**
 * Courses that need more meetings than they have slots left once their own, their instructors'
 * and the term's unavailability and their date window are taken out (at most one meeting of a
 * course per slot), or more students than any room that suits them holds.
 */
export function findInfeasibilities(c: Compiled): Infeasibility[] {
  const found: Infeasibility[] = [];
  for (let ci = 0; ci < c.nCourses; ci++) {
    let open = 0;
    for (let s = 0; s < c.nSlots; s++) {
      const k = ci * c.nSlots + s;
      if (!c.courseSlotUnavailable[k] && !c.courseSlotOutsideWindow[k]) open++;
    }
    const needed = c.courseMeetings[ci]!;
    if (needed > open)
      found.push({
        course: c.courseIds[ci]!,
        reason: `course "${c.courseIds[ci]}" needs ${needed} meetings but only ${open} of the ${c.nSlots} slots are open to it`,
      });
    let suitable = 0;
    for (let r = 0; r < c.nRooms; r++) if (!c.courseRoomUnsuitable[ci * c.nRooms + r]) suitable++;
    if (c.nRooms > 0 && suitable === 0)
      found.push({
        course: c.courseIds[ci]!,
        reason: `no room has the features course "${c.courseIds[ci]}" requires`,
      });
  }
  if (c.nRooms === 0 && c.nMeetings > 0)
    found.push({ course: c.courseIds[0]!, reason: 'the term has no rooms' });
  const capacity = c.nRooms * c.nSlots;
  if (c.nRooms > 0 && c.nMeetings > capacity)
    found.push({
      course: '*',
      reason: `the courses need ${c.nMeetings} meetings but the term has only ${capacity} room-slots`,
    });
  return found;
}
