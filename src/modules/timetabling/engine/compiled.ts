import type { Problem } from './model.js';
import type { TimeGrid } from './time-grid.js';

/**
 * The compact form solvers work on: integer ids, typed arrays, CSR adjacency lists. Matrices are
 * row-major (`courseSlot[c * nSlots + s]`). Meetings are numbered course by course.
 */
export interface Compiled {
  problem: Problem;
  grid: TimeGrid;
  nSlots: number;
  nDays: number;
  periodsPerDay: number;
  nWeeks: number;
  slotDay: Int32Array;
  slotPeriod: Int32Array;
  slotWeek: Int32Array;
  slotCalendarDay: Int32Array;
  slotEvening: Uint8Array;

  nCourses: number;
  nRooms: number;
  nInstructors: number;
  nCurricula: number;
  nMeetings: number;

  courseIds: string[];
  roomIds: string[];
  instructorIds: string[];
  curriculumIds: string[];
  courseIndex: Map<string, number>;
  roomIndex: Map<string, number>;

  courseMeetings: Int32Array;
  courseFirstMeeting: Int32Array;
  courseStudents: Int32Array;
  courseMinDays: Int32Array;
  /** 0 = no limit. */
  courseMaxPerDay: Int32Array;
  /** 0 or 1 = no gap required. */
  courseMinGap: Int32Array;
  /** Upper bound of meetings per week for an even spread (soft.spread_term). */
  courseWeekTarget: Int32Array;
  meetingCourse: Int32Array;
  meetingOrdinal: Int32Array;
  /** -1 when not pinned. */
  meetingPinnedSlot: Int32Array;
  meetingPinnedRoom: Int32Array;

  courseCurriculaStart: Int32Array;
  courseCurricula: Int32Array;
  courseInstructorsStart: Int32Array;
  courseInstructors: Int32Array;
  /** Courses sharing at least one curriculum with the course. */
  currConflictStart: Int32Array;
  currConflict: Int32Array;
  /** Courses sharing an instructor but no curriculum (so each clashing pair counts once overall). */
  instrConflictStart: Int32Array;
  instrConflict: Int32Array;

  roomCapacity: Int32Array;
  /** Course unavailable (own, instructors', blackouts) — hard.availability. */
  courseSlotUnavailable: Uint8Array;
  roomSlotUnavailable: Uint8Array;
  /** Room lacks a required feature — hard.room_features. */
  courseRoomUnsuitable: Uint8Array;
  /** Slot outside the course's date window — hard.date_window. */
  courseSlotOutsideWindow: Uint8Array;
  /** Number of the course's instructors who have preferences and don't prefer the slot. */
  courseSlotPreferenceMiss: Uint8Array;
  /** Per instructor: target meetings per day (ceil(total / days)) for soft.instructor_load. */
  instructorDailyTarget: Int32Array;

  /** The previous timetable for a minimal-perturbation re-solve (soft.perturbation), else null. */
  previousSlot: Int32Array | null;
  previousRoom: Int32Array | null;

  weights: Record<string, number>;
}
