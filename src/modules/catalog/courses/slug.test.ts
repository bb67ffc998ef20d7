import { describe, expect, it } from 'vitest';
import { AppError } from '#platform/errors/index.js';
import { firstFreeSlug, normalizeTags, slugify } from './slug.js';

describe('slugify', () => {
  it('should keep letters and digits, drop accents, and join words with single hyphens', () => {
    expect(slugify('  Intro to Ærodynamics: Wings & Things!  ')).toBe(
      'intro-to-rodynamics-wings-things',
    );
    expect(slugify('Café Crème 101')).toBe('cafe-creme-101');
    expect(slugify('---')).toBe('course');
    expect(slugify('a'.repeat(200)).length).toBeLessThanOrEqual(80);
    expect(slugify(`${'a'.repeat(79)} b`)).toBe('a'.repeat(79));
  });

  it('should never make a slug shaped like a UUID (a course path would read it as an id)', () => {
    const id = '0190a3b2-7c4d-7e5f-8a6b-9c0d1e2f3a4b';
    expect(slugify(id)).toBe(`course-${id}`);
    expect(slugify(id.toUpperCase())).toBe(`course-${id}`);
    expect(slugify(`${id} notes`)).toBe(`${id}-notes`);
  });
});

describe('firstFreeSlug', () => {
  it('should number a taken base from 2 and fill gaps', () => {
    expect(firstFreeSlug('optics', [])).toBe('optics');
    expect(firstFreeSlug('optics', ['optics'])).toBe('optics-2');
    expect(firstFreeSlug('optics', ['optics', 'optics-2', 'optics-4'])).toBe('optics-3');
    expect(firstFreeSlug('optics', ['optics-2'])).toBe('optics');
  });
});

describe('normalizeTags', () => {
  it('should lower-case, trim, collapse spaces, deduplicate and sort', () => {
    expect(normalizeTags(['Physics', ' physics', 'Lab  Work', 'astro'])).toEqual([
      'astro',
      'lab work',
      'physics',
    ]);
  });

  it('should refuse blank tags and more than 20 distinct ones', () => {
    expect(() => normalizeTags(['  '])).toThrow(AppError);
    const many = Array.from({ length: 21 }, (_, i) => `t${i}`);
    expect(() => normalizeTags(many)).toThrow(/at most 20/);
    expect(normalizeTags([...many.slice(0, 20), 'T0'])).toHaveLength(20);
  });
});
