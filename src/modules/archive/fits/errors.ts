/** Where in a file a problem sits; every field that is known is filled in. */
export interface FitsLocation {
  /** 0-based HDU index. */
  hdu?: number;
  /** 1-based card number within the HDU's header. */
  card?: number;
  keyword?: string;
  /** Byte offset from the start of the file. */
  offset?: number;
}

export type FitsErrorCode =
  | 'FITS_TRUNCATED'
  | 'FITS_MISSING_END'
  | 'FITS_MALFORMED_CARD'
  | 'FITS_BAD_KEYWORD_VALUE'
  | 'FITS_MISSING_KEYWORD'
  | 'FITS_UNKNOWN_BITPIX'
  | 'FITS_SIZE_MISMATCH'
  | 'FITS_NOT_FITS'
  | 'FITS_NO_SUCH_HDU'
  | 'FITS_NOT_IMAGE'
  | 'FITS_NOT_TABLE'
  | 'FITS_BAD_ARGUMENT'
  | 'FITS_UNSUPPORTED'
  | 'FITS_NO_WCS'
  | 'FITS_CUTOUT_OUTSIDE'
  | 'FITS_CUTOUT_TOO_LARGE'
  | 'FITS_CUTOUT_NO_PROJECTION';

export function describeLocation(where: FitsLocation): string {
  const parts: string[] = [];
  if (where.hdu !== undefined) parts.push(`HDU ${where.hdu}`);
  if (where.card !== undefined) parts.push(`card ${where.card}`);
  if (where.keyword !== undefined) parts.push(`keyword ${where.keyword}`);
  if (where.offset !== undefined) parts.push(`byte offset ${where.offset}`);
  return parts.join(', ');
}

/** A FITS problem that stops reading; the message always names what went wrong and where. */
export class FitsError extends Error {
  readonly code: FitsErrorCode;
  readonly where: FitsLocation;

  constructor(code: FitsErrorCode, what: string, where: FitsLocation = {}) {
    const at = describeLocation(where);
    super(at ? `${what} (${at})` : what);
    this.name = 'FitsError';
    this.code = code;
    this.where = where;
  }
}

/** A recoverable oddity: reading goes on, the caller may show it. */
export interface FitsWarning {
  code: string;
  message: string;
  where: FitsLocation;
}

export function makeWarning(code: string, what: string, where: FitsLocation): FitsWarning {
  const at = describeLocation(where);
  return { code, message: at ? `${what} (${at})` : what, where };
}
