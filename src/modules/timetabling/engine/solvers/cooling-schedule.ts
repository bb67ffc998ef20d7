import type { SearchContext } from './context.js';

export interface CoolingParams {
  startTemperature: number;
  endTemperature: number;
  /** Temperature factor from one level to the next. */
  coolingRate: number;
  /** A level ends early once this fraction of its samples was accepted (hot levels go fast). */
  acceptedCutoff: number;
}

/** Samples of the first level when the budget is a time limit and the move rate is not known yet. */
const CALIBRATION_SAMPLES = 20_000;

/**
 * Geometric cooling with a number of sampled moves per temperature level, spread over the budget
 * so that the final temperature is reached when the budget ends. At each new level the remaining
 * iterations are shared equally among the remaining levels: exactly, from the iteration budget,
 * when there is one (reproducible for a seed), else estimated from the moves per second measured
 * so far. Iterations saved by the cut-off go to the cooler levels. After the last level the
 * temperature stays at its final value until the budget ends.
 */
export class CoolingSchedule {
  temperature: number;
  /** Samples (and accepted moves) the current level may still take before the next one. */
  samplesLeft = 0;
  acceptsLeft = 0;
  private readonly startIterations: number;
  private readonly startMs: number;
  private levelsLeft: number;

  constructor(
    private readonly ctx: SearchContext,
    private readonly params: CoolingParams,
  ) {
    this.temperature = params.startTemperature;
    this.startIterations = ctx.iterations;
    this.startMs = ctx.elapsed();
    this.levelsLeft = Math.max(
      1,
      Math.ceil(
        Math.log(params.endTemperature / params.startTemperature) / Math.log(params.coolingRate),
      ) + 1,
    );
    this.beginLevel(this.remainingIterations());
  }

  /** Moves on to the next, cooler level (call when `samplesLeft` or `acceptsLeft` reaches 0). */
  nextLevel(): void {
    if (this.levelsLeft > 1) {
      this.levelsLeft--;
      this.temperature = Math.max(
        this.params.endTemperature,
        this.temperature * this.params.coolingRate,
      );
    }
    this.beginLevel(this.remainingIterations());
  }

  private beginLevel(remaining: number): void {
    const samples = Math.max(1, Math.floor(remaining / this.levelsLeft));
    this.samplesLeft = samples;
    this.acceptsLeft =
      this.levelsLeft > 1 ? Math.max(1, Math.ceil(samples * this.params.acceptedCutoff)) : samples;
  }

  private remainingIterations(): number {
    const ctx = this.ctx;
    const max = ctx.opts.maxIterations;
    if (max) return Math.max(0, max - ctx.iterations);
    const done = ctx.iterations - this.startIterations;
    const spentMs = ctx.elapsed() - this.startMs;
    if (done < CALIBRATION_SAMPLES || spentMs <= 0) return CALIBRATION_SAMPLES * this.levelsLeft;
    return (done / spentMs) * Math.max(0, ctx.timeLimitMs - ctx.elapsed());
  }
}
