import type { ByteSource } from './byte-source.js';
import { type ChecksumReport, verifyHdu } from './checksum.js';
import { FitsError, type FitsWarning } from './errors.js';
import { type FitsFile, type Hdu, readFitsStructure } from './hdu-walker.js';
import { imageGeometry, isImageHdu, type PassOptions } from './image-reader.js';
import { imageStats } from './image-stats.js';
import { scalingOf } from './scaling.js';
import { type ImageSummary, summarizeImage } from './science-summary.js';
import type { PixelStats } from './stats.js';
import { readTableInfo, type TableColumn } from './table.js';
import { type ValidationIssue, validateHdu, warningIssues } from './validation.js';
import { readCelestialWcs, summarizeWcs, type WcsSummary } from './wcs.js';

export interface HduReport {
  index: number;
  type: Hdu['type'];
  extname: string | null;
  bitpix: number;
  /** Axis lengths in FITS order: [NAXIS1, NAXIS2, …]. */
  shape: number[];
  headerOffset: number;
  dataOffset: number;
  dataSize: number;
  cards: number;
  scaling: { bscale: number; bzero: number; blank: string | null; unsigned: boolean } | null;
  summary: ImageSummary | null;
  wcs: WcsSummary | null;
  wcsNote: string | null;
  /** Statistics of the requested plane (or the whole array when no plane was asked for). */
  plane: number | null;
  stats: PixelStats | null;
  table: { rows: number; columns: Pick<TableColumn, 'name' | 'format' | 'unit'>[] } | null;
  checksum: ChecksumReport | null;
  issues: ValidationIssue[];
  warnings: string[];
}

export interface InspectReport {
  file: string;
  size: number;
  hdus: HduReport[];
  warnings: string[];
}

export interface InspectOptions {
  /** Only this HDU (0-based). */
  hdu?: number;
  /** Statistics and spectral value for this 2-D plane of a cube. */
  plane?: number;
  /** Compute statistics (default true). */
  stats?: boolean;
  /** Verify CHECKSUM/DATASUM (default true). */
  checksums?: boolean;
  pass?: Omit<PassOptions, 'plane'>;
}

/** Pick one HDU by index with a clear error when it is not there. */
export function pickHdu(file: FitsFile, index: number): Hdu {
  const hdu = file.hdus[index];
  if (!hdu) {
    throw new FitsError(
      'FITS_NO_SUCH_HDU',
      `HDU ${index} does not exist: the file has ${file.hdus.length} HDU(s), 0..${file.hdus.length - 1}`,
      {},
    );
  }
  return hdu;
}

/** Everything the archive wants to know about a file: per HDU summary, WCS, statistics, checks. */
export async function inspectFits(
  source: ByteSource,
  options: InspectOptions = {},
): Promise<InspectReport> {
  const file = await readFitsStructure(source);
  const chosen = options.hdu === undefined ? file.hdus : [pickHdu(file, options.hdu)];
  const hdus: HduReport[] = [];
  for (const hdu of chosen) hdus.push(await inspectHdu(source, hdu, file.warnings, options));
  return {
    file: source.name,
    size: source.size,
    hdus,
    warnings: file.warnings.filter((w) => w.where.hdu === undefined).map((w) => w.message),
  };
}

async function inspectHdu(
  source: ByteSource,
  hdu: Hdu,
  fileWarnings: FitsWarning[],
  options: InspectOptions,
): Promise<HduReport> {
  const local: FitsWarning[] = [];
  const image = isImageHdu(hdu);
  const scaling = image ? scalingOf(hdu, local) : null;
  let wcs: WcsSummary | null = null;
  let wcsNote: string | null = null;
  let stats: PixelStats | null = null;
  let plane: number | null = null;
  if (image) {
    const g = imageGeometry(hdu);
    const w = readCelestialWcs(hdu.header);
    if (w.ok) wcs = summarizeWcs(w.wcs, g.width, g.height);
    else wcsNote = w.reason;
    if (options.plane !== undefined) plane = options.plane;
    if (options.stats !== false) {
      const { streamed: _, ...values } = await imageStats(source, hdu, {
        ...options.pass,
        ...(plane !== null ? { plane } : {}),
      });
      stats = values;
    }
  } else if (options.plane !== undefined && options.hdu !== undefined) {
    throw new FitsError(
      'FITS_NOT_IMAGE',
      `--plane needs an image HDU; HDU ${hdu.index} is a ${hdu.type}`,
      {
        hdu: hdu.index,
      },
    );
  }
  let table: HduReport['table'] = null;
  if (hdu.type === 'bintable' || hdu.type === 'table') {
    const info = readTableInfo(hdu);
    table = {
      rows: info.rows,
      columns: info.columns.map((c) => ({ name: c.name, format: c.format, unit: c.unit })),
    };
  }
  const checksum =
    options.checksums !== false && (hdu.header.has('CHECKSUM') || hdu.header.has('DATASUM'))
      ? await verifyHdu(source, hdu)
      : null;
  const warnings = [...fileWarnings.filter((w) => w.where.hdu === hdu.index), ...local];
  return {
    index: hdu.index,
    type: hdu.type,
    extname: hdu.extname ?? null,
    bitpix: hdu.bitpix,
    shape: hdu.naxis,
    headerOffset: hdu.headerOffset,
    dataOffset: hdu.dataOffset,
    dataSize: hdu.dataSize,
    cards: hdu.header.cards.length,
    scaling: scaling
      ? {
          bscale: scaling.scale,
          bzero: scaling.zero,
          blank: scaling.blank === undefined ? null : scaling.blank.toString(),
          unsigned: scaling.unsigned,
        }
      : null,
    summary: image ? summarizeImage(hdu, plane ?? 0) : null,
    wcs,
    wcsNote,
    plane,
    stats,
    table,
    checksum,
    issues: [...validateHdu(hdu, stats), ...warningIssues(warnings)],
    warnings: warnings.map((w) => w.message),
  };
}
