import { courseName, roomName, violation } from './describe.js';
import type { Constraint, Violation } from './types.js';

/** soft.room_stability (ITC S4): per course, distinct rooms used minus one. */
export const roomStability: Constraint = {
  id: 'soft.room_stability',
  kind: 'soft',
  defaultWeight: 1,
  description: 'each course keeps to one room',
  applies: (c) => c.nRooms > 1,
  evaluate(c, p) {
    return this.explain(c, p).reduce((sum, v) => sum + v.cost, 0);
  },
  delta(st, m, s, r) {
    const c = st.c;
    const ci = c.meetingCourse[m]!;
    const oldR = st.slot[m]! >= 0 ? st.room[m]! : -1;
    const newR = s >= 0 ? r : -1;
    if (oldR === newR) return 0;
    const rooms = st.courseRooms[ci]!;
    let after = rooms;
    const base = ci * c.nRooms;
    if (oldR >= 0 && st.courseRoom[base + oldR] === 1) after--;
    if (newR >= 0 && st.courseRoom[base + newR] === 0) after++;
    return (after > 0 ? after - 1 : 0) - (rooms > 0 ? rooms - 1 : 0);
  },
  explain(c, p) {
    const used = new Uint8Array(c.nCourses * c.nRooms);
    for (let i = 0; i < p.course.length; i++)
      if (p.slot[i]! >= 0 && p.room[i]! >= 0) used[p.course[i]! * c.nRooms + p.room[i]!] = 1;
    const out: Violation[] = [];
    for (let ci = 0; ci < c.nCourses; ci++) {
      const rooms: number[] = [];
      for (let r = 0; r < c.nRooms; r++) if (used[ci * c.nRooms + r]) rooms.push(r);
      if (rooms.length > 1) {
        out.push(
          violation(
            'soft.room_stability',
            rooms.length - 1,
            `${courseName(c, ci)} uses ${rooms.length} rooms: ${rooms.map((r) => roomName(c, r)).join(', ')}`,
            {
              courses: [c.courseIds[ci]!],
              rooms: rooms.map((r) => c.roomIds[r]!),
            },
          ),
        );
      }
    }
    return out;
  },
};
