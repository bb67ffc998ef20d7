import type { FitsValue } from './card-value.js';
import { FitsError } from './errors.js';

/** One header card to write; no value makes a commentary card (COMMENT, HISTORY, blank). */
export interface HeaderCard {
  keyword: string;
  value?: FitsValue;
  comment?: string;
}

/** How physical values are stored: physical = stored × bscale + bzero; blank marks missing. */
export interface StoredScaling {
  bscale: number;
  /** A bigint keeps BZERO = 2^63 (unsigned 64-bit) exact on the card. */
  bzero: number | bigint;
  /** The stored integer meaning "no value" (integer BITPIX only). */
  blank?: bigint | number;
}

export interface PrimaryImageInput {
  bitpix: 8 | 16 | 32 | 64 | -32 | -64;
  /** NAXIS1…NAXISn, NAXIS1 fastest. */
  naxis: readonly number[];
  /** Cards written after the mandatory ones; structural keywords are refused. */
  cards?: readonly HeaderCard[];
  /** Written as BSCALE, BZERO and BLANK cards. */
  scaling?: StoredScaling;
  /** Stored values, big-endian, exactly NAXIS1×…×NAXISn×|BITPIX|/8 bytes. */
  data: Uint8Array;
}

const BLOCK = 2880;
const KEYWORD = /^[A-Z0-9_-]{0,8}$/;
const COMMENTARY = new Set(['COMMENT', 'HISTORY', '']);
const STRUCTURAL =
  /^(SIMPLE|XTENSION|BITPIX|NAXIS\d*|EXTEND|PCOUNT|GCOUNT|GROUPS|END|BSCALE|BZERO|BLANK)$/;
/** Characters of a string value that fit on one card between `= '` and the closing quote. */
const STRING_ROOM = 80 - 10 - 2;

function bad(what: string, keyword?: string): FitsError {
  return new FitsError('FITS_BAD_ARGUMENT', what, keyword === undefined ? {} : { keyword });
}

/** A number in a form that reads back to the same double: integers plain, others with `.` or `E`. */
export function formatNumber(n: number, keyword?: string): string {
  if (!Number.isFinite(n)) throw bad(`${n} cannot be written in a FITS header`, keyword);
  if (Number.isSafeInteger(n)) return String(n);
  // String() is the shortest text that round-trips; FITS wants a decimal point in the mantissa.
  const text = Number.isInteger(n) ? n.toExponential() : String(n);
  const [mantissa = '', exponent] = text.split('e');
  const m = mantissa.includes('.') ? mantissa : `${mantissa}.0`;
  return exponent === undefined
    ? m
    : `${m}E${exponent.startsWith('-') ? '' : '+'}${exponent.replace('+', '')}`;
}

function checkAscii(text: string, keyword: string): void {
  if (!/^[\x20-\x7e]*$/.test(text))
    throw bad(`${keyword} text has characters outside printable ASCII`, keyword);
}

function quote(text: string): string {
  return `'${text.replace(/'/g, "''").padEnd(8)}'`;
}

function valueText(value: FitsValue, keyword: string): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return (value ? 'T' : 'F').padStart(20);
  if (typeof value === 'bigint') return value.toString().padStart(20);
  if (typeof value === 'number') return formatNumber(value, keyword).padStart(20);
  if (typeof value === 'string') return quote(value);
  return `(${formatNumber(value.re, keyword)}, ${formatNumber(value.im, keyword)})`;
}

/** Splits a long string into pieces whose quoted form fits a card, leaving room for `&`. */
function stringPieces(value: string): string[] {
  const pieces: string[] = [];
  let piece = '';
  let room = 0;
  for (const ch of value) {
    const cost = ch === "'" ? 2 : 1;
    if (room + cost > STRING_ROOM - 1) {
      pieces.push(piece);
      piece = '';
      room = 0;
    }
    piece += ch;
    room += cost;
  }
  pieces.push(piece);
  return pieces;
}

function withComment(text: string, comment: string | undefined): string {
  if (!comment) return text.padEnd(80);
  const room = 80 - text.length - 3;
  return room > 0 ? `${text} / ${comment.slice(0, room)}`.padEnd(80) : text.padEnd(80);
}

/**
 * The 80-character card images of one card: one, or several for long strings (CONTINUE
 * convention) and long commentary text. Throws `FitsError` for what FITS cannot hold.
 */
export function formatCard(card: HeaderCard): string[] {
  const keyword = card.keyword.toUpperCase();
  if (!KEYWORD.test(keyword)) throw bad(`"${card.keyword}" is not a FITS keyword`, card.keyword);
  const comment = card.comment ?? '';
  checkAscii(comment, keyword);
  if (card.value === undefined) {
    if (!COMMENTARY.has(keyword)) throw bad(`${keyword} has no value`, keyword);
    const lines: string[] = [];
    for (let i = 0; i < Math.max(1, comment.length); i += 72) {
      lines.push(`${keyword.padEnd(8)}${comment.slice(i, i + 72)}`.padEnd(80));
    }
    return lines;
  }
  if (COMMENTARY.has(keyword))
    throw bad(`${keyword || 'a blank keyword'} cannot carry a value`, keyword);
  const head = `${keyword.padEnd(8)}= `;
  const value = card.value;
  if (typeof value === 'string') {
    checkAscii(value, keyword);
    const pieces = stringPieces(value.replace(/ +$/, ''));
    if (pieces.length === 1) return [withComment(head + quote(pieces[0]!), comment)];
    return pieces.map((p, i) => {
      const last = i === pieces.length - 1;
      const text = `${i === 0 ? head : 'CONTINUE  '}'${p.replace(/'/g, "''")}${last ? '' : '&'}'`;
      return last ? withComment(text, comment) : text.padEnd(80);
    });
  }
  return [withComment(head + valueText(value, keyword), comment)];
}

/** Header bytes: the cards, END, space padding to a whole 2880-byte block. */
export function serializeHeader(cards: readonly HeaderCard[]): Uint8Array {
  const lines = cards.flatMap(formatCard);
  lines.push('END'.padEnd(80));
  const out = new Uint8Array(Math.ceil((lines.length * 80) / BLOCK) * BLOCK).fill(0x20);
  let o = 0;
  for (const line of lines) for (let i = 0; i < 80; i++) out[o++] = line.charCodeAt(i);
  return out;
}

const INT_RANGE: Record<number, [number, number]> = {
  8: [0, 255],
  16: [-32768, 32767],
  32: [-2147483648, 2147483647],
  64: [-(2 ** 63), 2 ** 63 - 1],
};

/**
 * Physical values → stored big-endian bytes for a BITPIX (unpadded). Integer BITPIX: stored =
 * round((v − bzero) / bscale), NaN → blank (required then); floats: NaN stays NaN.
 */
export function encodePhysical(
  bitpix: PrimaryImageInput['bitpix'],
  values: ArrayLike<number>,
  scaling: StoredScaling = { bscale: 1, bzero: 0 },
): Uint8Array {
  const size = Math.abs(bitpix) / 8;
  const out = new Uint8Array(values.length * size);
  const dv = new DataView(out.buffer);
  const bscale = scaling.bscale;
  const bzero = Number(scaling.bzero);
  if (bscale === 0) throw bad('BSCALE must not be 0', 'BSCALE');
  const identity = bscale === 1 && bzero === 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    const o = i * size;
    if (bitpix === -32 || bitpix === -64) {
      const s = identity ? v : (v - bzero) / bscale;
      if (bitpix === -32) dv.setFloat32(o, s, false);
      else dv.setFloat64(o, s, false);
      continue;
    }
    let stored: bigint;
    if (Number.isNaN(v)) {
      if (scaling.blank === undefined)
        throw bad(`value ${i} is NaN but BITPIX ${bitpix} has no BLANK`);
      stored = BigInt(scaling.blank);
    } else {
      const s = Math.round((v - bzero) / bscale);
      const [lo, hi] = INT_RANGE[bitpix]!;
      if (!Number.isFinite(s) || s < lo || s > hi) {
        throw bad(`value ${v} does not fit BITPIX ${bitpix} with BSCALE ${bscale}, BZERO ${bzero}`);
      }
      stored = BigInt(s);
    }
    if (bitpix === 8) dv.setUint8(o, Number(stored));
    else if (bitpix === 16) dv.setInt16(o, Number(stored), false);
    else if (bitpix === 32) dv.setInt32(o, Number(stored), false);
    else dv.setBigInt64(o, stored, false);
  }
  return out;
}

/** A one-HDU FITS file: primary header (mandatory cards first) and data padded with zeros. */
export function writePrimaryImage(input: PrimaryImageInput): Uint8Array {
  const { bitpix, naxis } = input;
  if (!INT_RANGE[bitpix] && bitpix !== -32 && bitpix !== -64)
    throw bad(`BITPIX ${bitpix} is not valid`);
  if (!naxis.every((n) => Number.isSafeInteger(n) && n >= 0))
    throw bad(`bad axis lengths ${naxis.join(' x ')}`);
  const expected =
    naxis.length === 0 ? 0 : naxis.reduce((a, b) => a * b, 1) * (Math.abs(bitpix) / 8);
  if (input.data.length !== expected) {
    throw new FitsError(
      'FITS_SIZE_MISMATCH',
      `image data is ${input.data.length} bytes, the axes need ${expected}`,
    );
  }
  const cards: HeaderCard[] = [
    { keyword: 'SIMPLE', value: true, comment: 'conforms to FITS standard' },
    { keyword: 'BITPIX', value: bitpix },
    { keyword: 'NAXIS', value: naxis.length },
    ...naxis.map((n, i) => ({ keyword: `NAXIS${i + 1}`, value: n })),
  ];
  const s = input.scaling;
  if (s && !(s.bscale === 1 && Number(s.bzero) === 0 && s.blank === undefined)) {
    cards.push({ keyword: 'BSCALE', value: s.bscale }, { keyword: 'BZERO', value: s.bzero });
    if (s.blank !== undefined && bitpix > 0) {
      cards.push({ keyword: 'BLANK', value: s.blank });
    }
  }
  for (const card of input.cards ?? []) {
    if (STRUCTURAL.test(card.keyword.toUpperCase())) {
      throw bad(`${card.keyword} is written by the writer itself`, card.keyword);
    }
    cards.push(card);
  }
  const header = serializeHeader(cards);
  const out = new Uint8Array(header.length + Math.ceil(input.data.length / BLOCK) * BLOCK);
  out.set(header);
  out.set(input.data, header.length);
  return out;
}
