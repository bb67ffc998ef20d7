/** Socket errors: the database's host refuses, drops or cannot be reached. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * SQLSTATEs of a server that is going away or full: admin/crash shutdown, starting up, too many
 * connections; class 08 (connection exceptions) is checked by prefix.
 */
const SERVER_CODES = new Set(['57P01', '57P02', '57P03', '53300']);

/** What `pg` and PGlite say when there is no connection to run a query on. */
const NO_CONNECTION = [
  /^PGlite is closed/,
  /^Connection terminated/,
  /timeout exceeded when trying to connect/,
  /^Cannot use a pool after calling end on the pool/,
  /^Client has encountered a connection error and is not queryable/,
  /^Client was closed and is not queryable/,
];

function isOutageCause(error: { code?: unknown; message?: unknown }): boolean {
  const code = typeof error.code === 'string' ? error.code : '';
  if (NETWORK_CODES.has(code) || SERVER_CODES.has(code)) return true;
  if (/^08[0-9A-Z]{3}$/.test(code)) return true;
  const message = typeof error.message === 'string' ? error.message : '';
  return NO_CONNECTION.some((pattern) => pattern.test(message));
}

/**
 * True when an error (or what caused it: Drizzle wraps the driver's error) says the database
 * cannot be reached, as opposed to a query that failed: the request may succeed if retried.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  // A bounded walk: a cause chain could be cyclic.
  for (let depth = 0; depth < 8 && typeof current === 'object' && current !== null; depth++) {
    const candidate = current as { code?: unknown; message?: unknown; cause?: unknown };
    if (isOutageCause(candidate)) return true;
    const errors = (current as { errors?: unknown }).errors;
    // Connecting to `localhost` tries ::1 and 127.0.0.1: Node reports both in an AggregateError.
    if (Array.isArray(errors) && errors.some((e) => typeof e === 'object' && e && isOutageCause(e)))
      return true;
    current = candidate.cause;
  }
  return false;
}
