import cliProgress from 'cli-progress';
import type { Progress } from '#modules/timetabling/engine/index.js';

/** A live line on stderr: elapsed time against the limit, best hard/soft, phase. */
export function createProgressLine(timeLimitMs: number) {
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format:
        '{bar} {elapsed}s/{limit}s | best hard {hard} soft {soft} | {phase} | {iterations} it',
      barsize: 20,
      hideCursor: true,
      noTTYOutput: true,
      notTTYSchedule: 5000,
    },
    cliProgress.Presets.shades_classic,
  );
  const limit = Math.round(timeLimitMs / 1000);
  bar.start(timeLimitMs, 0, {
    elapsed: '0.0',
    limit,
    hard: '-',
    soft: '-',
    phase: 'start',
    iterations: 0,
  });
  return {
    update(p: Progress): void {
      bar.update(Math.min(timeLimitMs, p.elapsedMs), {
        elapsed: (p.elapsedMs / 1000).toFixed(1),
        limit,
        hard: Number.isFinite(p.bestHard) ? p.bestHard : '-',
        soft: Number.isFinite(p.bestSoft) ? p.bestSoft : '-',
        phase: p.phase,
        iterations: p.iterations,
      });
    },
    stop(): void {
      bar.stop();
    },
  };
}
