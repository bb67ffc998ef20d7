import type { Assignment } from './assignment.js';
import type { Compiled } from './compiled.js';
import { activeConstraints } from './constraints/registry.js';
import type { Constraint } from './constraints/types.js';
import { evaluate } from './evaluate.js';
import { FUSED_IDS, type FusedWeights, fusedDelta } from './fused-delta.js';
import { TimetableState } from './state.js';

/**
 * A timetable state plus running hard/soft totals. `delta()` writes the change of a move into
 * `dHard`/`dSoft` (fields, so the hot loop allocates nothing); `move()` applies it.
 */
export class IncrementalEvaluator {
  readonly st: TimetableState;
  readonly c: Compiled;
  hard = 0;
  soft = 0;
  dHard = 0;
  dSoft = 0;
  /** Number of delta evaluations so far (the benchmark's "evaluations"). */
  evaluations = 0;
  private readonly hardK: Constraint[];
  private readonly softK: Constraint[];
  private readonly softW: Float64Array;
  /** Set when every active constraint is covered by the fused ITC delta (the fast path). */
  private readonly fused: FusedWeights | null;
  private readonly out = new Float64Array(2);

  constructor(c: Compiled, initial?: Assignment, options: { generic?: boolean } = {}) {
    this.c = c;
    this.st = new TimetableState(c, initial);
    const active = activeConstraints(c);
    this.hardK = active.filter((a) => a.constraint.kind === 'hard').map((a) => a.constraint);
    const soft = active.filter((a) => a.constraint.kind === 'soft');
    this.softK = soft.map((a) => a.constraint);
    this.softW = Float64Array.from(soft, (a) => a.weight);
    const weightOf = (id: string) => soft.find((a) => a.constraint.id === id)?.weight ?? 0;
    this.fused =
      !options.generic && active.every((a) => FUSED_IDS.has(a.constraint.id))
        ? {
            capacity: weightOf('soft.room_capacity'),
            minDays: weightOf('soft.min_working_days'),
            compactness: weightOf('soft.curriculum_compactness'),
            stability: weightOf('soft.room_stability'),
          }
        : null;
    this.recompute();
  }

  /** Resets the totals from a full evaluation (used after loading or to guard against drift in tests). */
  recompute(): void {
    const e = evaluate(this.c, this.st.assignment(), 0);
    this.hard = e.hard;
    this.soft = e.soft;
  }

  get usesFusedDelta(): boolean {
    return this.fused !== null;
  }

  delta(m: number, s: number, r: number): void {
    if (this.fused) {
      fusedDelta(this.st, m, s, r, this.fused, this.out);
      this.dHard = this.out[0]!;
      this.dSoft = this.out[1]!;
      this.evaluations++;
      return;
    }
    const st = this.st;
    let h = 0;
    const hk = this.hardK;
    for (let i = 0; i < hk.length; i++) h += hk[i]!.delta(st, m, s, r);
    let so = 0;
    const sk = this.softK;
    const w = this.softW;
    for (let i = 0; i < sk.length; i++) so += w[i]! * sk[i]!.delta(st, m, s, r);
    this.dHard = h;
    this.dSoft = so;
    this.evaluations++;
  }

  /** Hard delta only (cheaper when soft does not matter). */
  deltaHard(m: number, s: number, r: number): number {
    if (this.fused) {
      fusedDelta(this.st, m, s, r, this.fused, this.out, true);
      this.evaluations++;
      return this.out[0]!;
    }
    let h = 0;
    const hk = this.hardK;
    for (let i = 0; i < hk.length; i++) h += hk[i]!.delta(this.st, m, s, r);
    this.evaluations++;
    return h;
  }

  /** Applies a move, updating the totals (computes its delta first). */
  move(m: number, s: number, r: number): void {
    this.delta(m, s, r);
    this.hard += this.dHard;
    this.soft += this.dSoft;
    this.st.place(m, s, r);
  }

  /** Applies a move whose delta was just computed by `delta(m, s, r)`. */
  commit(m: number, s: number, r: number): void {
    this.hard += this.dHard;
    this.soft += this.dSoft;
    this.st.place(m, s, r);
  }

  load(a: Assignment): void {
    for (let m = 0; m < this.c.nMeetings; m++) this.st.place(m, a.slot[m]!, a.room[m]!);
    this.recompute();
  }
}
