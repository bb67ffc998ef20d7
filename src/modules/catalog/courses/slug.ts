import { isUuid } from '#platform/db/index.js';
import { validationError } from '#platform/errors/index.js';

/** Slugs are lower-case words of letters and digits joined by single hyphens. */
export const SLUG_PATTERN = '^[a-z0-9]+(?:-[a-z0-9]+)*$';

/** Room left after the base for a `-<n>` suffix; the base itself never ends in a hyphen. */
const MAX_BASE_LENGTH = 80;

/**
 * A URL slug from free text: accents dropped, everything else but letters and digits a hyphen.
 * Never shaped like a UUID (see `refuseUuidSlug`): such a text gets `fallback-` in front.
 */
export function slugify(text: string, fallback = 'course'): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, MAX_BASE_LENGTH)
    .replace(/^-+|-+$/g, '');
  if (isUuid(slug)) return `${fallback}-${slug}`;
  return slug || fallback;
}

/**
 * Refuses a slug shaped like a UUID: a course reference that is a UUID is always taken for an
 * id, so such a slug would name nothing, or, once a course had that id, the wrong course.
 */
export function refuseUuidSlug(slug: string, path = '/body/slug'): void {
  if (isUuid(slug))
    throw validationError('A slug must not have the form of a UUID', [
      { path, message: 'must not have the form of a UUID (it would be read as a course id)' },
    ]);
}

/**
 * The first of `base`, `base-2`, `base-3`, … that is not in `taken` (the slugs already equal to
 * `base` or starting with `base-`).
 */
export function firstFreeSlug(base: string, taken: readonly string[]): string {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}

export const MAX_TAGS = 20;

/** A tag as stored and compared: trimmed, lower-cased, single spaces. */
export const normalizeTag = (tag: string): string => tag.trim().replace(/\s+/g, ' ').toLowerCase();

/** Tags normalized, duplicates collapsed, sorted; at most `MAX_TAGS`. */
export function normalizeTags(tags: readonly string[], path = '/body/tags'): string[] {
  const normalized = [...new Set(tags.map(normalizeTag))];
  if (normalized.some((tag) => tag === ''))
    throw validationError('Tags must not be blank', [{ path, message: 'has a blank tag' }]);
  if (normalized.length > MAX_TAGS)
    throw validationError(
      `A course has at most ${MAX_TAGS} tags`,
      [{ path, message: `has ${normalized.length} distinct tags, more than ${MAX_TAGS}` }],
      'TOO_MANY_TAGS',
    );
  return normalized.sort();
}
