import { describe, expect, it } from 'vitest';
import { coderedScore, labelOf, recencyOf } from './codered.js';

const asOf = new Date('2026-03-31T12:00:00Z');
const daysAgo = (d: number) => new Date(asOf.getTime() - d * 86_400_000);

describe('coderedScore', () => {
  it('should be 0 for a learner who completed everything, scored 100 and logged in today', () => {
    const r = coderedScore(
      { completedPercent: 100, avgQuizScore: 100, consecutiveMissedSessions: 0, lastLoginAt: asOf },
      asOf,
    );
    expect(r).toMatchObject({ score: 0, label: 'low', model: 'codered-v1' });
  });

  it('should be 1 for a learner with nothing done who never logged in', () => {
    const r = coderedScore(
      { completedPercent: 0, avgQuizScore: 0, consecutiveMissedSessions: 7, lastLoginAt: null },
      asOf,
    );
    expect(r.score).toBe(1);
    expect(r.label).toBe('high');
  });

  it('should clamp completed and quiz to 0..100 and missed to 7', () => {
    const over = coderedScore(
      {
        completedPercent: 150,
        avgQuizScore: 120,
        consecutiveMissedSessions: 30,
        lastLoginAt: asOf,
      },
      asOf,
    );
    expect(over.score).toBe(0.2);
    const under = coderedScore(
      { completedPercent: -20, avgQuizScore: -5, consecutiveMissedSessions: 0, lastLoginAt: asOf },
      asOf,
    );
    expect(under.score).toBe(0.7);
    expect(under.label).toBe('medium');
  });

  it('should compute the exact weighted sum, rounded to 3 decimals', () => {
    // 0.5·0.6 + 0.2·0.25 + 0.2·(3/7) + 0.1·((18−7)/23) = 0.3 + 0.05 + 0.085714 + 0.047826
    const r = coderedScore(
      {
        completedPercent: 40,
        avgQuizScore: 75,
        consecutiveMissedSessions: 3,
        lastLoginAt: daysAgo(18),
      },
      asOf,
    );
    expect(r.score).toBe(0.484);
    expect(r.factors.map((f) => f.name)).toEqual([
      'completion',
      'quiz',
      'missedSessions',
      'recency',
    ]);
    expect(r.factors.map((f) => f.contribution)).toEqual([0.3, 0.05, 0.086, 0.048]);
  });

  it('should label strictly above the thresholds', () => {
    expect(labelOf(0.7)).toBe('medium');
    expect(labelOf(0.701)).toBe('high');
    expect(labelOf(0.4)).toBe('low');
    expect(labelOf(0.401)).toBe('medium');
  });
});

describe('recencyOf', () => {
  it('should be 0 within 7 days, 1 at 30 days or never, linear between', () => {
    expect(recencyOf(daysAgo(0), asOf)).toBe(0);
    expect(recencyOf(daysAgo(7), asOf)).toBe(0);
    expect(recencyOf(daysAgo(30), asOf)).toBe(1);
    expect(recencyOf(daysAgo(45), asOf)).toBe(1);
    expect(recencyOf(null, asOf)).toBe(1);
    expect(recencyOf(daysAgo(7 + 23 / 2), asOf)).toBeCloseTo(0.5, 10);
  });
});
