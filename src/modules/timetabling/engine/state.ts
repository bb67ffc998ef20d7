import type { Assignment } from './assignment.js';
import type { Compiled } from './compiled.js';

/**
 * A mutable timetable with the counters every constraint's delta needs. `place` keeps them in
 * step; it never allocates, so solvers can call it in their hot loop.
 */
export class TimetableState {
  readonly slot: Int32Array;
  readonly room: Int32Array;
  readonly courseSlot: Int32Array;
  readonly courseDistinct: Int32Array;
  readonly roomSlot: Int32Array;
  readonly currSlot: Int32Array;
  readonly courseDay: Int32Array;
  readonly courseDays: Int32Array;
  readonly courseRoom: Int32Array;
  readonly courseRooms: Int32Array;
  readonly courseWeek: Int32Array;
  readonly instrDay: Int32Array;

  constructor(
    readonly c: Compiled,
    initial?: Assignment,
  ) {
    this.slot = new Int32Array(c.nMeetings).fill(-1);
    this.room = new Int32Array(c.nMeetings).fill(-1);
    this.courseSlot = new Int32Array(c.nCourses * c.nSlots);
    this.courseDistinct = new Int32Array(c.nCourses);
    this.roomSlot = new Int32Array(c.nRooms * c.nSlots);
    this.currSlot = new Int32Array(c.nCurricula * c.nSlots);
    this.courseDay = new Int32Array(c.nCourses * c.nDays);
    this.courseDays = new Int32Array(c.nCourses);
    this.courseRoom = new Int32Array(c.nCourses * c.nRooms);
    this.courseRooms = new Int32Array(c.nCourses);
    this.courseWeek = new Int32Array(c.nCourses * c.nWeeks);
    this.instrDay = new Int32Array(c.nInstructors * c.nDays);
    if (initial) this.load(initial);
  }

  load(a: Assignment): void {
    for (let m = 0; m < this.c.nMeetings; m++) this.place(m, a.slot[m]!, a.room[m]!);
  }

  assignment(): Assignment {
    return { slot: this.slot.slice(), room: this.room.slice() };
  }

  /** Moves meeting m to (s, r); s = -1 unassigns it (the room is then ignored). */
  place(m: number, s: number, r: number): void {
    if (s < 0) r = -1;
    const os = this.slot[m]!;
    const or = this.room[m]!;
    if (os === s && or === r) return;
    if (os >= 0) this.update(m, os, or, -1);
    this.slot[m] = s;
    this.room[m] = r;
    if (s >= 0) this.update(m, s, r, 1);
  }

  private update(m: number, s: number, r: number, d: number): void {
    const c = this.c;
    const ci = c.meetingCourse[m]!;
    const nS = c.nSlots;
    const cs = ci * nS + s;
    const before = this.courseSlot[cs]!;
    this.courseSlot[cs] = before + d;
    if (before === 0 && d > 0) this.courseDistinct[ci]!++;
    else if (before === 1 && d < 0) this.courseDistinct[ci]!--;
    if (r >= 0) {
      this.roomSlot[r * nS + s]! += d;
      const cr = ci * c.nRooms + r;
      const rb = this.courseRoom[cr]!;
      this.courseRoom[cr] = rb + d;
      if (rb === 0 && d > 0) this.courseRooms[ci]!++;
      else if (rb === 1 && d < 0) this.courseRooms[ci]!--;
    }
    const day = c.slotDay[s]!;
    const cd = ci * c.nDays + day;
    const db = this.courseDay[cd]!;
    this.courseDay[cd] = db + d;
    if (db === 0 && d > 0) this.courseDays[ci]!++;
    else if (db === 1 && d < 0) this.courseDays[ci]!--;
    this.courseWeek[ci * c.nWeeks + c.slotWeek[s]!]! += d;
    for (let k = c.courseCurriculaStart[ci]!, e = c.courseCurriculaStart[ci + 1]!; k < e; k++) {
      this.currSlot[c.courseCurricula[k]! * nS + s]! += d;
    }
    for (let k = c.courseInstructorsStart[ci]!, e = c.courseInstructorsStart[ci + 1]!; k < e; k++) {
      this.instrDay[c.courseInstructors[k]! * c.nDays + day]! += d;
    }
  }
}
