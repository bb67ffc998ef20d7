import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildDemoCatalog } from './index.js';

function counterIds() {
  let n = 0;
  return () => `00000000-0000-7000-8000-${String(n++).padStart(12, '0')}`;
}

function build(now: Date) {
  const newId = counterIds();
  return buildDemoCatalog({
    instructorIds: [newId(), newId()],
    learnerIds: Array.from({ length: 20 }, newId),
    now,
    newId,
  });
}

describe(buildDemoCatalog.name, () => {
  afterEach(() => vi.restoreAllMocks());

  it('should build the same demo every time, without Math.random', () => {
    const random = vi.spyOn(Math, 'random');
    const now = new Date('2025-03-01T12:00:00Z');
    expect(build(now)).toEqual(build(new Date(now)));
    expect(random).not.toHaveBeenCalled();
  });

  it('should move every date with the seeding time', () => {
    const first = build(new Date('2025-03-01T12:00:00Z'));
    const later = build(new Date('2025-03-11T12:00:00Z'));
    const shift = 10 * 86_400_000;
    expect(later.enrolments.map((e) => e.enrolledAt!.getTime() - shift)).toEqual(
      first.enrolments.map((e) => e.enrolledAt!.getTime()),
    );
    expect(later.courses.map((c) => c.publishedAt?.getTime())).toEqual(
      first.courses.map((c) => (c.publishedAt ? c.publishedAt.getTime() + shift : undefined)),
    );
  });

  it('should keep every row within the tables’ constraints', () => {
    const rows = build(new Date());
    for (const c of rows.courses)
      expect(['beginner', 'intermediate', 'advanced', 'all']).toContain(c.level);
    for (const p of rows.lessonProgress) expect(p.percent).toBeGreaterThanOrEqual(0);
    for (const p of rows.lessonProgress) expect(p.percent).toBeLessThanOrEqual(100);
    for (const r of rows.courseReviews) expect([1, 2, 3, 4, 5]).toContain(r.rating);
    const slugs = rows.courses.map((c) => c.slug);
    expect(new Set(slugs).size).toBe(slugs.length);
    const pairs = rows.enrolments.map((e) => `${e.courseId}/${e.userId}`);
    expect(new Set(pairs).size).toBe(pairs.length);
    const reviewPairs = rows.courseReviews.map((r) => `${r.courseId}/${r.userId}`);
    expect(new Set(reviewPairs).size).toBe(reviewPairs.length);
  });
});
