import type { Assignment, Placements } from '../assignment.js';
import type { Compiled } from '../compiled.js';

export interface ReadSolution {
  placements: Placements;
  /** Lines skipped the way the official validator skips them, with the reason. */
  warnings: string[];
}

/**
 * Reads an ITC-2007 solution (`course room day slot` per line, 0-based). Like the official
 * validator, unknown ids and out-of-range times are skipped, and a second line for the same
 * (course, day, slot) is dropped (that lecture then counts as missing).
 */
export function readItcSolution(c: Compiled, text: string): ReadSolution {
  const course: number[] = [];
  const slot: number[] = [];
  const room: number[] = [];
  const meeting: number[] = [];
  const perCourse = new Int32Array(c.nCourses);
  const warnings: string[] = [];
  const seen = new Set<number>();
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    const t = raw
      .trim()
      .split(/[ \t]+/)
      .filter(Boolean);
    if (t.length === 0) continue;
    const where = `line ${i + 1}`;
    if (t.length !== 4) {
      warnings.push(`${where}: expected "course room day slot", got "${raw.trim()}" (skipped)`);
      continue;
    }
    const ci = c.courseIndex.get(t[0]!);
    const ri = c.roomIndex.get(t[1]!);
    const d = /^\d+$/.test(t[2]!) ? Number(t[2]) : -1;
    const p = /^\d+$/.test(t[3]!) ? Number(t[3]) : -1;
    const problem =
      ci === undefined
        ? `unknown course "${t[0]}"`
        : ri === undefined
          ? `unknown room "${t[1]}"`
          : d < 0 || d >= c.nDays
            ? `day ${t[2]} out of range`
            : p < 0 || p >= c.periodsPerDay
              ? `slot ${t[3]} out of range`
              : null;
    if (problem !== null || ci === undefined || ri === undefined) {
      warnings.push(`${where}: ${problem} (skipped)`);
      continue;
    }
    const s = d * c.periodsPerDay + p;
    const key = ci * c.nSlots + s;
    if (seen.has(key)) {
      warnings.push(
        `${where}: course ${t[0]} already has a lecture at day ${d} slot ${p} (skipped)`,
      );
      continue;
    }
    seen.add(key);
    course.push(ci);
    slot.push(s);
    room.push(ri);
    const k = perCourse[ci]!;
    perCourse[ci] = k + 1;
    meeting.push(k < c.courseMeetings[ci]! ? c.courseFirstMeeting[ci]! + k : -1);
  }
  return {
    placements: {
      course: Int32Array.from(course),
      slot: Int32Array.from(slot),
      room: Int32Array.from(room),
      meeting: Int32Array.from(meeting),
    },
    warnings,
  };
}

/** Turns placements that hold exactly each course's meetings back into a meeting assignment. */
export function placementsToAssignment(c: Compiled, p: Placements): Assignment {
  const slot = new Int32Array(c.nMeetings).fill(-1);
  const room = new Int32Array(c.nMeetings).fill(-1);
  const used = new Int32Array(c.nCourses);
  for (let i = 0; i < p.course.length; i++) {
    const ci = p.course[i]!;
    if (used[ci]! >= c.courseMeetings[ci]!) continue;
    const m = c.courseFirstMeeting[ci]! + used[ci]!;
    used[ci] = used[ci]! + 1;
    slot[m] = p.slot[i]!;
    room[m] = p.room[i]!;
  }
  return { slot, room };
}

/** Writes the official format; unassigned meetings are left out (the validator counts them missing). */
export function writeItcSolution(c: Compiled, a: Assignment): string {
  const out: string[] = [];
  for (let m = 0; m < c.nMeetings; m++) {
    const s = a.slot[m]!;
    if (s < 0 || a.room[m]! < 0) continue;
    out.push(
      `${c.courseIds[c.meetingCourse[m]!]} ${c.roomIds[a.room[m]!]} ${c.slotDay[s]} ${c.slotPeriod[s]}`,
    );
  }
  return `${out.join('\n')}\n`;
}
