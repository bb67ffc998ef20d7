/**
 * Quiz scoring, with no I/O. The rule (also in the API description):
 * - a `single` question scores its points when exactly one option is chosen and it is correct;
 * - a `multiple` question scores its points only when the chosen set is exactly the set of
 *   correct options (no partial credit: one missing or one extra option scores nothing);
 * - an unanswered question scores nothing; the score is points ÷ the quiz's total points.
 */

export interface KeyQuestion {
  id: string;
  kind: 'single' | 'multiple';
  points: number;
  explanation: string | null;
  options: Array<{ id: string; correct: boolean }>;
}

export interface SubmittedAnswer {
  questionId: string;
  optionIds: string[];
}

/** A type, not an interface, so it fits `ErrorDetail`'s index signature. */
export type AnswerProblem = { path: string; message: string };

export interface QuestionResult {
  questionId: string;
  correct: boolean;
  points: number;
  awardedPoints: number;
  chosenOptionIds: string[];
  correctOptionIds: string[];
  explanation: string | null;
}

export interface QuizScore {
  points: number;
  maxPoints: number;
  /** 0–100, two decimals. */
  scorePercent: number;
  passed: boolean;
  questions: QuestionResult[];
}

/** What is wrong with the submitted answers (unknown ids, repeats); empty when they are usable. */
export function checkAnswers(key: KeyQuestion[], answers: SubmittedAnswer[]): AnswerProblem[] {
  const questions = new Map(key.map((q) => [q.id, q]));
  const seen = new Set<string>();
  const problems: AnswerProblem[] = [];
  answers.forEach((answer, i) => {
    const question = questions.get(answer.questionId);
    if (!question) {
      problems.push({
        path: `/body/answers/${i}/questionId`,
        message: 'is not a question of this quiz',
      });
      return;
    }
    if (seen.has(question.id))
      problems.push({ path: `/body/answers/${i}/questionId`, message: 'is answered twice' });
    seen.add(question.id);
    const optionIds = new Set(question.options.map((o) => o.id));
    answer.optionIds.forEach((optionId, j) => {
      if (!optionIds.has(optionId))
        problems.push({
          path: `/body/answers/${i}/optionIds/${j}`,
          message: 'is not an option of this question',
        });
    });
    if (question.kind === 'single' && answer.optionIds.length > 1)
      problems.push({
        path: `/body/answers/${i}/optionIds`,
        message: 'a single-choice question takes one option',
      });
  });
  return problems;
}

const sameSet = (a: Set<string>, b: Set<string>) =>
  a.size === b.size && [...a].every((x) => b.has(x));

/** Scores answers that passed `checkAnswers` against the key, in the key's question order. */
export function scoreQuiz(
  key: KeyQuestion[],
  answers: SubmittedAnswer[],
  passPercent: number,
): QuizScore {
  const chosenBy = new Map(answers.map((a) => [a.questionId, a.optionIds]));
  const questions = key.map((question): QuestionResult => {
    const chosen = chosenBy.get(question.id) ?? [];
    const correctIds = question.options.filter((o) => o.correct).map((o) => o.id);
    const correct =
      question.kind === 'single'
        ? chosen.length === 1 && correctIds.includes(chosen[0]!)
        : chosen.length > 0 && sameSet(new Set(chosen), new Set(correctIds));
    return {
      questionId: question.id,
      correct,
      points: question.points,
      awardedPoints: correct ? question.points : 0,
      chosenOptionIds: chosen,
      correctOptionIds: correctIds,
      explanation: question.explanation,
    };
  });
  const points = questions.reduce((sum, q) => sum + q.awardedPoints, 0);
  const maxPoints = questions.reduce((sum, q) => sum + q.points, 0);
  const scorePercent = maxPoints > 0 ? Math.round((points / maxPoints) * 10_000) / 100 : 0;
  return { points, maxPoints, scorePercent, passed: scorePercent >= passPercent, questions };
}
