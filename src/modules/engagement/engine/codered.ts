/** The inputs of the `codered-v1` formula, as a learner carries them or as activity yields them. */
export interface CoderedInputs {
  completedPercent: number | null;
  avgQuizScore: number | null;
  consecutiveMissedSessions: number | null;
  lastLoginAt: Date | null;
}

export type RiskLabel = 'low' | 'medium' | 'high';

/** One term of a score: what it adds on the score's scale (the terms add up to the raw score). */
export interface RiskFactor {
  name: 'completion' | 'quiz' | 'missedSessions' | 'recency';
  contribution: number;
  value: number | null;
}

export interface RiskScore {
  score: number;
  label: RiskLabel;
  model: string;
  factors: RiskFactor[];
}

export const CODERED_MODEL = 'codered-v1';

const DAY_MS = 86_400_000;
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** 0 for a login within 7 days, 1 at 30 days or more (or never), linear between. */
export function recencyOf(lastLoginAt: Date | null, asOf: Date): number {
  if (!lastLoginAt) return 1;
  const days = (asOf.getTime() - lastLoginAt.getTime()) / DAY_MS;
  if (days <= 7) return 0;
  if (days >= 30) return 1;
  return (days - 7) / 23;
}

/** `high` above 0.7, `medium` above 0.4, else `low`. */
export function labelOf(score: number): RiskLabel {
  if (score > 0.7) return 'high';
  if (score > 0.4) return 'medium';
  return 'low';
}

/**
 * The baseline formula of the platform Lectern replaces, exactly:
 * clamp01(0.5·(1 − completed/100) + 0.2·(1 − quiz/100) + 0.2·min(missed/7, 1) + 0.1·recency),
 * rounded to 3 decimals. A missing completion or quiz score counts as 0, missing sessions as 0.
 */
export function coderedScore(inputs: CoderedInputs, asOf: Date): RiskScore {
  const completed = clamp(inputs.completedPercent ?? 0, 0, 100);
  const quiz = clamp(inputs.avgQuizScore ?? 0, 0, 100);
  const missed = Math.max(0, inputs.consecutiveMissedSessions ?? 0);
  const recency = recencyOf(inputs.lastLoginAt, asOf);
  const factors: RiskFactor[] = [
    {
      name: 'completion',
      contribution: 0.5 * (1 - completed / 100),
      value: inputs.completedPercent,
    },
    { name: 'quiz', contribution: 0.2 * (1 - quiz / 100), value: inputs.avgQuizScore },
    {
      name: 'missedSessions',
      contribution: 0.2 * Math.min(missed / 7, 1),
      value: inputs.consecutiveMissedSessions,
    },
    { name: 'recency', contribution: 0.1 * recency, value: round3(recency) },
  ];
  const raw = factors.reduce((sum, f) => sum + f.contribution, 0);
  const score = round3(clamp(raw, 0, 1));
  return {
    score,
    label: labelOf(score),
    model: CODERED_MODEL,
    factors: factors.map((f) => ({ ...f, contribution: round3(f.contribution) })),
  };
}
