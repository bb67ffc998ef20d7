import { CardValueError, parseValueField } from './card-value.js';
import { FitsError, type FitsWarning, makeWarning } from './errors.js';
import { type Card, Header } from './header.js';

const ASCII = new TextDecoder('latin1');

export const BLOCK = 2880;
export const CARD = 80;

const COMMENTARY = new Set(['COMMENT', 'HISTORY', '']);
const STANDARD_KEYWORD = /^[A-Z0-9_-]{1,8}$/;

export interface HeaderContext {
  hdu: number;
  /** File offset of the header's first byte. */
  offset: number;
  warnings: FitsWarning[];
}

/** Finds the END card in whole blocks; throws when a block is clearly binary (no END before data). */
export function findEnd(bytes: Uint8Array, ctx: HeaderContext): number {
  const cards = Math.floor(bytes.length / CARD);
  for (let c = 0; c < cards; c++) {
    const o = c * CARD;
    if (
      bytes[o] === 0x45 &&
      bytes[o + 1] === 0x4e &&
      bytes[o + 2] === 0x44 &&
      isBlank(bytes, o + 3, o + 8)
    ) {
      return c;
    }
    if (looksBinary(bytes, o)) {
      throw new FitsError('FITS_MISSING_END', 'header has no END card before non-text bytes', {
        hdu: ctx.hdu,
        card: c + 1,
        offset: ctx.offset + o,
      });
    }
  }
  return -1;
}

function isBlank(bytes: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (bytes[i] !== 0x20) return false;
  return true;
}

function looksBinary(bytes: Uint8Array, o: number): boolean {
  let bad = 0;
  for (let i = o; i < o + CARD; i++) {
    const b = bytes[i]!;
    if (b < 0x20 || b > 0x7e) bad++;
  }
  return bad > CARD / 4;
}

/** Parses cards `0..endCard-1` into a Header; CONTINUE cards are joined onto the string they extend. */
export function parseHeaderCards(bytes: Uint8Array, endCard: number, ctx: HeaderContext): Header {
  const cards: Card[] = [];
  // One decode for the whole header; cards are then slices (bytes are checked to be ASCII below).
  const text = ASCII.decode(bytes.subarray(0, endCard * CARD));
  // The last string card ending in `&`: a following CONTINUE card carries the rest of it.
  let open: Card | undefined;
  for (let c = 0; c < endCard; c++) {
    const o = c * CARD;
    const where = { hdu: ctx.hdu, card: c + 1, offset: ctx.offset + o };
    for (let i = o; i < o + CARD; i++) {
      const b = bytes[i]!;
      if (b < 0x20 || b > 0x7e) {
        throw new FitsError(
          'FITS_MALFORMED_CARD',
          `card holds byte 0x${b.toString(16).padStart(2, '0')} at column ${i - o + 1}, not printable ASCII`,
          where,
        );
      }
    }
    const { card, continued } = parseCard(text.slice(o, o + CARD), c + 1, where, ctx.warnings);
    if (card.keyword === 'CONTINUE' && open && typeof card.value === 'string') {
      open.value = (open.value as string) + card.value;
      if (card.comment)
        open.comment = open.comment ? `${open.comment} ${card.comment}` : card.comment;
      if (!continued) open = undefined;
      continue;
    }
    if (open) {
      // No CONTINUE followed: the `&` was part of the string after all.
      open.value = `${open.value as string}&`;
      open = undefined;
    }
    if (card.keyword === 'CONTINUE') {
      ctx.warnings.push(
        makeWarning('ORPHAN_CONTINUE', 'CONTINUE card does not follow a string ending in &', where),
      );
    }
    if (continued) open = card;
    cards.push(card);
  }
  if (open) open.value = `${open.value as string}&`;
  return new Header(cards);
}

function parseCard(
  raw: string,
  index: number,
  where: { hdu: number; card: number; offset: number },
  warnings: FitsWarning[],
): { card: Card; continued: boolean } {
  let keyword = raw.slice(0, 8).trimEnd();
  let field: string | undefined;
  if (keyword === 'HIERARCH') {
    const eq = raw.indexOf('=', 9);
    if (eq > 0) {
      keyword = raw.slice(9, eq).trim().replace(/\s+/g, ' ');
      field = raw.slice(eq + 1);
    }
  } else if (keyword === 'CONTINUE') {
    field = raw.slice(8);
  } else if (!COMMENTARY.has(keyword) && raw.slice(8, 10) === '= ') {
    field = raw.slice(10);
  }
  if (keyword !== 'HIERARCH' && !raw.startsWith('HIERARCH') && keyword !== '') {
    if (!STANDARD_KEYWORD.test(keyword)) {
      warnings.push(
        makeWarning(
          'NONSTANDARD_KEYWORD',
          `keyword "${keyword}" has characters outside A-Z 0-9 - _`,
          {
            ...where,
            keyword,
          },
        ),
      );
    }
  }
  if (field === undefined) {
    const text = raw.slice(8).trimEnd();
    return { card: { keyword, value: undefined, comment: text, index, raw }, continued: false };
  }
  try {
    const parsed = parseValueField(field);
    const card: Card = { keyword, value: parsed.value, comment: parsed.comment, index, raw };
    return { card, continued: parsed.continued === true };
  } catch (err) {
    if (err instanceof CardValueError) {
      throw new FitsError('FITS_MALFORMED_CARD', `malformed card: ${err.message}`, {
        ...where,
        keyword,
      });
    }
    throw err;
  }
}
