import { describe, expect, it } from 'vitest';
import { checkAnswers, type KeyQuestion, scoreQuiz } from './scoring.js';

const key: KeyQuestion[] = [
  {
    id: 'q1',
    kind: 'single',
    points: 2,
    explanation: 'why',
    options: [
      { id: 'a', correct: true },
      { id: 'b', correct: false },
    ],
  },
  {
    id: 'q2',
    kind: 'multiple',
    points: 3,
    explanation: null,
    options: [
      { id: 'c', correct: true },
      { id: 'd', correct: true },
      { id: 'e', correct: false },
    ],
  },
];

describe('scoreQuiz', () => {
  it('should score a single-choice question only for its correct option', () => {
    expect(scoreQuiz(key, [{ questionId: 'q1', optionIds: ['a'] }], 0).points).toBe(2);
    expect(scoreQuiz(key, [{ questionId: 'q1', optionIds: ['b'] }], 0).points).toBe(0);
  });

  it('should score a multiple-choice question only for exactly the correct set', () => {
    const score = (optionIds: string[]) =>
      scoreQuiz(key, [{ questionId: 'q2', optionIds }], 0).points;
    expect(score(['d', 'c'])).toBe(3);
    expect(score(['c'])).toBe(0);
    expect(score(['c', 'd', 'e'])).toBe(0);
    expect(score([])).toBe(0);
  });

  it('should give the percent with two decimals and pass at the threshold', () => {
    const result = scoreQuiz(key, [{ questionId: 'q1', optionIds: ['a'] }], 40);
    expect(result).toMatchObject({ points: 2, maxPoints: 5, scorePercent: 40, passed: true });
    expect(scoreQuiz(key, [{ questionId: 'q1', optionIds: ['a'] }], 40.01).passed).toBe(false);
    const thirds = scoreQuiz(
      [
        { ...key[0]!, points: 1 },
        { ...key[0]!, id: 'x', points: 2 },
      ],
      [{ questionId: 'q1', optionIds: ['a'] }],
      0,
    );
    expect(thirds.scorePercent).toBe(33.33);
  });

  it('should list every question in key order with the correct options', () => {
    const { questions } = scoreQuiz(key, [], 0);
    expect(questions.map((q) => [q.questionId, q.correctOptionIds])).toEqual([
      ['q1', ['a']],
      ['q2', ['c', 'd']],
    ]);
  });
});

describe('checkAnswers', () => {
  it('should accept answers that fit the quiz', () => {
    expect(checkAnswers(key, [{ questionId: 'q2', optionIds: ['c', 'e'] }])).toEqual([]);
  });

  it('should name unknown questions, foreign options, repeats and extra single choices', () => {
    expect(
      checkAnswers(key, [
        { questionId: 'zz', optionIds: [] },
        { questionId: 'q1', optionIds: ['c'] },
        { questionId: 'q1', optionIds: ['a', 'b'] },
      ]).map((p) => p.path),
    ).toEqual([
      '/body/answers/0/questionId',
      '/body/answers/1/optionIds/0',
      '/body/answers/2/questionId',
      '/body/answers/2/optionIds',
    ]);
  });
});
