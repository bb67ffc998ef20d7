import type { Assignment } from './assignment.js';
import type { Compiled } from './compiled.js';
import {
  courseName,
  curriculumName,
  instructorName,
  roomName,
  slotLabel,
} from './constraints/describe.js';
import { IncrementalEvaluator } from './incremental.js';
import { moveEffects } from './meeting-moves.js';

/** What stands in the way of one more meeting of a course at one slot. */
export interface SlotObstacles {
  slot: number;
  label: string;
  /** True when some room takes the meeting there without a hard violation. */
  open: boolean;
  /** Rooms that would take it without a hard violation. */
  rooms: string[];
  /** Hard constraints every room there would violate. */
  constraints: string[];
  /** Courses (ids) whose meetings block the slot for this course. */
  courses: string[];
  /** The obstacles in sentences. */
  reasons: string[];
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * For each slot, why meeting m (of its course; usually an unplaced one) cannot go there: the
 * hard constraints any room would break, the competing courses behind them, in sentences.
 */
export function whyNotPlaced(c: Compiled, a: Assignment, m: number): SlotObstacles[] {
  const ev = new IncrementalEvaluator(c, a);
  const st = ev.st;
  const ci = c.meetingCourse[m]!;
  const nS = c.nSlots;
  const name = courseName(c, ci);
  const occupant = (s: number, r: number) => {
    for (let o = 0; o < c.nMeetings; o++)
      if (o !== m && st.slot[o] === s && st.room[o] === r) return c.meetingCourse[o]!;
    return -1;
  };
  const out: SlotObstacles[] = [];
  for (let s = 0; s < nS; s++) {
    const label = slotLabel(c, s);
    const k = ci * nS + s;
    // Another meeting of the course at s gains nothing: the course needs distinct slots.
    const repeats = st.slot[m] !== s && st.courseSlot[k]! > 0;
    const open: string[] = [];
    let common: Set<string> | null = null;
    for (let r = 0; r < c.nRooms; r++) {
      const broken = moveEffects(ev, m, s, r)
        .filter((e) => e.kind === 'hard' && e.delta > 0)
        .map((e) => e.constraint);
      if (broken.length === 0 && !repeats) open.push(c.roomIds[r]!);
      common = common ? new Set(broken.filter((b) => common!.has(b))) : new Set(broken);
    }
    const constraints = open.length ? [] : [...(common ?? [])].sort();
    const courses = new Set<string>();
    const reasons: string[] = [];
    if (st.slot[m] === s) reasons.push(`this meeting of ${name} is already at ${label}`);
    else if (repeats) reasons.push(`${name} already meets at ${label} (one meeting per slot)`);
    if (c.courseSlotUnavailable[k])
      reasons.push(`${name}, one of its instructors or the term is unavailable at ${label}`);
    if (c.courseSlotOutsideWindow[k]) reasons.push(`${label} is outside ${name}'s date window`);
    for (let j = c.currConflictStart[ci]!; j < c.currConflictStart[ci + 1]!; j++) {
      const o = c.currConflict[j]!;
      if (st.courseSlot[o * nS + s]! === 0) continue;
      courses.add(c.courseIds[o]!);
      const shared: string[] = [];
      for (let x = c.courseCurriculaStart[ci]!; x < c.courseCurriculaStart[ci + 1]!; x++)
        for (let y = c.courseCurriculaStart[o]!; y < c.courseCurriculaStart[o + 1]!; y++)
          if (c.courseCurricula[x] === c.courseCurricula[y])
            shared.push(curriculumName(c, c.courseCurricula[x]!));
      reasons.push(
        `${courseName(c, o)} meets at ${label} and shares curriculum ${shared.join(', ')} with ${name}`,
      );
    }
    for (let j = c.instrConflictStart[ci]!; j < c.instrConflictStart[ci + 1]!; j++) {
      const o = c.instrConflict[j]!;
      if (st.courseSlot[o * nS + s]! === 0) continue;
      courses.add(c.courseIds[o]!);
      const shared: string[] = [];
      for (let x = c.courseInstructorsStart[ci]!; x < c.courseInstructorsStart[ci + 1]!; x++)
        for (let y = c.courseInstructorsStart[o]!; y < c.courseInstructorsStart[o + 1]!; y++)
          if (c.courseInstructors[x] === c.courseInstructors[y])
            shared.push(instructorName(c, c.courseInstructors[x]!));
      reasons.push(`${shared.join(', ')} teaches ${courseName(c, o)} at ${label}`);
    }
    const max = c.courseMaxPerDay[ci]!;
    const onDay = st.courseDay[ci * c.nDays + c.slotDay[s]!]!;
    if (max > 0 && onDay >= max)
      reasons.push(`${name} already has ${plural(onDay, 'meeting')} that day (at most ${max})`);
    if (open.length === 0) {
      const taken: string[] = [];
      for (let r = 0; r < c.nRooms; r++) {
        if (c.roomSlotUnavailable[r * nS + s]) taken.push(`${roomName(c, r)} is unavailable`);
        else if (c.courseRoomUnsuitable[ci * c.nRooms + r])
          taken.push(`${roomName(c, r)} lacks a required feature`);
        else {
          const o = occupant(s, r);
          if (o >= 0) {
            if (o !== ci) courses.add(c.courseIds[o]!);
            taken.push(`${roomName(c, r)} holds ${courseName(c, o)}`);
          }
        }
      }
      if (taken.length && taken.length === c.nRooms)
        reasons.push(`no room is free at ${label}: ${taken.join(', ')}`);
      if (reasons.length === 0)
        reasons.push(`placing ${name} at ${label} would violate ${constraints.join(', ')}`);
    }
    out.push({
      slot: s,
      label,
      open: open.length > 0,
      rooms: open,
      constraints,
      courses: [...courses],
      reasons,
    });
  }
  return out;
}
