import type { Assignment } from './assignment.js';
import type { Compiled } from './compiled.js';
import { activeConstraints } from './constraints/registry.js';
import { IncrementalEvaluator } from './incremental.js';

/** One constraint's weighted change under a move. */
export interface MoveEffect {
  constraint: string;
  kind: 'hard' | 'soft';
  delta: number;
}

/** A place for one meeting with what moving it there would change. */
export interface MoveOption {
  slot: number;
  room: number;
  deltaHard: number;
  deltaSoft: number;
  /** Per constraint, only those that change. */
  effects: MoveEffect[];
}

/** Per-constraint weighted deltas of moving meeting m to (s, r) in the evaluator's state. */
export function moveEffects(ev: IncrementalEvaluator, m: number, s: number, r: number) {
  const effects: MoveEffect[] = [];
  for (const { constraint: k, weight } of activeConstraints(ev.c)) {
    const d = k.delta(ev.st, m, s, r) * weight;
    if (d !== 0) effects.push({ constraint: k.id, kind: k.kind, delta: d });
  }
  return effects;
}

/**
 * Every other (slot, room) for meeting m ranked by hard then soft delta (ties: earlier slot, then
 * room), the best `limit` of them with their per-constraint effects. `rooms` narrows the rooms
 * tried and `slots` the slots (e.g. only the meeting's own slot for a room change).
 */
export function rankPlacements(
  c: Compiled,
  a: Assignment,
  m: number,
  limit: number,
  only: { slots?: number[]; rooms?: number[] } = {},
): MoveOption[] {
  const ev = new IncrementalEvaluator(c, a);
  const slots = only.slots ?? Array.from({ length: c.nSlots }, (_, s) => s);
  const rooms = only.rooms ?? Array.from({ length: c.nRooms }, (_, r) => r);
  const os = a.slot[m]!;
  const or = a.room[m]!;
  const found: Array<{ slot: number; room: number; deltaHard: number; deltaSoft: number }> = [];
  for (const s of slots)
    for (const r of rooms) {
      if (s === os && r === or) continue;
      ev.delta(m, s, r);
      found.push({ slot: s, room: r, deltaHard: ev.dHard, deltaSoft: ev.dSoft });
    }
  found.sort(
    (x, y) =>
      x.deltaHard - y.deltaHard || x.deltaSoft - y.deltaSoft || x.slot - y.slot || x.room - y.room,
  );
  return found.slice(0, limit).map((o) => ({ ...o, effects: moveEffects(ev, m, o.slot, o.room) }));
}

/** The change of hard and soft cost if meetings a and b traded places (slot and room). */
export function swapDelta(c: Compiled, asg: Assignment, a: number, b: number) {
  const ev = new IncrementalEvaluator(c, asg);
  const h0 = ev.hard;
  const s0 = ev.soft;
  const sa = asg.slot[a]!;
  const ra = asg.room[a]!;
  ev.move(a, -1, -1);
  ev.move(b, sa, ra);
  ev.move(a, asg.slot[b]!, asg.room[b]!);
  return { deltaHard: ev.hard - h0, deltaSoft: ev.soft - s0 };
}
