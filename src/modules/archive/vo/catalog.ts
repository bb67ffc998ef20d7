import type { FileStore } from '#platform/storage/index.js';

/** One image HDU of a live archive product, as the VO endpoints describe it. */
export interface VoImage {
  id: string;
  productName: string;
  productVersion: number;
  hduIndex: number;
  extName: string | null;
  object: string | null;
  telescope: string | null;
  instrument: string | null;
  bunit: string | null;
  observedAt: Date | null;
  frequencyHz: number | null;
  bandwidthHz: number | null;
  /** ICRS degrees. */
  centreRa: number;
  centreDec: number;
  pixelScaleDeg: number | null;
  /** NAXIS1, NAXIS2, … */
  shape: number[];
  /** Corners on the sky, [ra, dec] in degrees, in order; null when the WCS gives none. */
  footprint: [number, number][] | null;
  fileBytes: number;
  bitpix: number;
}

/**
 * Optional narrowing of a cone: `observedAt` within [fromDate, toDate] (images without a date
 * are left out once either bound is given), and the image's band (frequencyHz ± bandwidthHz/2,
 * or frequencyHz alone) overlapping [minHz, maxHz] (images without a frequency are left out).
 * The VO layer re-applies these exactly, so a catalog may apply them loosely, but it should apply
 * them: `limit` counts the rows it returns.
 */
export interface ConeFilters {
  fromDate?: Date;
  toDate?: Date;
  minHz?: number;
  maxHz?: number;
}

export interface StoredVoFile {
  storageKey: string;
  filename: string;
  contentType: string;
  sha256: string;
  sizeBytes: number;
  createdAt: Date;
}

/** What the VO endpoints need from the archive; the archive implements it over its database. */
export interface VoCatalog {
  /** Live images whose centre lies within `radius` degrees of (ra, dec), nearest first, at most `limit`. */
  cone(
    query: { ra: number; dec: number; radius: number },
    limit: number,
    filters?: ConeFilters,
  ): Promise<VoImage[]>;
  /** The stored FITS file of a live image, for the access URL, or null. */
  file(id: string): Promise<StoredVoFile | null>;
}

export interface VoOptions {
  catalog: VoCatalog;
  store: FileStore;
  /** `ARCHIVE_VO_PUBLIC`: anyone may search and download; otherwise an API key is needed. */
  publicAccess: boolean;
  /** Checks a key from `?key=` or the X-API-Key header; resolves whether it may read the archive. */
  authorize: (key: string | undefined) => Promise<boolean>;
  /** The naming authority of `obs_publisher_did` (`ivo://<authority>/archive?<id>`); `lectern` by default. */
  authority?: string;
  /** The most rows one query may return (MAXREC above it is lowered to it); 10 000 by default. */
  maxRecords?: number;
}
