import type { Assignment } from '../assignment.js';
import type { IncrementalEvaluator } from '../incremental.js';
import { Rng } from './rng.js';
import type { Now, Progress, SolveOptions, TrajectoryPoint } from './types.js';

const YIELD_EVERY_MS = 40;
const PROGRESS_EVERY_MS = 200;
const MAX_TRAJECTORY = 2000;

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * What every search phase shares: the evaluator, the RNG, the best solution so far, the budget
 * (time, iterations, abort signal), progress reporting and cooperative yielding to the event loop.
 */
export class SearchContext {
  readonly rng: Rng;
  readonly best: Assignment;
  bestHard = Number.POSITIVE_INFINITY;
  bestSoft = Number.POSITIVE_INFINITY;
  iterations = 0;
  phase = 'start';
  readonly trajectory: TrajectoryPoint[] = [];
  readonly startedAt: number;
  private readonly now: Now;
  private lastYield: number;
  private lastProgress = Number.NEGATIVE_INFINITY;
  private stopped = false;

  constructor(
    readonly ev: IncrementalEvaluator,
    readonly opts: SolveOptions,
  ) {
    this.rng = new Rng(opts.seed ?? 1);
    this.best = { slot: ev.st.slot.slice(), room: ev.st.room.slice() };
    this.now = opts.now;
    this.startedAt = this.now();
    this.lastYield = this.startedAt;
  }

  get timeLimitMs(): number {
    return this.opts.timeLimitMs ?? 60_000;
  }

  elapsed(): number {
    return this.now() - this.startedAt;
  }

  /** Fraction of the budget used, by iterations when an iteration budget is set (reproducible), else by time. */
  progressFraction(): number {
    if (this.opts.maxIterations) return Math.min(1, this.iterations / this.opts.maxIterations);
    return Math.min(1, this.elapsed() / this.timeLimitMs);
  }

  /** Records the current state as best if it is better (hard first, then soft). */
  offer(): boolean {
    const ev = this.ev;
    if (ev.hard < this.bestHard || (ev.hard === this.bestHard && ev.soft < this.bestSoft)) {
      this.bestHard = ev.hard;
      this.bestSoft = ev.soft;
      this.best.slot.set(ev.st.slot);
      this.best.room.set(ev.st.room);
      if (this.trajectory.length < MAX_TRAJECTORY) {
        this.trajectory.push({
          elapsedMs: Math.round(this.elapsed()),
          iteration: this.iterations,
          hard: ev.hard,
          soft: ev.soft,
        });
      }
      return true;
    }
    return false;
  }

  /** True once the budget is spent or the run was cancelled (checked cheaply; no clock read). */
  get done(): boolean {
    return this.stopped;
  }

  /**
   * Called every few hundred iterations: checks time, iterations and the abort signal, reports
   * progress and yields to the event loop. Resolves true when the search must stop.
   */
  async checkpoint(): Promise<boolean> {
    if (this.stopped) return true;
    const now = this.now();
    const o = this.opts;
    if (
      o.signal?.aborted ||
      now - this.startedAt >= this.timeLimitMs ||
      (o.maxIterations !== undefined && this.iterations >= o.maxIterations)
    ) {
      this.stopped = true;
      this.report(now, true);
      return true;
    }
    this.report(now, false);
    if (now - this.lastYield >= YIELD_EVERY_MS) {
      await yieldToLoop();
      this.lastYield = this.now();
      if (o.signal?.aborted) this.stopped = true;
    }
    return this.stopped;
  }

  /** Reports progress as of now (forced: whatever the interval since the last report). */
  reportNow(force: boolean): void {
    this.report(this.now(), force);
  }

  report(now: number, force: boolean): void {
    const cb = this.opts.onProgress;
    if (!cb || (!force && now - this.lastProgress < PROGRESS_EVERY_MS)) return;
    this.lastProgress = now;
    const p: Progress = {
      elapsedMs: Math.round(now - this.startedAt),
      iterations: this.iterations,
      hard: this.ev.hard,
      soft: this.ev.soft,
      bestHard: this.bestHard,
      bestSoft: this.bestSoft,
      phase: this.phase,
    };
    cb(p);
  }
}
