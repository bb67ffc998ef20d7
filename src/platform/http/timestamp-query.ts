import { validationError } from '../errors/index.js';

const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/;

// What both PostgreSQL's timestamptz and JavaScript's ISO strings hold: years 1 to 9999.
const EARLIEST = Date.parse('0001-01-01T00:00:00Z');
const LATEST = Date.parse('9999-12-31T23:59:59.999Z');

/**
 * A `date-time` query parameter as a `Date`, or a 400 naming it. The schema's format lets
 * through what is no instant (a leap second `23:59:60`, which `Date` cannot hold, and year 0,
 * which PostgreSQL refuses); those reached the database as invalid values and answered 500.
 */
export function parseTimestampQuery(value: string, name: string): Date {
  const invalid = (rule: string) =>
    validationError(`The ${name} parameter is not a valid date-time`, [
      { path: `/querystring/${name}`, message: rule },
    ]);
  const match = RFC3339.exec(value);
  if (!match) throw invalid('must be an RFC 3339 date-time, e.g. 2025-01-31T12:00:00Z');
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const [fraction, sign, offsetHours, offsetMinutes] = match.slice(7);
  const local = new Date(Date.UTC(2000, month - 1, day, hour, minute, second));
  local.setUTCFullYear(year);
  const exists =
    year > 0 &&
    second < 60 &&
    local.getUTCFullYear() === year &&
    local.getUTCMonth() === month - 1 &&
    local.getUTCDate() === day &&
    local.getUTCHours() === hour &&
    local.getUTCMinutes() === minute;
  if (!exists) throw invalid('is not a date and time that exists (no year 0, no leap seconds)');
  if (Number(offsetHours ?? 0) > 23 || Number(offsetMinutes ?? 0) > 59)
    throw invalid('has a UTC offset that does not exist');
  const offsetMs = (Number(offsetHours ?? 0) * 60 + Number(offsetMinutes ?? 0)) * 60_000;
  const instant =
    local.getTime() +
    Math.floor(Number(fraction ?? 0) * 1000) -
    (sign === '-' ? -offsetMs : offsetMs);
  if (instant < EARLIEST || instant > LATEST) throw invalid('must lie between years 0001 and 9999');
  return new Date(instant);
}
