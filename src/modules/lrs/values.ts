import { invalid } from './xapi-error.js';

export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** An absolute IRI: a scheme, a colon and no white space. */
export const isIri = (value: unknown): value is string =>
  typeof value === 'string' && /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/.test(value);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
export const isUuid = (value: unknown): value is string =>
  typeof value === 'string' && UUID.test(value);

/** ISO 8601 date-time with a time zone (`Z` or `±hh:mm`). */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)$/;
export const isTimestamp = (value: unknown): value is string =>
  typeof value === 'string' &&
  DATE_TIME.test(value) &&
  !Number.isNaN(Date.parse(value)) &&
  !/-00(:?00)?$/.test(value);

const DURATION =
  /^P(?!$)(\d+(?:\.\d+)?Y)?(\d+(?:\.\d+)?M)?(\d+(?:\.\d+)?W)?(\d+(?:\.\d+)?D)?(T(?=\d)(\d+(?:\.\d+)?H)?(\d+(?:\.\d+)?M)?(\d+(?:\.\d+)?S)?)?$/;
export const isDuration = (value: unknown): value is string =>
  typeof value === 'string' && DURATION.test(value);

/** Seconds in an ISO 8601 duration (a year is 365 days, a month 30). */
export function durationSeconds(value: string): number | null {
  const m = DURATION.exec(value);
  if (!m) return null;
  const n = (part: string | undefined) => (part ? Number.parseFloat(part) : 0);
  return (
    n(m[1]) * 31_536_000 +
    n(m[2]) * 2_592_000 +
    n(m[3]) * 604_800 +
    n(m[4]) * 86_400 +
    n(m[6]) * 3600 +
    n(m[7]) * 60 +
    n(m[8])
  );
}

/** Refuses properties the spec does not define for this object. */
export function onlyKeys(value: Record<string, unknown>, allowed: readonly string[], path: string) {
  for (const key of Object.keys(value))
    if (!allowed.includes(key))
      throw invalid(path ? `${path}.${key}` : key, 'is not a property the spec allows here');
}

/** A language map: RFC 5646 tags to strings. */
export function checkLanguageMap(value: unknown, path: string): void {
  if (!isObject(value)) throw invalid(path, 'must be a language map');
  for (const [tag, text] of Object.entries(value)) {
    if (!/^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/.test(tag))
      throw invalid(`${path}.${tag}`, 'is not a language tag');
    if (typeof text !== 'string') throw invalid(`${path}.${tag}`, 'must be a string');
  }
}

/** Extensions: IRI keys, any values. */
export function checkExtensions(value: unknown, path: string): void {
  if (!isObject(value)) throw invalid(path, 'must be an object');
  for (const key of Object.keys(value))
    if (!isIri(key)) throw invalid(`${path}.${key}`, 'extension keys must be IRIs');
}
