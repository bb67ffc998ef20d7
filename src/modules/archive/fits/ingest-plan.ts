import type { ByteSource } from './byte-source.js';
import { readFitsStructure } from './hdu-walker.js';
import { isImageHdu } from './image-reader.js';
import { inspectFits } from './inspect.js';

export type ChecksumStatus = 'ok' | 'absent' | 'failed';
export type QaGrade = 'good' | 'warn' | 'fail';

export interface PlannedCard {
  position: number;
  keyword: string;
  value: string | null;
  comment: string | null;
}

/** What the archive stores for one image HDU of a file, read without touching any store. */
export interface PlannedImage {
  hduIndex: number;
  extName: string | null;
  shape: number[];
  bitpix: number;
  bunit: string | null;
  object: string | null;
  telescope: string | null;
  instrument: string | null;
  observedAt: string | null;
  frequencyHz: number | null;
  bandwidthHz: number | null;
  beam: { majorDeg: number; minorDeg: number; paDeg: number } | null;
  /** Robust (sigma-clipped) standard deviation of the pixels. */
  noise: number | null;
  /** Peak over noise. */
  dynamicRange: number | null;
  stats: Record<string, number | null> | null;
  centre: { ra: number; dec: number } | null;
  pixelScaleDeg: number | null;
  footprint: [number, number][] | null;
  checksumStatus: ChecksumStatus;
  qa: { grade: QaGrade; rule: string; reason: string | null };
  warnings: { code: string; message: string }[];
  cards: PlannedCard[];
}

const isoDate = (text: string | null): string | null => {
  if (!text) return null;
  const t = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(text) || text.length <= 10 ? text : `${text}Z`);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
};

/**
 * Reads a FITS file into one planned row per image HDU that holds pixels: metadata, statistics,
 * WCS centre and footprint, checksum verdict, automatic QA and the header cards. Throws the
 * engine's `FitsError` (HDU, card, byte offset) for a truncated or non-FITS file.
 */
export async function planIngest(source: ByteSource): Promise<PlannedImage[]> {
  const structure = await readFitsStructure(source);
  const report = await inspectFits(source);
  const planned: PlannedImage[] = [];
  for (const hdu of structure.hdus) {
    if (!isImageHdu(hdu) || hdu.dataSize === 0) continue;
    const r = report.hdus.find((h) => h.index === hdu.index);
    if (!r) continue;
    const checksumStatus: ChecksumStatus = !r.checksum
      ? 'absent'
      : r.checksum.checksumOk === false || r.checksum.datasumOk === false
        ? 'failed'
        : r.checksum.checksumOk === null && r.checksum.datasumOk === null
          ? 'absent'
          : 'ok';
    const warnings = [
      ...r.issues.map((i) => ({ code: i.code, message: i.message })),
      ...r.warnings.map((message) => ({ code: 'WARNING', message })),
    ];
    const s = r.summary;
    const spectral = s?.spectral ?? null;
    const wcs = r.wcs;
    const corners = wcs?.corners.filter((c): c is NonNullable<typeof c> => c !== null) ?? [];
    const stats = r.stats
      ? Object.fromEntries(
          Object.entries(r.stats).filter(
            (e): e is [string, number | null] => typeof e[1] === 'number' || e[1] === null,
          ),
        )
      : null;
    const noise = r.stats?.robustStd ?? null;
    const dynamicRange = noise && r.stats?.max != null ? r.stats.max / noise : null;
    planned.push({
      hduIndex: hdu.index,
      extName: r.extname,
      shape: r.shape,
      bitpix: r.bitpix,
      bunit: s?.bunit ?? null,
      object: s?.object ?? null,
      telescope: s?.telescope ?? null,
      instrument: s?.instrument ?? null,
      observedAt: isoDate(s?.dateObs ?? null),
      frequencyHz: spectral && /^FREQ/.test(spectral.ctype) ? spectral.crval : null,
      bandwidthHz:
        spectral && /^FREQ/.test(spectral.ctype)
          ? Math.abs(spectral.cdelt) * spectral.channels
          : null,
      beam: s?.beam ? { majorDeg: s.beam.bmaj, minorDeg: s.beam.bmin, paDeg: s.beam.bpa } : null,
      noise,
      dynamicRange,
      stats,
      centre: wcs?.centre ? { ra: wcs.centre.ra, dec: wcs.centre.dec } : null,
      pixelScaleDeg: wcs ? wcs.pixelScale.mean / 3600 : null,
      footprint: corners.length === 4 ? corners.map((c): [number, number] => [c.ra, c.dec]) : null,
      checksumStatus,
      qa: gradeOf(checksumStatus, r.issues.filter((i) => i.level !== 'info').length, wcs !== null),
      warnings,
      cards: hdu.header.cards.map((c) => ({
        position: c.index,
        keyword: c.keyword,
        value:
          c.value === undefined
            ? null
            : String(typeof c.value === 'object' ? JSON.stringify(c.value) : c.value),
        comment: c.comment || null,
      })),
    });
  }
  return planned;
}

function gradeOf(
  checksum: ChecksumStatus,
  issues: number,
  hasWcs: boolean,
): { grade: QaGrade; rule: string; reason: string | null } {
  if (checksum === 'failed') {
    return {
      grade: 'fail',
      rule: 'checksum',
      reason: 'CHECKSUM or DATASUM does not match the data',
    };
  }
  if (issues > 0) return { grade: 'warn', rule: 'validation', reason: `${issues} header issue(s)` };
  if (!hasWcs)
    return {
      grade: 'warn',
      rule: 'wcs',
      reason: 'no celestial WCS: the image is not on the sky index',
    };
  return { grade: 'good', rule: 'all-checks', reason: null };
}
