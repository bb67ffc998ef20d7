import type { FitsWarning } from './errors.js';
import type { Hdu } from './hdu-walker.js';
import { isImageHdu } from './image-reader.js';
import { readBeam } from './science-summary.js';
import type { PixelStats } from './stats.js';
import { readCelestialWcs } from './wcs.js';

export type IssueLevel = 'error' | 'warning' | 'info';

export interface ValidationIssue {
  level: IssueLevel;
  code: string;
  hdu: number | null;
  message: string;
}

const DEPRECATED: Record<string, string> = {
  EPOCH: 'EQUINOX',
  RADECSYS: 'RADESYS',
  RESTFREQ: 'RESTFRQ',
};
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$/;

/**
 * Science-level checks on headers already read: what a product archive wants to know before
 * accepting a file (sky position, beam, dates, integrity keywords, odd keywords).
 */
export function validateHdu(hdu: Hdu, stats?: PixelStats | null): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const h = hdu.header;
  const add = (level: IssueLevel, code: string, message: string) =>
    issues.push({ level, code, hdu: hdu.index, message });
  const image = isImageHdu(hdu);
  if (image && hdu.naxis.length >= 2) {
    const wcs = readCelestialWcs(h);
    if (!wcs.ok) add('warning', 'MISSING_WCS', `no usable celestial WCS: ${wcs.reason}`);
    const bunit = h.string('BUNIT')?.trim() ?? '';
    if (/beam/i.test(bunit) && !readBeam(hdu)) {
      add('warning', 'MISSING_BEAM', `BUNIT is ${bunit} but BMAJ/BMIN are missing`);
    }
    if (!bunit) add('info', 'MISSING_BUNIT', 'BUNIT (data units) is missing or empty');
    const date = h.string('DATE-OBS')?.trim();
    if (!date) add('info', 'MISSING_DATE_OBS', 'DATE-OBS is missing');
    else if (!ISO_DATE.test(date)) {
      add(
        'warning',
        'NONSTANDARD_DATE',
        `DATE-OBS '${date}' is not ISO 8601 (YYYY-MM-DD[Thh:mm:ss])`,
      );
    }
    if (stats && stats.count === 0)
      add('warning', 'ALL_MISSING', 'every pixel is missing (NaN or BLANK)');
    const dmin = h.number('DATAMIN');
    const dmax = h.number('DATAMAX');
    // DATAMIN = DATAMAX (often both 0) is how some writers say "not computed".
    const rangeSet = dmin === undefined || dmax === undefined || dmin < dmax;
    if (rangeSet && stats?.min !== null && stats?.min !== undefined && stats.max !== null) {
      if ((dmin !== undefined && stats.min < dmin) || (dmax !== undefined && stats.max > dmax)) {
        add(
          'warning',
          'DATAMIN_DATAMAX',
          `values ${stats.min}..${stats.max} fall outside DATAMIN/DATAMAX ${dmin ?? '-'}..${dmax ?? '-'}`,
        );
      }
    }
  }
  if ((h.has('CD1_1') || h.has('PC1_1')) && (h.has('CROTA2') || h.has('CROTA1'))) {
    add('warning', 'CROTA_WITH_MATRIX', 'CROTA is ignored because a CD or PC matrix is present');
  }
  for (const [old, now] of Object.entries(DEPRECATED)) {
    if (h.has(old) && !h.has(now))
      add('info', 'DEPRECATED_KEYWORD', `${old} is deprecated; use ${now}`);
  }
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const c of h.cards) {
    if (c.value === undefined || c.keyword === 'CONTINUE') continue;
    if (seen.has(c.keyword)) dup.add(c.keyword);
    seen.add(c.keyword);
  }
  for (const k of dup)
    add('warning', 'DUPLICATE_KEYWORD', `keyword ${k} appears more than once; the first is used`);
  if (hdu.dataSize > 0 && !h.has('CHECKSUM') && !h.has('DATASUM')) {
    add('info', 'NO_CHECKSUM', 'no CHECKSUM/DATASUM: integrity cannot be verified');
  }
  return issues;
}

/** Reader warnings (non-standard keywords, padding, trailing bytes) as validation issues. */
export function warningIssues(warnings: FitsWarning[]): ValidationIssue[] {
  return warnings.map((w) => ({
    level: 'warning' as const,
    code: w.code,
    hdu: w.where.hdu ?? null,
    message: w.message,
  }));
}
