import type {
  EvaluationReport,
  LearnerPrediction,
  MetricSummary,
} from '#modules/engagement/engine/index.js';

const num = (x: number | null, digits = 3) => (x === null ? '-' : x.toFixed(digits));

const row = (cells: string[]) => cells.join('\t');
const summaryCells = (s: MetricSummary) => [
  String(s.count),
  String(s.positives),
  num(s.auc),
  num(s.brier),
  num(s.ece),
];

/** The evaluation as tab-separated tables: per presentation and overall, calibration, per group. */
export function formatEvaluation(report: EvaluationReport): string[] {
  const m = report.metrics;
  if (!m) return [];
  const lines = [row(['module', 'presentation', 'learners', 'at_risk', 'auc', 'brier', 'ece'])];
  for (const p of m.byPresentation) lines.push(row([p.module, p.presentation, ...summaryCells(p)]));
  lines.push(row(['all', 'all', ...summaryCells(m.overall)]));
  lines.push('', row(['bin', 'learners', 'mean_risk', 'observed']));
  for (const b of m.calibration)
    lines.push(
      row([
        `${b.lower.toFixed(1)}-${b.upper.toFixed(1)}`,
        String(b.count),
        num(b.meanPredicted),
        num(b.observedRate),
      ]),
    );
  lines.push('', row(['group', 'value', 'learners', 'at_risk', 'auc', 'brier', 'ece']));
  for (const [name, groups] of [
    ['gender', m.byGender],
    ['age_band', m.byAgeBand],
    ['disability', m.byDisability],
  ] as const)
    for (const g of groups) lines.push(row([name, g.group, ...summaryCells(g)]));
  return lines;
}

const csvField = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);

/** The predictions file: a header and one line per test learner. */
export function predictionsCsv(predictions: LearnerPrediction[]): string {
  const lines = ['code_module,code_presentation,id_student,risk'];
  for (const p of predictions)
    lines.push(
      [csvField(p.module), csvField(p.presentation), csvField(p.studentId), p.risk.toFixed(6)].join(
        ',',
      ),
    );
  return `${lines.join('\n')}\n`;
}
