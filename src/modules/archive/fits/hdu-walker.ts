import type { ByteSource } from './byte-source.js';
import { FitsError, type FitsWarning, makeWarning } from './errors.js';
import type { Header } from './header.js';
import { BLOCK, findEnd, parseHeaderCards } from './header-parser.js';

export type HduType = 'primary' | 'image' | 'bintable' | 'table' | 'random-groups' | 'unknown';

/** Where an HDU sits in its file and the shape of its data, read from the header alone. */
export interface Hdu {
  index: number;
  type: HduType;
  header: Header;
  headerOffset: number;
  /** Header bytes including the padding after END (a multiple of 2880). */
  headerSize: number;
  dataOffset: number;
  /** Data bytes without padding. */
  dataSize: number;
  /** Data bytes including padding to a whole block. */
  paddedDataSize: number;
  bitpix: number;
  /** NAXIS1…NAXISn, FITS order (NAXIS1 varies fastest). */
  naxis: number[];
  pcount: number;
  gcount: number;
  extname?: string;
}

export interface FitsFile {
  hdus: Hdu[];
  warnings: FitsWarning[];
  size: number;
}

export const VALID_BITPIX = new Set([8, 16, 32, 64, -32, -64]);
// Header reads start with one block and double up to 16: short headers never touch data bytes.
const MAX_HEADER_READ_BLOCKS = 16;
const MAX_NAXIS = 999;

/** Reads every HDU's header and data layout; data bytes are never loaded. */
export async function readFitsStructure(
  source: ByteSource,
  options: { maxHdus?: number } = {},
): Promise<FitsFile> {
  const warnings: FitsWarning[] = [];
  const hdus: Hdu[] = [];
  const maxHdus = options.maxHdus ?? Number.POSITIVE_INFINITY;
  if (source.size === 0) throw new FitsError('FITS_NOT_FITS', 'file is empty', { offset: 0 });
  // Checked before anything else, so that a text or image file is called what it is.
  if (String.fromCharCode(...(await source.read(0, 6))) !== 'SIMPLE') {
    throw new FitsError('FITS_NOT_FITS', 'file does not start with SIMPLE: not a FITS file', {
      offset: 0,
    });
  }
  if (source.size % BLOCK !== 0) {
    warnings.push(
      makeWarning(
        'SIZE_NOT_BLOCK_MULTIPLE',
        `file size ${source.size} is not a multiple of ${BLOCK} bytes`,
        {},
      ),
    );
  }
  let offset = 0;
  while (offset < source.size && hdus.length < maxHdus) {
    const index = hdus.length;
    if (index > 0) {
      const head = await source.read(offset, 8);
      const tag = String.fromCharCode(...head);
      if (tag !== 'XTENSION') {
        const rest = source.size - offset;
        const zeros = (await source.read(offset, Math.min(rest, BLOCK))).every((b) => b === 0);
        warnings.push(
          makeWarning(
            zeros ? 'TRAILING_ZEROS' : 'TRAILING_BYTES',
            `${rest} bytes after the last HDU ${zeros ? 'are zero padding' : 'are not a FITS extension'}; ignored`,
            { offset },
          ),
        );
        break;
      }
    }
    const hdu = await readHdu(source, offset, index, warnings);
    hdus.push(hdu);
    offset = hdu.dataOffset + hdu.paddedDataSize;
  }
  return { hdus, warnings, size: source.size };
}

async function readHeaderBytes(
  source: ByteSource,
  offset: number,
  index: number,
  warnings: FitsWarning[],
): Promise<{ bytes: Uint8Array; endCard: number }> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const ctx = { hdu: index, offset, warnings };
  let attempt = 0;
  for (;;) {
    const at = offset + total;
    if (at >= source.size) {
      throw new FitsError('FITS_MISSING_END', 'header has no END card before the end of the file', {
        hdu: index,
        offset: at,
      });
    }
    const blocks = Math.min(MAX_HEADER_READ_BLOCKS, 2 ** attempt++);
    const chunk = await source.read(at, BLOCK * blocks);
    const whole = chunk.length - (chunk.length % BLOCK);
    if (whole === 0) {
      throw new FitsError(
        'FITS_TRUNCATED',
        `file ends inside a header block (${chunk.length} of ${BLOCK} bytes)`,
        { hdu: index, offset: at },
      );
    }
    chunks.push(chunk.subarray(0, whole));
    total += whole;
    const bytes = chunks.length === 1 ? chunks[0]! : concat(chunks, total);
    const endCard = findEnd(bytes, ctx);
    if (endCard >= 0) return { bytes, endCard };
    if (chunks.length > 1) {
      chunks.length = 0;
      chunks.push(bytes);
    }
  }
}

function concat(parts: Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

function requireInt(
  header: Header,
  keyword: string,
  where: { hdu: number; offset: number },
  min: number,
  max: number,
): number {
  const card = header.card(keyword);
  if (!card) {
    throw new FitsError('FITS_MISSING_KEYWORD', `required keyword ${keyword} is missing`, where);
  }
  const v = card.value;
  const n = typeof v === 'bigint' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) {
    throw new FitsError(
      keyword === 'BITPIX' ? 'FITS_UNKNOWN_BITPIX' : 'FITS_BAD_KEYWORD_VALUE',
      `${keyword} = ${String(v)} is not an integer in ${min}..${max}`,
      { ...where, card: card.index, keyword },
    );
  }
  return n;
}

async function readHdu(
  source: ByteSource,
  offset: number,
  index: number,
  warnings: FitsWarning[],
): Promise<Hdu> {
  const { bytes, endCard } = await readHeaderBytes(source, offset, index, warnings);
  const where = { hdu: index, offset };
  const header = parseHeaderCards(bytes, endCard, { hdu: index, offset, warnings });
  const headerSize = Math.ceil(((endCard + 1) * 80) / BLOCK) * BLOCK;
  const first = header.cards[0];
  let type: HduType;
  if (index === 0) {
    if (first?.keyword !== 'SIMPLE') {
      throw new FitsError('FITS_NOT_FITS', 'file does not start with SIMPLE: not a FITS file', {
        ...where,
        card: 1,
      });
    }
    if (first.value !== true) {
      warnings.push(makeWarning('SIMPLE_FALSE', 'SIMPLE is not T: file may not conform', where));
    }
    type = 'primary';
  } else {
    const xt = header.string('XTENSION')?.trim().toUpperCase();
    if (xt === 'IMAGE') type = 'image';
    else if (xt === 'BINTABLE' || xt === 'A3DTABLE') type = 'bintable';
    else if (xt === 'TABLE') type = 'table';
    else {
      type = 'unknown';
      warnings.push(makeWarning('UNKNOWN_XTENSION', `unknown extension type "${xt}"`, where));
    }
  }
  const bitpixCard = header.card('BITPIX');
  const bitpix = requireInt(header, 'BITPIX', where, -64, 64);
  if (!VALID_BITPIX.has(bitpix)) {
    throw new FitsError(
      'FITS_UNKNOWN_BITPIX',
      `BITPIX = ${bitpix} is not one of 8, 16, 32, 64, -32, -64`,
      { ...where, card: bitpixCard?.index, keyword: 'BITPIX' },
    );
  }
  const nAxes = requireInt(header, 'NAXIS', where, 0, MAX_NAXIS);
  const naxis: number[] = [];
  for (let i = 1; i <= nAxes; i++) {
    naxis.push(requireInt(header, `NAXIS${i}`, where, 0, Number.MAX_SAFE_INTEGER));
  }
  const pcount = header.has('PCOUNT') ? requireInt(header, 'PCOUNT', where, 0, 2 ** 52) : 0;
  const gcount = header.has('GCOUNT') ? requireInt(header, 'GCOUNT', where, 0, 2 ** 52) : 1;
  if (index > 0 && (!header.has('PCOUNT') || !header.has('GCOUNT'))) {
    warnings.push(
      makeWarning(
        'MISSING_PCOUNT_GCOUNT',
        'extension lacks PCOUNT or GCOUNT; using 0 and 1',
        where,
      ),
    );
  }
  const groups = index === 0 && header.boolean('GROUPS') === true && naxis[0] === 0;
  if (groups) type = 'random-groups';
  if ((type === 'bintable' || type === 'table') && (bitpix !== 8 || nAxes !== 2)) {
    warnings.push(
      makeWarning(
        'BAD_TABLE_AXES',
        `table has BITPIX ${bitpix} and NAXIS ${nAxes}, expected 8 and 2`,
        where,
      ),
    );
  }
  let elements = 0;
  if (nAxes > 0) {
    elements = 1;
    for (let i = groups ? 1 : 0; i < nAxes; i++) elements *= naxis[i]!;
  }
  const dataSize = nAxes === 0 ? 0 : (Math.abs(bitpix) / 8) * gcount * (pcount + elements);
  const paddedDataSize = Math.ceil(dataSize / BLOCK) * BLOCK;
  const dataOffset = offset + headerSize;
  if (dataOffset + dataSize > source.size) {
    throw new FitsError(
      'FITS_TRUNCATED',
      `data needs ${dataSize} bytes from offset ${dataOffset} (BITPIX ${bitpix}, NAXIS ${naxis.join('x') || 0}) but the file ends at byte ${source.size}`,
      where,
    );
  }
  if (dataOffset + paddedDataSize > source.size) {
    warnings.push(
      makeWarning('MISSING_PADDING', 'the last data block is not padded to 2880 bytes', where),
    );
  }
  const extname = header.string('EXTNAME')?.trim();
  return {
    index,
    type,
    header,
    headerOffset: offset,
    headerSize,
    dataOffset,
    dataSize,
    paddedDataSize,
    bitpix,
    naxis,
    pcount,
    gcount,
    ...(extname ? { extname } : {}),
  };
}
