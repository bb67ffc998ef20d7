/**
 * The problem model shared by weekly (ITC-2007 style) and dated-term timetables. Ids are the
 * user's strings; `compile()` turns this into the integer/typed-array form the solvers use.
 */

export interface WeeklyTime {
  kind: 'weekly';
  days: number;
  periodsPerDay: number;
  /** Optional clock times per period ("08:30"), used only for labels and evening detection. */
  periodStarts?: string[];
  /** Optional day names for labels; defaults to Mon, Tue, … */
  dayNames?: string[];
}

export interface DatedTime {
  kind: 'dated';
  /** ISO dates (YYYY-MM-DD), inclusive. */
  start: string;
  end: string;
  /** ISO weekday numbers 1 = Monday … 7 = Sunday. */
  weekdays: number[];
  periods: Array<{ start: string; end: string }>;
  /** Whole days without teaching (holidays, reading weeks). */
  holidays?: string[];
  /** Single periods without teaching: date plus 0-based period index. */
  blackouts?: Array<{ date: string; period: number }>;
}

export type TimeModel = WeeklyTime | DatedTime;

/** A reference to slots, by linear index or by day/period or date/period. */
export type SlotRef =
  | { slot: number }
  | { day: number; period: number }
  | { date: string; period?: number };

export interface Course {
  id: string;
  name?: string;
  /** Number of meetings ("lectures" / "occurrences"). */
  meetings: number;
  /** Consecutive periods per meeting; the engine currently supports 1. */
  duration?: number;
  students: number;
  instructors: string[];
  /** Minimum number of distinct days (soft.min_working_days). */
  minDays?: number;
  features?: string[];
  /** Meetings must fall within [from, to] (ISO dates, inclusive) — hard.date_window. */
  window?: { from?: string; to?: string };
  unavailable?: SlotRef[];
  /** Hard cap on meetings of this course on one day. */
  maxPerDay?: number;
  /** Minimum distance in calendar days between two meetings on different days. */
  minGapDays?: number;
  /** Pins for the first meetings, in order. */
  pinned?: Array<{ slot?: SlotRef; room?: string }>;
}

export interface Room {
  id: string;
  name?: string;
  capacity: number;
  features?: string[];
  unavailable?: SlotRef[];
}

export interface Instructor {
  id: string;
  name?: string;
  unavailable?: SlotRef[];
  preferred?: SlotRef[];
}

export interface Curriculum {
  id: string;
  name?: string;
  courses: string[];
}

export interface Problem {
  name: string;
  time: TimeModel;
  courses: Course[];
  rooms: Room[];
  instructors: Instructor[];
  curricula: Curriculum[];
  /** Soft constraint weights by id (e.g. "soft.room_capacity"); missing ids use the defaults. */
  weights?: Record<string, number>;
  /** Periods starting at or after this clock time count as evening (soft.evening_sessions). */
  eveningFrom?: string;
}

/** One placed meeting, in user ids. */
export interface PlacedMeeting {
  course: string;
  meeting: number;
  room: string | null;
  slot: number | null;
}
