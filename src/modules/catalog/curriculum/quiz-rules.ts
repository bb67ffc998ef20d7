import type { ErrorDetail } from '#platform/errors/index.js';

export interface QuestionShape {
  kind: 'single' | 'multiple';
  options: ReadonlyArray<{ correct: boolean }>;
}

/**
 * Answer-key problems the schema cannot express: a single-choice question needs exactly one
 * correct option, a multiple-choice one at least one.
 */
export function quizProblems(questions: readonly QuestionShape[]): ErrorDetail[] {
  return questions.flatMap((question, index) => {
    const correct = question.options.filter((o) => o.correct).length;
    const path = `/body/questions/${index}/options`;
    if (question.kind === 'single' && correct !== 1)
      return [
        {
          path,
          message: `a single-choice question needs exactly one correct option, not ${correct}`,
        },
      ];
    if (question.kind === 'multiple' && correct === 0)
      return [{ path, message: 'a multiple-choice question needs at least one correct option' }];
    return [];
  });
}
