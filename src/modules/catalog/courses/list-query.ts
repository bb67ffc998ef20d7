import { createHash } from 'node:crypto';
import { isUuid } from '#platform/db/index.js';
import { validationError } from '#platform/errors/index.js';
import { decodeCursor } from '#platform/http/pagination.js';

export const COURSE_SORTS = ['relevance', 'newest', 'title', 'rating'] as const;
export type CourseSort = (typeof COURSE_SORTS)[number];

export const INCLUDES = ['sections', 'lessons', 'instructors'] as const;

/** What to load with each course; `lessons` nest in sections, so they bring the sections. */
export interface IncludeSet {
  sections: boolean;
  lessons: boolean;
  instructors: boolean;
}

export const NO_INCLUDES: IncludeSet = { sections: false, lessons: false, instructors: false };

/** `include=sections,lessons,instructors` (any subset, any order) as a set. */
export function parseInclude(include: string | undefined): IncludeSet {
  const parts = new Set((include ?? '').split(',').filter(Boolean));
  const lessons = parts.has('lessons');
  return {
    sections: lessons || parts.has('sections'),
    lessons,
    instructors: parts.has('instructors'),
  };
}

/** A stable name of an include set, for cache keys. */
export const includeKey = (include: IncludeSet): string =>
  INCLUDES.filter((name) => include[name]).join(',') || 'none';

/** Relevance needs words to rank by; without `q` the newest come first. */
export function resolveSort(sort: CourseSort | undefined, q: string | undefined): CourseSort {
  if (sort === 'relevance' && !q)
    throw validationError('Sorting by relevance needs a search (q)', [
      { path: '/querystring/sort', message: 'relevance needs q' },
    ]);
  return sort ?? (q ? 'relevance' : 'newest');
}

/**
 * The position after the last course of a page: the sort it belongs to, the sort key as the
 * database printed it (so it compares exactly, microseconds and floats included), and the id
 * that breaks ties.
 */
export interface ListCursor {
  key: string;
  id: string;
}

/** Reads a cursor of this list in this sort; anything else is a 400 `INVALID_CURSOR`. */
export function decodeListCursor(cursor: string, sort: CourseSort): ListCursor {
  const value = decodeCursor(cursor);
  const valid =
    value.s === sort &&
    typeof value.k === 'string' &&
    value.k.length <= 500 &&
    typeof value.id === 'string' &&
    isUuid(value.id);
  if (!valid)
    throw validationError(
      'The cursor is not valid',
      [{ path: '/querystring/cursor', message: 'is not a cursor of this list in this sort' }],
      'INVALID_CURSOR',
    );
  return { key: value.k as string, id: value.id as string };
}

/** The cache key of a public list page: the same question always gives the same key. */
export function listCacheKey(query: Record<string, unknown>): string {
  const normalized = Object.keys(query)
    .filter((key) => query[key] !== undefined)
    .sort()
    .map((key) => [key, query[key]]);
  const digest = createHash('sha256').update(JSON.stringify(normalized)).digest('base64url');
  return `catalog:courses:list:${digest}`;
}
