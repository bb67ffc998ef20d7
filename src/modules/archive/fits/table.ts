import type { ByteSource } from './byte-source.js';
import { FitsError } from './errors.js';
import type { Hdu } from './hdu-walker.js';

export interface TableColumn {
  /** 1-based column number. */
  number: number;
  name: string;
  format: string;
  unit: string | null;
  /** Element type code: L X B I J K A E D C M P Q for BINTABLE; A I F E D for TABLE. */
  code: string;
  repeat: number;
  /** Byte offset of the field within a row, and its width in bytes. */
  offset: number;
  width: number;
  /** True for one number per row (or one string): what readColumn can return. */
  scalar: boolean;
  scale: number;
  zero: number;
  nullValue: number | string | null;
  /** ASCII TABLE: decimals of an F/E/D format. */
  decimals?: number;
}

export interface TableInfo {
  kind: 'bintable' | 'table';
  rows: number;
  rowBytes: number;
  columns: TableColumn[];
}

const BIN_SIZES: Record<string, number> = {
  L: 1,
  B: 1,
  I: 2,
  J: 4,
  K: 8,
  A: 1,
  E: 4,
  D: 8,
  C: 8,
  M: 16,
  P: 8,
  Q: 16,
};

/** Column names, formats, units and layout of a BINTABLE or ASCII TABLE extension. */
export function readTableInfo(hdu: Hdu): TableInfo {
  if (hdu.type !== 'bintable' && hdu.type !== 'table') {
    throw new FitsError('FITS_NOT_TABLE', `HDU is a ${hdu.type}, not a table`, { hdu: hdu.index });
  }
  const h = hdu.header;
  const fields = h.number('TFIELDS') ?? 0;
  const rowBytes = hdu.naxis[0] ?? 0;
  const rows = hdu.naxis[1] ?? 0;
  const columns: TableColumn[] = [];
  let offset = 0;
  for (let n = 1; n <= fields; n++) {
    const format = h.string(`TFORM${n}`)?.trim();
    if (!format) {
      throw new FitsError('FITS_MISSING_KEYWORD', `TFORM${n} is missing`, {
        hdu: hdu.index,
        keyword: `TFORM${n}`,
      });
    }
    const base = {
      number: n,
      name: h.string(`TTYPE${n}`)?.trim() || `col${n}`,
      format,
      unit: h.string(`TUNIT${n}`)?.trim() || null,
      scale: h.number(`TSCAL${n}`) ?? 1,
      zero: h.number(`TZERO${n}`) ?? 0,
      nullValue: ((): number | string | null => {
        const v = h.get(`TNULL${n}`);
        return typeof v === 'number' || typeof v === 'string' ? v : null;
      })(),
    };
    const where = { hdu: hdu.index, keyword: `TFORM${n}` };
    if (hdu.type === 'bintable') {
      const m = /^(\d*)([LXBIJKAEDCMPQ])/.exec(format);
      if (!m)
        throw new FitsError('FITS_BAD_KEYWORD_VALUE', `cannot read TFORM${n} = '${format}'`, where);
      const repeat = m[1] ? Number(m[1]) : 1;
      const code = m[2]!;
      const width = code === 'X' ? Math.ceil(repeat / 8) : repeat * BIN_SIZES[code]!;
      columns.push({
        ...base,
        code,
        repeat,
        offset,
        width,
        scalar: (repeat === 1 && code !== 'X' && code !== 'P' && code !== 'Q') || code === 'A',
      });
      offset += width;
    } else {
      const m = /^([AIFED])(\d+)(?:\.(\d+))?/.exec(format);
      if (!m)
        throw new FitsError('FITS_BAD_KEYWORD_VALUE', `cannot read TFORM${n} = '${format}'`, where);
      const start = h.number(`TBCOL${n}`);
      if (start === undefined) {
        throw new FitsError('FITS_MISSING_KEYWORD', `TBCOL${n} is missing`, {
          hdu: hdu.index,
          keyword: `TBCOL${n}`,
        });
      }
      columns.push({
        ...base,
        code: m[1]!,
        repeat: 1,
        offset: start - 1,
        width: Number(m[2]),
        scalar: true,
        ...(m[3] !== undefined ? { decimals: Number(m[3]) } : {}),
      });
    }
  }
  if (hdu.type === 'bintable' && offset !== rowBytes) {
    throw new FitsError(
      'FITS_SIZE_MISMATCH',
      `columns add up to ${offset} bytes per row but NAXIS1 = ${rowBytes}`,
      { hdu: hdu.index, keyword: 'NAXIS1' },
    );
  }
  return { kind: hdu.type, rows, rowBytes, columns };
}

export type ColumnValues = (number | bigint | string | boolean | null)[];

/** Reads one scalar column (by name, case-insensitive, or 1-based number), scaling applied; nulls are null. */
export async function readColumn(
  source: ByteSource,
  hdu: Hdu,
  column: string | number,
  options: { maxRows?: number } = {},
): Promise<ColumnValues> {
  const info = readTableInfo(hdu);
  const col =
    typeof column === 'number'
      ? info.columns[column - 1]
      : info.columns.find((c) => c.name.toLowerCase() === column.toLowerCase());
  if (!col) {
    throw new FitsError('FITS_BAD_ARGUMENT', `no column ${String(column)}`, { hdu: hdu.index });
  }
  if (!col.scalar) {
    throw new FitsError(
      'FITS_UNSUPPORTED',
      `column ${col.name} (${col.format}) is not scalar; only scalar columns can be read`,
      { hdu: hdu.index, keyword: `TFORM${col.number}` },
    );
  }
  const rows = Math.min(info.rows, options.maxRows ?? info.rows);
  const bytes = await source.read(hdu.dataOffset, rows * info.rowBytes);
  if (bytes.length < rows * info.rowBytes) {
    throw new FitsError('FITS_TRUNCATED', 'table data ends early', {
      hdu: hdu.index,
      offset: hdu.dataOffset + bytes.length,
    });
  }
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: ColumnValues = new Array(rows);
  const scaled = col.scale !== 1 || col.zero !== 0;
  for (let r = 0; r < rows; r++) {
    const o = r * info.rowBytes + col.offset;
    out[r] =
      info.kind === 'bintable' ? binValue(dv, bytes, o, col, scaled) : asciiValue(bytes, o, col);
  }
  return out;
}

function binValue(
  dv: DataView,
  bytes: Uint8Array,
  o: number,
  col: TableColumn,
  scaled: boolean,
): number | bigint | string | boolean | null {
  const int = (v: number) =>
    col.nullValue !== null && v === col.nullValue ? null : scaled ? v * col.scale + col.zero : v;
  switch (col.code) {
    case 'L': {
      const b = bytes[o];
      return b === 0x54 ? true : b === 0x46 ? false : null;
    }
    case 'A': {
      let s = '';
      for (let i = 0; i < col.width && bytes[o + i] !== 0; i++)
        s += String.fromCharCode(bytes[o + i]!);
      return s.trimEnd();
    }
    case 'B':
      return int(dv.getUint8(o));
    case 'I':
      return int(dv.getInt16(o, false));
    case 'J':
      return int(dv.getInt32(o, false));
    case 'K': {
      const v = dv.getBigInt64(o, false);
      if (col.nullValue !== null && v === BigInt(col.nullValue)) return null;
      if (scaled) return Number(v) * col.scale + col.zero;
      return Number.isSafeInteger(Number(v)) ? Number(v) : v;
    }
    case 'E':
      return dv.getFloat32(o, false) * col.scale + col.zero;
    case 'D':
      return dv.getFloat64(o, false) * col.scale + col.zero;
    default:
      return null;
  }
}

function asciiValue(bytes: Uint8Array, o: number, col: TableColumn): number | string | null {
  let s = '';
  for (let i = 0; i < col.width; i++) s += String.fromCharCode(bytes[o + i]!);
  if (col.code === 'A') return s.trimEnd();
  const t = s.trim();
  if (t === '' || (col.nullValue !== null && t === String(col.nullValue).trim())) return null;
  let v = Number(t.replace(/[Dd]/, 'E'));
  // Fw.d without a decimal point has an implied one d digits from the right.
  if (col.decimals !== undefined && !t.includes('.') && col.code !== 'I' && !/[EeDd]/.test(t)) {
    v /= 10 ** col.decimals;
  }
  return Number.isNaN(v) ? null : v * col.scale + col.zero;
}
