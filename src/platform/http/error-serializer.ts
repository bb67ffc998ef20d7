import { stdSerializers } from 'pino';

type Serialized = Record<string, unknown>;

/** Fields of a serialized error that carry a statement's values: Drizzle's and pg's. */
const VALUE_KEYS = new Set(['params', 'detail']);

// Shorter values (ids like 1, flags like true) would blank out unrelated text, and say little.
const MIN_REDACTED_LENGTH = 4;

interface Scrubbing {
  /** Drizzle's `Failed query: <sql>\nparams: <values>` message and the same without values. */
  messages: Array<[string, string]>;
  /** The values themselves, as they may appear in the driver's own message. */
  values: string[];
  /** The SQL, left as it is: a value may also be a word of it (`'published'`, `published_at`). */
  queries: string[];
}

const asText = (value: unknown): string | null => {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (value instanceof Date || value === null || value === undefined) return null;
  if (typeof value === 'object') return JSON.stringify(value);
  return null;
};

/** The failed statements in an error's cause chain (Drizzle wraps the driver's error). */
function scrubbingOf(error: unknown): Scrubbing {
  const scrubbing: Scrubbing = { messages: [], values: [], queries: [] };
  let current: unknown = error;
  for (let depth = 0; depth < 8 && typeof current === 'object' && current !== null; depth++) {
    const { message, query, params, cause } = current as {
      message?: unknown;
      query?: unknown;
      params?: unknown;
      cause?: unknown;
    };
    if (typeof query === 'string' && Array.isArray(params)) {
      scrubbing.queries.push(query);
      // PGlite's own errors carry `query` and `params` too, with a message of their own.
      if (typeof message === 'string' && message.startsWith('Failed query: '))
        scrubbing.messages.push([message, `Failed query: ${query}`]);
      for (const param of params) {
        const text = asText(param);
        if (text !== null && text.length >= MIN_REDACTED_LENGTH) scrubbing.values.push(text);
      }
    }
    current = cause;
  }
  // Longest first, so a value containing another is removed whole.
  scrubbing.values.sort((a, b) => b.length - a.length);
  return scrubbing;
}

const redactValues = (text: string, values: string[]): string =>
  values.reduce((out, value) => out.split(value).join('[redacted]'), text);

/** Redacts the values everywhere but inside the SQL itself. */
const redactOutsideSql = (text: string, queries: string[], values: string[]): string => {
  const [query, ...others] = queries;
  if (query === undefined) return redactValues(text, values);
  return text
    .split(query)
    .map((part) => redactOutsideSql(part, others, values))
    .join(query);
};

const scrubText = (text: string, { messages, values, queries }: Scrubbing): string => {
  const withoutParams = messages.reduce((out, [from, to]) => out.split(from).join(to), text);
  return redactOutsideSql(withoutParams, queries, values);
};

function scrub(value: Serialized, scrubbing: Scrubbing): Serialized {
  const out: Serialized = {};
  for (const [key, field] of Object.entries(value)) {
    if (VALUE_KEYS.has(key)) continue;
    if (typeof field === 'string') out[key] = scrubText(field, scrubbing);
    else if (Array.isArray(field))
      out[key] = field.map((item) =>
        typeof item === 'object' && item !== null ? scrub(item as Serialized, scrubbing) : item,
      );
    else if (typeof field === 'object' && field !== null)
      out[key] = scrub(field as Serialized, scrubbing);
    else out[key] = field;
  }
  return out;
}

/**
 * pino's error serializer, minus the values of failed database statements: Drizzle's message
 * lists them (password hashes, emails, tokens) and the driver's repeats the offending one. The
 * SQL, with its `$1` placeholders, stays.
 */
export function serializeError(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const serialized = stdSerializers.err(error) as unknown as Serialized;
  return scrub(serialized, scrubbingOf(error));
}
