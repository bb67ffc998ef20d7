import { notFound } from '#platform/errors/index.js';
import { whyNotPlaced } from '../engine/why-unplaced.js';
import type { LoadedSchedule } from './loaded.js';

/** For each slot, what keeps the course's (first unplaced) meeting out of it, in sentences. */
export function whyUnplaced(s: LoadedSchedule, courseId: string) {
  const c = s.compiled;
  const code = s.ids.courseCode.get(courseId);
  const ci = code === undefined ? undefined : c.courseIndex.get(code);
  if (ci === undefined) throw notFound('Course', 'COURSE_NOT_FOUND');
  const first = c.courseFirstMeeting[ci]!;
  const meetings = Array.from({ length: c.courseMeetings[ci]! }, (_, k) => first + k);
  const unplaced = meetings.filter((m) => s.assignment.slot[m]! < 0);
  const name = c.problem.courses[ci]!.name ?? code!;
  if (unplaced.length === 0)
    return {
      courseId,
      course: code!,
      unplaced: 0,
      summary: `Every meeting of ${name} is placed.`,
      slots: [],
    };
  const slots = whyNotPlaced(c, s.assignment, unplaced[0]!).map((o) => ({
    ...o,
    sentence: o.open
      ? `${o.label} is open: ${name} fits in ${o.rooms.join(', ')}.`
      : `${o.label} is blocked: ${o.reasons.join('; ')}.`,
  }));
  const open = slots.filter((o) => o.open);
  const blockers = new Map<string, number>();
  for (const o of slots) for (const k of o.courses) blockers.set(k, (blockers.get(k) ?? 0) + 1);
  const top = [...blockers.entries()].sort((x, y) => y[1] - x[1]).slice(0, 3);
  return {
    courseId,
    course: code!,
    unplaced: unplaced.length,
    summary:
      `${unplaced.length} of ${meetings.length} meetings of ${name} are unplaced; ` +
      (open.length
        ? `${open.length} of ${slots.length} slots are still open to it (${open.map((o) => o.label).join(', ')}).`
        : `none of the ${slots.length} slots is open to it.`) +
      (top.length
        ? ` Most in the way: ${top.map(([k, n]) => `${k} (${n} slot${n === 1 ? '' : 's'})`).join(', ')}.`
        : ''),
    slots,
  };
}
