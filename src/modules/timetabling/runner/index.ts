/**
 * The timetabling engine's adapter to the machine: problem files, the real clock, worker threads
 * and the benchmark. The engine itself (`../engine/index.ts`) stays pure.
 */
export {
  type BenchOptions,
  type BenchReport,
  type BenchRow,
  formatBenchTable,
  readBestKnown,
  runBenchmark,
} from './benchmark.js';
export { type InputKind, loadProblemFile } from './load-problem.js';
export { monotonicNow } from './monotonic-clock.js';
export { type PortfolioOptions, solvePortfolio } from './portfolio.js';
export { type RunSolveOptions, solve } from './solve.js';
