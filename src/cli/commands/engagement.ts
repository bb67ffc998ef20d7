import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { type Command, InvalidArgumentError, Option } from 'commander';
import type { OuladData, RiskModelKind } from '#modules/engagement/engine/index.js';
import { evaluateRiskModel, filterPresentations } from '#modules/engagement/engine/index.js';
import { importOulad, readOuladDirectory } from '#modules/engagement/oulad/index.js';
import { inTransaction, migrateUp } from '#platform/db/index.js';
import { cliConfig, withDatabase } from '../context.js';
import { formatEvaluation, predictionsCsv } from './engagement-format.js';

const fraction = (value: string) => {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0 || n > 1)
    throw new InvalidArgumentError('--at must be a number > 0 and ≤ 1');
  return n;
};
const codes = (value: string) =>
  value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** Reads an OULAD directory, reporting each unreadable row and each optional file not there. */
async function load(dir: string, what: string, presentations: string[]): Promise<OuladData> {
  const { data, issues, missing } = await readOuladDirectory(resolve(dir));
  for (const i of issues)
    console.error(`lectern engagement: ${what} ${i.file}:${i.line}: ${i.message}`);
  if (missing.length > 0)
    console.error(`lectern engagement: ${what}: no ${missing.join(', ')} (read as empty)`);
  return filterPresentations(data, presentations);
}

interface EvaluateOptions {
  train: string;
  test: string;
  at: number;
  model: RiskModelKind;
  predictions?: string;
  trainPresentations: string[];
  testPresentations: string[];
  saveModel?: string;
}

export function registerEngagementCommands(program: Command): void {
  const engagement = program.command('engagement').description('learner engagement and risk');

  engagement
    .command('evaluate')
    .description(
      'train the risk model on one OULAD directory and score another as of a share of each presentation',
    )
    .requiredOption('--train <dir>', 'OULAD directory to train on')
    .requiredOption('--test <dir>', 'OULAD directory to score (outcomes optional)')
    .option('--at <fraction>', 'scoring day as a share of the presentation length', fraction, 0.25)
    .addOption(
      new Option('--model <kind>', 'the model')
        .choices(['logistic', 'boosted'])
        .default('logistic'),
    )
    .option('--predictions <file>', 'write code_module,code_presentation,id_student,risk here')
    .option(
      '--train-presentations <codes>',
      'keep these presentations of --train (e.g. 2013B)',
      codes,
      [],
    )
    .option(
      '--test-presentations <codes>',
      'keep these presentations of --test (e.g. 2013J)',
      codes,
      [],
    )
    .option('--save-model <file>', 'write the trained model as JSON')
    .action(async (options: EvaluateOptions) => {
      const train = await load(options.train, 'train', options.trainPresentations);
      const test = await load(options.test, 'test', options.testPresentations);
      const report = evaluateRiskModel(train, test, options.at, { kind: options.model });
      const scored = report.predictions.filter((p) => !p.withdrawn);
      const known = scored.filter((p) => p.label !== null).length;
      console.error(
        `lectern engagement: ${options.model} model on ${report.model.trainedOn.count} learners ` +
          `(+${report.model.trainedOn.calibrationCount} for calibration); scored ` +
          `${scored.length} test learners at ${options.at} of each presentation; ` +
          `${report.leftOut} already withdrawn by then (written with risk 1, not in the metrics)`,
      );
      if (options.predictions)
        await writeFile(options.predictions, predictionsCsv(report.predictions));
      if (options.saveModel)
        await writeFile(options.saveModel, `${JSON.stringify(report.model)}\n`);
      if (report.metrics) for (const line of formatEvaluation(report)) console.log(line);
      else
        console.error('lectern engagement: no outcomes in the test data: predictions only, no AUC');
      if (known > 0 && known < scored.length)
        console.error(
          `lectern engagement: metrics over the ${known} test learners with an outcome`,
        );
    });

  engagement
    .command('import-oulad')
    .description(
      'import an OULAD directory into the configured database (courses, learners, registrations, assessment activity, outcomes)',
    )
    .argument('<dir>', 'OULAD directory')
    .option(
      '--presentations <codes>',
      'import these presentations only (e.g. 2013B,2013J)',
      codes,
      [],
    )
    .action(async (dir: string, options: { presentations: string[] }) => {
      const data = await load(dir, 'import', options.presentations);
      const config = cliConfig();
      const result = await withDatabase(config, async (database) => {
        await migrateUp(database.db);
        return inTransaction(database.db, ({ tx }) => importOulad(tx, data));
      });
      for (const why of result.skipped.slice(0, 20))
        console.error(`lectern engagement: skipped ${why}`);
      if (result.skipped.length > 20)
        console.error(`lectern engagement: … and ${result.skipped.length - 20} more skipped`);
      console.log(
        [
          `courses\t${result.courses}`,
          `learners\t${result.learners}`,
          `registrations\t${result.registrations}`,
          `activity\t${result.activity.inserted} new, ${result.activity.duplicates} already there`,
          `outcomes\t${result.outcomes}`,
        ].join('\n'),
      );
    });
}
