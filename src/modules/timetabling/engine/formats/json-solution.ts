import type { Assignment } from '../assignment.js';
import type { Compiled } from '../compiled.js';
import type { Violation } from '../constraints/types.js';
import type { BreakdownItem } from '../evaluate.js';

export interface JsonMeeting {
  course: string;
  meeting: number;
  room: string | null;
  slot: number | null;
  day: number | null;
  period: number | null;
  date: string | null;
  start: string | null;
  end: string | null;
}

export interface JsonSolution {
  problem: string;
  hard: number;
  soft: number;
  breakdown: Record<string, BreakdownItem>;
  violations: Violation[];
  meetings: JsonMeeting[];
}

/** The JSON solution document written for JSON problems: one entry per meeting, with dates and times. */
export function toJsonSolution(
  c: Compiled,
  r: {
    assignment: Assignment;
    hard: number;
    soft: number;
    breakdown: Record<string, BreakdownItem>;
    violations: Violation[];
  },
): JsonSolution {
  const meetings: JsonMeeting[] = [];
  for (let m = 0; m < c.nMeetings; m++) {
    const s = r.assignment.slot[m]!;
    const room = r.assignment.room[m]!;
    const day = s >= 0 ? c.slotDay[s]! : null;
    const period = s >= 0 ? c.slotPeriod[s]! : null;
    meetings.push({
      course: c.courseIds[c.meetingCourse[m]!]!,
      meeting: c.meetingOrdinal[m]!,
      room: room >= 0 ? c.roomIds[room]! : null,
      slot: s >= 0 ? s : null,
      day,
      period,
      date: day !== null ? c.grid.dayDates[day]! : null,
      start: period !== null ? c.grid.periodStarts[period]! : null,
      end: period !== null ? c.grid.periodEnds[period]! : null,
    });
  }
  return {
    problem: c.problem.name,
    hard: r.hard,
    soft: r.soft,
    breakdown: r.breakdown,
    violations: r.violations,
    meetings,
  };
}

/** Reads the meetings of a JSON solution back into an assignment (e.g. the previous timetable for a re-solve). */
export function fromJsonSolution(
  c: Compiled,
  doc: { meetings: Array<Pick<JsonMeeting, 'course' | 'meeting' | 'room' | 'slot'>> },
): Assignment {
  const slot = new Int32Array(c.nMeetings).fill(-1);
  const room = new Int32Array(c.nMeetings).fill(-1);
  for (const x of doc.meetings) {
    const ci = c.courseIndex.get(x.course);
    if (ci === undefined || x.meeting < 0 || x.meeting >= c.courseMeetings[ci]!) continue;
    const m = c.courseFirstMeeting[ci]! + x.meeting;
    const r = x.room === null ? undefined : c.roomIndex.get(x.room);
    if (x.slot === null || r === undefined || x.slot < 0 || x.slot >= c.nSlots) continue;
    slot[m] = x.slot;
    room[m] = r;
  }
  return { slot, room };
}
