import type { DemoCatalogRows } from './demo-tables.js';
import type { IdSource, PlannedQuiz } from './plan-types.js';
import type { Prng } from './prng.js';

type AttemptRow = DemoCatalogRows['quizAttempts'][number];
type AnswerRow = DemoCatalogRows['quizAttemptAnswers'][number];

/**
 * One submitted attempt that passes or fails as asked, scored as the learning routes score one:
 * a question earns its points only when the chosen options are exactly the correct ones, and
 * the score is 100 · points / maxPoints rounded to two decimals.
 */
export function buildQuizAttempt(
  quiz: PlannedQuiz,
  userId: string,
  submittedAt: Date,
  pass: boolean,
  prng: Prng,
  newId: IdSource,
): { attempt: AttemptRow; answers: AnswerRow[] } {
  const maxPoints = quiz.questions.reduce((sum, q) => sum + q.points, 0);
  const right = quiz.questions.map(() => prng.chance(pass ? 0.8 : 0.35));
  const points = () => quiz.questions.reduce((sum, q, i) => sum + (right[i] ? q.points : 0), 0);
  const percent = () => Math.round((points() / maxPoints) * 10_000) / 100;
  // Nudge the luck until the outcome is the one the story needs.
  for (let i = 0; i < right.length && percent() >= quiz.passPercent !== pass; i++) right[i] = pass;

  const attemptId = newId();
  const answers: AnswerRow[] = [];
  quiz.questions.forEach((question, i) => {
    for (const optionId of chosenOptions(question.options, right[i]!, prng))
      answers.push({ attemptId, questionId: question.id, optionId });
  });
  const scorePercent = percent();
  return {
    attempt: {
      id: attemptId,
      quizId: quiz.id,
      userId,
      points: points(),
      maxPoints,
      scorePercent,
      passed: scorePercent >= quiz.passPercent,
      submittedAt,
    },
    answers,
  };
}

/** The correct set, or a plausible mistake: a wrong option, or one correct option too few. */
function chosenOptions(
  options: Array<{ id: string; correct: boolean }>,
  right: boolean,
  prng: Prng,
): string[] {
  const correct = options.filter((o) => o.correct).map((o) => o.id);
  const wrong = options.filter((o) => !o.correct).map((o) => o.id);
  if (right || wrong.length === 0) return correct;
  if (correct.length > 1 && prng.chance(0.5)) return correct.slice(0, -1);
  if (correct.length > 1) return [...correct, prng.pick(wrong)];
  return [prng.pick(wrong)];
}
