import { courseName, roomName, slotLabel, violation } from './describe.js';
import type { Constraint, Violation } from './types.js';

/** hard.no_room_clash: per (room, slot) max(0, meetings − 1) (ITC "RoomOccupancy"). */
export const noRoomClash: Constraint = {
  id: 'hard.no_room_clash',
  kind: 'hard',
  defaultWeight: 1,
  description: 'at most one meeting per room and slot',
  applies: () => true,
  evaluate(c, p) {
    return this.explain(c, p).reduce((sum, v) => sum + v.cost, 0);
  },
  delta(st, m, s, r) {
    const os = st.slot[m]!;
    const or = st.room[m]!;
    if (s < 0) r = -1;
    if (os === s && or === r) return 0;
    const nS = st.c.nSlots;
    let d = 0;
    if (os >= 0 && or >= 0 && st.roomSlot[or * nS + os]! > 1) d--;
    if (s >= 0 && r >= 0 && st.roomSlot[r * nS + s]! > 0) d++;
    return d;
  },
  explain(c, p) {
    const cells = new Map<number, number[]>();
    for (let i = 0; i < p.course.length; i++) {
      if (p.slot[i]! < 0 || p.room[i]! < 0) continue;
      const key = p.room[i]! * c.nSlots + p.slot[i]!;
      const list = cells.get(key);
      if (list) list.push(p.course[i]!);
      else cells.set(key, [p.course[i]!]);
    }
    const out: Violation[] = [];
    for (const [key, courses] of [...cells].sort((a, b) => a[0] - b[0])) {
      if (courses.length < 2) continue;
      const r = Math.floor(key / c.nSlots);
      const s = key % c.nSlots;
      out.push(
        violation(
          'hard.no_room_clash',
          courses.length - 1,
          `${courses.map((ci) => courseName(c, ci)).join(' and ')} are ${courses.length === 2 ? 'both' : 'all'} in room ${roomName(c, r)} at ${slotLabel(c, s)}`,
          {
            courses: courses.map((ci) => c.courseIds[ci]!),
            rooms: [c.roomIds[r]!],
            slots: [slotLabel(c, s)],
          },
        ),
      );
    }
    return out;
  },
};
