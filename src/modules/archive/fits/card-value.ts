export interface FitsComplex {
  re: number;
  im: number;
}

/** A typed header value; `null` is an undefined value (`KEY =` with nothing after it). */
export type FitsValue = string | number | bigint | boolean | FitsComplex | null;

export interface ParsedValue {
  value: FitsValue;
  comment: string;
  /** The string ended in `&`: a CONTINUE card may carry the rest (long-string convention). */
  continued?: boolean;
}

/** Thrown for a value field that cannot be read; the caller adds where it was. */
export class CardValueError extends Error {}

const INTEGER = /^[+-]?\d+$/;
const FLOAT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[EeDd][+-]?\d+)?$/;

/** Parses the value and comment of a card, given the text after `= ` (columns 11–80). */
export function parseValueField(field: string): ParsedValue {
  let i = 0;
  while (i < field.length && field[i] === ' ') i++;
  if (i === field.length) return { value: null, comment: '' };
  if (field[i] === "'") return parseString(field, i);
  if (field[i] === '/') return { value: null, comment: field.slice(i + 1).trim() };
  if (field[i] === '(') return parseComplex(field, i);
  const slash = field.indexOf('/', i);
  const token = (slash < 0 ? field.slice(i) : field.slice(i, slash)).trim();
  const comment = slash < 0 ? '' : field.slice(slash + 1).trim();
  return { value: parseScalar(token), comment };
}

function parseScalar(token: string): FitsValue {
  if (token === 'T') return true;
  if (token === 'F') return false;
  if (INTEGER.test(token)) {
    const n = Number(token);
    return Number.isSafeInteger(n) ? n : BigInt(token);
  }
  if (FLOAT.test(token)) return Number(token.replace(/[Dd]/, 'E'));
  throw new CardValueError(`cannot read value "${token}"`);
}

function parseString(field: string, start: number): ParsedValue {
  let out = '';
  let i = start + 1;
  for (;;) {
    const q = field.indexOf("'", i);
    if (q < 0) throw new CardValueError('string value has no closing quote');
    out += field.slice(i, q);
    if (field[q + 1] === "'") {
      out += "'";
      i = q + 2;
      continue;
    }
    i = q + 1;
    break;
  }
  const rest = field.slice(i).trim();
  let comment = '';
  if (rest.length > 0) {
    if (rest[0] !== '/') throw new CardValueError(`unexpected text "${rest}" after string value`);
    comment = rest.slice(1).trim();
  }
  // Trailing spaces are not significant in FITS strings; leading ones are.
  const value = out.replace(/ +$/, '');
  if (value.endsWith('&')) return { value: value.slice(0, -1), comment, continued: true };
  return { value, comment };
}

function parseComplex(field: string, start: number): ParsedValue {
  const close = field.indexOf(')', start);
  if (close < 0) throw new CardValueError('complex value has no closing parenthesis');
  const parts = field
    .slice(start + 1, close)
    .split(',')
    .map((p) => p.trim());
  if (parts.length !== 2 || !parts.every((p) => FLOAT.test(p))) {
    throw new CardValueError(`cannot read complex value "${field.slice(start, close + 1)}"`);
  }
  const rest = field.slice(close + 1).trim();
  if (rest.length > 0 && rest[0] !== '/') {
    throw new CardValueError(`unexpected text "${rest}" after complex value`);
  }
  return {
    value: {
      re: Number(parts[0]!.replace(/[Dd]/, 'E')),
      im: Number(parts[1]!.replace(/[Dd]/, 'E')),
    },
    comment: rest.slice(1).trim(),
  };
}

/** Formats a value the way FITS writes it (used by the test writer and the CLI). */
export function formatValue(value: FitsValue): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return (value ? 'T' : 'F').padStart(20);
  if (typeof value === 'bigint') return value.toString().padStart(20);
  if (typeof value === 'number') {
    if (Number.isInteger(value) && Math.abs(value) < 1e15) return String(value).padStart(20);
    const s = value.toExponential(14).toUpperCase();
    return s.padStart(20);
  }
  if (typeof value === 'string') return `'${value.replace(/'/g, "''").padEnd(8)}'`;
  return `(${value.re.toExponential(10)}, ${value.im.toExponential(10)})`;
}
