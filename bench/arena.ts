// `npm run bench -- arena [--budget S] [--train N] [--test N] [--holdout preset]`: the learned
// selector against every fixed solver on workloads it never saw. Each generated workload (every
// preset, train seeds 1000+, test seeds 5000+) is solved by every fixed solver with the same
// wall-clock budget on one thread each (portfolio on two); the selector is trained on the train
// workloads only; the held-out preset appears in the test set only.
import { parseArgs } from 'node:util';
import { evaluateSelector, type SolvedWorkload } from '../src/modules/arena/evaluation.js';
import {
  compile,
  FEATURE_NAMES,
  generateWorkload,
  PRESET_NAMES,
  PRESETS,
  type PresetName,
  type SolverName,
  termFeatures,
} from '../src/modules/timetabling/index.js';
import { solve } from '../src/modules/timetabling/runner/index.js';

const { values } = parseArgs({
  options: {
    budget: { type: 'string', default: '1' },
    train: { type: 'string', default: '3' },
    test: { type: 'string', default: '2' },
    holdout: { type: 'string', default: 'itc-compact' },
  },
});
const budgetMs = Number(values.budget) * 1000;
const holdout = values.holdout as PresetName;
const SOLVERS: SolverName[] = ['greedy', 'annealing', 'tabu', 'hybrid', 'portfolio'];

async function solveWorkload(preset: PresetName, seed: number): Promise<SolvedWorkload> {
  const problem = generateWorkload(PRESETS[preset], seed);
  const f = termFeatures(compile(problem));
  const runs = [];
  for (const solver of SOLVERS) {
    const r = await solve(problem, { solver, timeLimitMs: budgetMs, seed: 1, threads: 2 });
    runs.push({ competitor: solver, hard: r.hard, soft: r.soft });
  }
  return { features: FEATURE_NAMES.map((n) => f[n]), runs };
}

const started = performance.now();
const train: SolvedWorkload[] = [];
const test: SolvedWorkload[] = [];
for (const preset of PRESET_NAMES) {
  if (preset !== holdout)
    for (let i = 0; i < Number(values.train); i++)
      train.push(await solveWorkload(preset, 1000 + i));
  for (let i = 0; i < Number(values.test); i++) test.push(await solveWorkload(preset, 5000 + i));
}
const seconds = (performance.now() - started) / 1000;
const e = evaluateSelector(train, test);

console.log(
  `arena selector: ${e.trainSize} train / ${e.testSize} test workloads (held-out preset ${holdout}), budget ${values.budget} s per solve`,
);
console.log('competitor   mean normalised gap on test');
for (const [c, g] of Object.entries(e.meanGap).sort((a, b) => a[1] - b[1]))
  console.log(`${c.padEnd(12)} ${g.toFixed(4)}`);
console.log(`best fixed solver (chosen on train): ${e.bestFixed}`);
console.log(
  `regret vs oracle: learned ${e.learnedRegret.toFixed(4)}, best fixed ${e.bestFixedRegret.toFixed(4)} (target: learned < half)`,
);
console.log(`learned picks on test: ${JSON.stringify(e.picks)}`);
const workloads = train.length + test.length;
console.log(
  `throughput: ${workloads} workloads × ${SOLVERS.length} solvers in ${seconds.toFixed(0)} s = ${((workloads / seconds) * 3600).toFixed(0)} workloads/hour (sequential solves)`,
);
