import type { IncrementalEvaluator } from '../incremental.js';
import type { SearchContext } from './context.js';

const DYNAMIC_SATURATION_LIMIT = 800;

/**
 * Construction by saturation degree: repeatedly take the course with the fewest conflict-free
 * slots left (ties: most meetings left, then most conflicts), and put its next meeting at the
 * (slot, room) with the smallest hard, then soft, increase. Meetings with no conflict-free place
 * still go to their least-bad place, for the repair phase to fix.
 */
export async function construct(ctx: SearchContext): Promise<void> {
  ctx.phase = 'greedy';
  const ev = ctx.ev;
  const c = ev.c;
  const st = ev.st;
  const nC = c.nCourses;
  const next = new Int32Array(nC);
  for (let ci = 0; ci < nC; ci++) {
    next[ci] = c.courseFirstMeeting[ci]!;
    // Keep what the initial assignment already placed.
    while (next[ci]! < c.courseFirstMeeting[ci + 1]! && st.slot[next[ci]!]! >= 0) next[ci]!++;
  }
  const degree = new Int32Array(nC);
  for (let ci = 0; ci < nC; ci++) {
    degree[ci] =
      c.currConflictStart[ci + 1]! -
      c.currConflictStart[ci]! +
      c.instrConflictStart[ci + 1]! -
      c.instrConflictStart[ci]!;
  }
  const saturation = new Int32Array(nC);
  const refresh = (ci: number) => {
    const m = next[ci]!;
    if (m >= c.courseFirstMeeting[ci + 1]!) return;
    saturation[ci] = countFreeSlots(ev, m);
  };
  for (let ci = 0; ci < nC; ci++) refresh(ci);

  for (;;) {
    let pick = -1;
    for (let ci = 0; ci < nC; ci++) {
      if (next[ci]! >= c.courseFirstMeeting[ci + 1]!) continue;
      if (pick < 0) {
        pick = ci;
        continue;
      }
      const left = c.courseFirstMeeting[ci + 1]! - next[ci]!;
      const pickLeft = c.courseFirstMeeting[pick + 1]! - next[pick]!;
      const a = saturation[ci]! - left;
      const b = saturation[pick]! - pickLeft;
      if (a < b || (a === b && degree[ci]! > degree[pick]!)) pick = ci;
    }
    if (pick < 0) break;
    const m = next[pick]!;
    placeBest(ctx, m);
    next[pick]!++;
    while (next[pick]! < c.courseFirstMeeting[pick + 1]! && st.slot[next[pick]!]! >= 0)
      next[pick]!++;
    ctx.iterations++;
    refresh(pick);
    // Large problems refresh only the placed course; neighbours' counts then lag a little.
    if (c.nMeetings <= DYNAMIC_SATURATION_LIMIT) {
      for (let k = c.currConflictStart[pick]!; k < c.currConflictStart[pick + 1]!; k++)
        refresh(c.currConflict[k]!);
      for (let k = c.instrConflictStart[pick]!; k < c.instrConflictStart[pick + 1]!; k++)
        refresh(c.instrConflict[k]!);
    }
    if ((ctx.iterations & 63) === 0 && (await ctx.checkpoint())) break;
  }
  ctx.offer();
}

/** Slots where meeting m (currently unassigned) could go without any hard violation in some room. */
function countFreeSlots(ev: IncrementalEvaluator, m: number): number {
  const c = ev.c;
  let n = 0;
  for (let s = 0; s < c.nSlots; s++) {
    if (c.meetingPinnedSlot[m]! >= 0 && s !== c.meetingPinnedSlot[m]) continue;
    if (ev.deltaHard(m, s, -1) >= 0) continue;
    for (let r = 0; r < c.nRooms; r++) {
      if (ev.st.roomSlot[r * c.nSlots + s] === 0 && ev.deltaHard(m, s, r) < 0) {
        n++;
        break;
      }
    }
  }
  return n;
}

/**
 * Moves meeting m to its best place: least hard, then least soft increase, ties at random. Slots
 * are screened with a room-less hard delta; each surviving slot is tried with one room, the
 * best-fitting free suitable one (see `fitRoom`).
 */
export function placeBest(ctx: SearchContext, m: number): void {
  const ev = ctx.ev;
  const c = ev.c;
  let bh = Number.POSITIVE_INFINITY;
  let bs = Number.POSITIVE_INFINITY;
  let bestS = -1;
  let bestR = -1;
  let ties = 0;
  const ps = c.meetingPinnedSlot[m]!;
  for (let s = Math.max(ps, 0); s < (ps >= 0 ? ps + 1 : c.nSlots); s++) {
    // Room-less hard delta: a lower bound of the delta with any room.
    if (ev.deltaHard(m, s, -1) > bh) continue;
    const r = fitRoom(ev, m, s);
    ev.delta(m, s, r);
    const h = ev.dHard;
    const so = ev.dSoft;
    if (h < bh || (h === bh && so < bs)) {
      bh = h;
      bs = so;
      bestS = s;
      bestR = r;
      ties = 1;
    } else if (h === bh && so === bs && ctx.rng.int(++ties) === 0) {
      bestS = s;
      bestR = r;
    }
  }
  if (bestS >= 0) ev.move(m, bestS, bestR);
}

/**
 * The room for meeting m at slot s: pinned, else among free, available, suitable rooms one the
 * course already uses, else the smallest that seats everyone, else the largest; if no room is
 * free, the one with the fewest meetings.
 */
export function fitRoom(ev: IncrementalEvaluator, m: number, s: number): number {
  const c = ev.c;
  const pr = c.meetingPinnedRoom[m]!;
  if (pr >= 0) return pr;
  const ci = c.meetingCourse[m]!;
  const nS = c.nSlots;
  const students = c.courseStudents[ci]!;
  let best = -1;
  let bestScore = Number.POSITIVE_INFINITY;
  let fallback = 0;
  for (let r = 0; r < c.nRooms; r++) {
    const busy = ev.st.roomSlot[r * nS + s]!;
    if (busy < ev.st.roomSlot[fallback * nS + s]!) fallback = r;
    if (busy > 0 || c.roomSlotUnavailable[r * nS + s] || c.courseRoomUnsuitable[ci * c.nRooms + r])
      continue;
    const cap = c.roomCapacity[r]!;
    let score = cap >= students ? cap - students : 1_000_000 + (students - cap);
    if (ev.st.courseRoom[ci * c.nRooms + r]! > 0) score -= 2_000_000;
    if (score < bestScore) {
      bestScore = score;
      best = r;
    }
  }
  return best >= 0 ? best : fallback;
}
