import { type FitsValue, formatValue } from '../card-value.js';
import { checksumAdd, checksumUpdate, encodeChecksum } from '../checksum.js';

/** A card: [keyword, value, comment] or a raw string used as-is (padded to 80). */
export type CardInput = [string, FitsValue?, string?] | string;

const BLOCK = 2880;

/** Formats one 80-character card. */
export function card(keyword: string, value?: FitsValue, comment?: string): string {
  if (value === undefined) return `${keyword.padEnd(8)}${comment ?? ''}`.padEnd(80).slice(0, 80);
  const text = `${keyword.padEnd(8)}= ${formatValue(value)}${comment ? ` / ${comment}` : ''}`;
  return text.padEnd(80).slice(0, 80);
}

/** A long string split over a first card and CONTINUE cards (the `&` convention). */
export function longStringCards(keyword: string, value: string, piece = 60): string[] {
  const parts: string[] = [];
  for (let i = 0; i < value.length; i += piece) parts.push(value.slice(i, i + piece));
  return parts.map((p, i) => {
    const quoted = `'${p.replace(/'/g, "''")}${i < parts.length - 1 ? '&' : ''}'`;
    return (i === 0 ? `${keyword.padEnd(8)}= ${quoted}` : `CONTINUE  ${quoted}`).padEnd(80);
  });
}

/** Header bytes: cards, END, space padding to a whole block. */
export function headerBytes(cards: CardInput[], end = true): Uint8Array {
  const lines = cards.map((c) => (typeof c === 'string' ? c.padEnd(80).slice(0, 80) : card(...c)));
  if (end) lines.push('END'.padEnd(80));
  const text = lines.join('');
  const size = Math.ceil(text.length / BLOCK) * BLOCK;
  const out = new Uint8Array(size).fill(0x20);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}

/** Big-endian bytes of stored values for a BITPIX (no scaling applied, no padding). */
export function encodeValues(bitpix: number, values: ArrayLike<number | bigint>): Uint8Array {
  const size = Math.abs(bitpix) / 8;
  const out = new Uint8Array(values.length * size);
  const dv = new DataView(out.buffer);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    const o = i * size;
    switch (bitpix) {
      case 8:
        dv.setUint8(o, Number(v));
        break;
      case 16:
        dv.setInt16(o, Number(v), false);
        break;
      case 32:
        dv.setInt32(o, Number(v), false);
        break;
      case 64:
        dv.setBigInt64(o, BigInt(v), false);
        break;
      case -32:
        dv.setFloat32(o, Number(v), false);
        break;
      case -64:
        dv.setFloat64(o, Number(v), false);
        break;
      default:
        throw new RangeError(`BITPIX ${bitpix}`);
    }
  }
  return out;
}

function padData(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.ceil(data.length / BLOCK) * BLOCK);
  out.set(data);
  return out;
}

export interface ImageHduSpec {
  primary?: boolean;
  bitpix: number;
  naxis: number[];
  /** Stored values (before BSCALE/BZERO), NAXIS1 fastest. */
  values?: ArrayLike<number | bigint>;
  cards?: CardInput[];
  /** Add CHECKSUM and DATASUM cards with correct values. */
  checksum?: boolean;
}

/** One image HDU (header + padded data). */
export function imageHdu(spec: ImageHduSpec): Uint8Array {
  const cards: CardInput[] = [
    spec.primary === false ? ['XTENSION', 'IMAGE'] : ['SIMPLE', true],
    ['BITPIX', spec.bitpix],
    ['NAXIS', spec.naxis.length],
    ...spec.naxis.map((n, i): CardInput => [`NAXIS${i + 1}`, n]),
  ];
  if (spec.primary === false) cards.push(['PCOUNT', 0], ['GCOUNT', 1]);
  else cards.push(['EXTEND', true]);
  cards.push(...(spec.cards ?? []));
  const data = spec.values ? encodeValues(spec.bitpix, spec.values) : new Uint8Array(0);
  return assemble(cards, padData(data), spec.checksum ?? false);
}

export interface ColumnSpec {
  name: string;
  /** BINTABLE TFORM, e.g. 'J', 'E', 'D', '8A', 'L', 'K', 'B', 'I'. */
  format: string;
  unit?: string;
  values: (number | bigint | string | boolean)[];
}

/** A BINTABLE extension with scalar (or character) columns. */
export function binTableHdu(
  columns: ColumnSpec[],
  extra: CardInput[] = [],
  checksum = false,
): Uint8Array {
  const rows = columns[0]?.values.length ?? 0;
  const widths = columns.map((c) => binWidth(c.format));
  const rowBytes = widths.reduce((a, b) => a + b, 0);
  const data = new Uint8Array(rowBytes * rows);
  const dv = new DataView(data.buffer);
  for (let r = 0; r < rows; r++) {
    let o = r * rowBytes;
    columns.forEach((c, ci) => {
      const v = c.values[r]!;
      const code = c.format.replace(/^\d+/, '');
      switch (code) {
        case 'L':
          dv.setUint8(o, v ? 0x54 : 0x46);
          break;
        case 'B':
          dv.setUint8(o, Number(v));
          break;
        case 'I':
          dv.setInt16(o, Number(v));
          break;
        case 'J':
          dv.setInt32(o, Number(v));
          break;
        case 'K':
          dv.setBigInt64(o, BigInt(v as number | bigint));
          break;
        case 'E':
          dv.setFloat32(o, Number(v));
          break;
        case 'D':
          dv.setFloat64(o, Number(v));
          break;
        case 'A': {
          const s = String(v);
          for (let i = 0; i < widths[ci]!; i++) data[o + i] = i < s.length ? s.charCodeAt(i) : 0x20;
          break;
        }
        default:
          throw new RangeError(`format ${c.format}`);
      }
      o += widths[ci]!;
    });
  }
  const cards: CardInput[] = [
    ['XTENSION', 'BINTABLE'],
    ['BITPIX', 8],
    ['NAXIS', 2],
    ['NAXIS1', rowBytes],
    ['NAXIS2', rows],
    ['PCOUNT', 0],
    ['GCOUNT', 1],
    ['TFIELDS', columns.length],
  ];
  columns.forEach((c, i) => {
    cards.push([`TTYPE${i + 1}`, c.name], [`TFORM${i + 1}`, c.format]);
    if (c.unit) cards.push([`TUNIT${i + 1}`, c.unit]);
  });
  cards.push(...extra);
  return assemble(cards, padData(data), checksum);
}

function binWidth(format: string): number {
  const m = /^(\d*)([LXBIJKAEDCM])$/.exec(format);
  if (!m) throw new RangeError(`format ${format}`);
  const repeat = m[1] ? Number(m[1]) : 1;
  const size = { L: 1, X: 1, B: 1, I: 2, J: 4, K: 8, A: 1, E: 4, D: 8, C: 8, M: 16 }[m[2]!]!;
  return repeat * size;
}

/** An ASCII TABLE extension; columns are given with their TFORM (e.g. 'I6', 'F10.3', 'A8'). */
export function asciiTableHdu(columns: ColumnSpec[]): Uint8Array {
  const rows = columns[0]?.values.length ?? 0;
  const widths = columns.map((c) => Number(/^[AIFED](\d+)/.exec(c.format)![1]));
  const rowBytes = widths.reduce((a, b) => a + b + 1, 0);
  let text = '';
  for (let r = 0; r < rows; r++) {
    let line = '';
    columns.forEach((c, i) => {
      const v = c.values[r]!;
      const s = c.format.startsWith('A')
        ? String(v).padEnd(widths[i]!)
        : String(v).padStart(widths[i]!);
      line += `${s.slice(0, widths[i]!)} `;
    });
    text += line;
  }
  const data = new Uint8Array(Math.ceil(text.length / BLOCK) * BLOCK).fill(0x20);
  for (let i = 0; i < text.length; i++) data[i] = text.charCodeAt(i);
  const cards: CardInput[] = [
    ['XTENSION', 'TABLE'],
    ['BITPIX', 8],
    ['NAXIS', 2],
    ['NAXIS1', rowBytes],
    ['NAXIS2', rows],
    ['PCOUNT', 0],
    ['GCOUNT', 1],
    ['TFIELDS', columns.length],
  ];
  let col = 1;
  columns.forEach((c, i) => {
    cards.push([`TTYPE${i + 1}`, c.name], [`TBCOL${i + 1}`, col], [`TFORM${i + 1}`, c.format]);
    if (c.unit) cards.push([`TUNIT${i + 1}`, c.unit]);
    col += widths[i]! + 1;
  });
  return assemble(cards, data, false);
}

function assemble(cards: CardInput[], data: Uint8Array, checksum: boolean): Uint8Array {
  if (!checksum) return concatBytes(headerBytes(cards), data);
  const dataSum = checksumUpdate(0, data);
  const withSums: CardInput[] = [
    ...cards,
    ['CHECKSUM', '0000000000000000'],
    ['DATASUM', String(dataSum)],
  ];
  const header = headerBytes(withSums);
  const total = checksumAdd(checksumUpdate(0, header), dataSum);
  const encoded = encodeChecksum(~total >>> 0);
  const final = headerBytes(
    withSums.map((c) => (Array.isArray(c) && c[0] === 'CHECKSUM' ? ['CHECKSUM', encoded] : c)),
  );
  return concatBytes(final, data);
}

/** Joins HDUs (or any byte arrays) into one file. */
export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
