import { type Database, type Executor, isUuid } from '#platform/db/index.js';
import { AppError, validationError } from '#platform/errors/index.js';
import {
  type Assignment,
  type Compiled,
  compile,
  emptyAssignment,
  type Placements,
} from '../engine/index.js';
import type { ScheduleRow } from '../tables.js';
import { loadProblem, type TermIds } from '../terms/problem-store.js';
import * as repo from './repository.js';
import { scheduleNotFound } from './service.js';

type MeetingRow = Awaited<ReturnType<typeof repo.scheduleMeetings>>[number];

/** A schedule with its term compiled and its meetings as the engine's assignment. */
export interface LoadedSchedule {
  schedule: ScheduleRow;
  compiled: Compiled;
  ids: TermIds;
  rows: MeetingRow[];
  assignment: Assignment;
  /** Compiled meeting index by assignment row id (rows of meetings the term no longer has are left out). */
  meetingOf: Map<string, number>;
  /** Assignment row by compiled meeting index (absent: the term gained the meeting since). */
  rowOf: Map<number, MeetingRow>;
}

export async function loadSchedule(db: Database | Executor, id: string): Promise<LoadedSchedule> {
  const schedule = isUuid(id) ? await repo.findSchedule(db, id) : undefined;
  if (!schedule) throw scheduleNotFound();
  const loaded = (await loadProblem(db, schedule.termId))!;
  const compiled = compile(loaded.problem);
  const rows = await repo.scheduleMeetings(db, id);
  const assignment = emptyAssignment(compiled);
  const meetingOf = new Map<string, number>();
  const rowOf = new Map<number, MeetingRow>();
  for (const r of rows) {
    const ci = compiled.courseIndex.get(loaded.ids.courseCode.get(r.courseId) ?? '');
    if (ci === undefined || r.meeting >= compiled.courseMeetings[ci]!) continue;
    const m = compiled.courseFirstMeeting[ci]! + r.meeting;
    meetingOf.set(r.id, m);
    rowOf.set(m, r);
    const room = r.roomId
      ? compiled.roomIndex.get(loaded.ids.roomCode.get(r.roomId) ?? '')
      : undefined;
    // A meeting without a room (its room deleted) counts as unplaced, as in the conflicts route.
    if (r.slot === null || room === undefined) continue;
    assignment.slot[m] = r.slot;
    assignment.room[m] = room;
  }
  return { schedule, compiled, ids: loaded.ids, rows, assignment, meetingOf, rowOf };
}

/** The compiled meeting of an assignment row id of this schedule, else a 404 naming it. */
export function meetingIndex(s: LoadedSchedule, mid: string, path = '/params/mid'): number {
  const m = s.meetingOf.get(mid);
  if (m === undefined)
    throw new AppError('not_found', 'MEETING_NOT_FOUND', 'Meeting not found', {
      details: [{ path, message: `meeting ${mid} is not a meeting of schedule ${s.schedule.id}` }],
    });
  return m;
}

/** A slot index inside the term's grid, else a 400 naming the field. */
export function slotIndex(s: LoadedSchedule, slot: number, path = '/body/slot'): number {
  if (!Number.isInteger(slot) || slot < 0 || slot >= s.compiled.nSlots)
    throw validationError('The slot is outside the term’s grid', [
      { path, message: `slot ${slot} is outside 0..${s.compiled.nSlots - 1}` },
    ]);
  return slot;
}

/** A room of the schedule's term (by id or code), else a 400 naming the field. */
export function roomIndex(s: LoadedSchedule, room: string, path = '/body/room'): number {
  const code = s.ids.roomCode.get(room) ?? (s.ids.roomId.has(room) ? room : undefined);
  const r = code === undefined ? undefined : s.compiled.roomIndex.get(code);
  if (r === undefined)
    throw validationError('The room is not a room of the schedule’s term', [
      { path, message: `room ${room} is not a room of term ${s.schedule.termId}` },
    ]);
  return r;
}

/** A meeting of the compiled term in the API's words. */
export function meetingRef(s: LoadedSchedule, m: number) {
  const c = s.compiled;
  const ci = c.meetingCourse[m]!;
  const row = s.rowOf.get(m);
  return {
    id: row?.id ?? null,
    courseId: s.ids.courseId.get(c.courseIds[ci]!)!,
    course: c.courseIds[ci]!,
    meeting: c.meetingOrdinal[m]!,
  };
}

/** A place in the API's words: slot, its label, room id and code. */
export function placeRef(s: LoadedSchedule, slot: number, room: number) {
  const c = s.compiled;
  return {
    slot: slot >= 0 ? slot : null,
    label: slot >= 0 ? c.grid.slotLabels[slot]! : null,
    roomId: slot >= 0 && room >= 0 ? s.ids.roomId.get(c.roomIds[room]!)! : null,
    room: slot >= 0 && room >= 0 ? c.roomIds[room]! : null,
  };
}

/**
 * An assignment as placements in the stored rows' order (then meetings without a row), the
 * order the conflicts route evaluates in, so conflict ids (`<constraint>:<index>`) agree.
 */
export function rowPlacements(s: LoadedSchedule, a: Assignment): Placements {
  const c = s.compiled;
  const order = [
    ...s.rows.map((r) => s.meetingOf.get(r.id)).filter((m): m is number => m !== undefined),
    ...Array.from({ length: c.nMeetings }, (_, m) => m).filter((m) => !s.rowOf.has(m)),
  ].filter((m) => a.slot[m]! >= 0);
  return {
    course: Int32Array.from(order, (m) => c.meetingCourse[m]!),
    slot: Int32Array.from(order, (m) => a.slot[m]!),
    room: Int32Array.from(order, (m) => a.room[m]!),
    meeting: Int32Array.from(order, (m) => m),
  };
}
