import type { Hdu } from './hdu-walker.js';

export interface Beam {
  /** Degrees, as in the header. */
  bmaj: number;
  bmin: number;
  bpa: number;
  bmajArcsec: number;
  bminArcsec: number;
}

export interface SpectralAxis {
  /** 1-based FITS axis number. */
  axis: number;
  ctype: string;
  unit: string;
  crval: number;
  cdelt: number;
  crpix: number;
  channels: number;
  restFrequency: number | null;
  /** Frequency (Hz) of the requested plane, when the axis is (or converts to) frequency. */
  planeFrequency: number | null;
  /** Width of one channel and of the whole axis, in Hz when frequency is known, else in `unit`. */
  channelWidth: number;
  bandwidth: number;
}

export interface ImageSummary {
  dimensions: number[];
  bitpix: number;
  object: string | null;
  telescope: string | null;
  instrument: string | null;
  dateObs: string | null;
  bunit: string | null;
  beam: Beam | null;
  spectral: SpectralAxis | null;
}

const C = 299792458;
const SPECTRAL = /^(FREQ|VRAD|VOPT|VELO|FELO|WAVE|AWAV|ZOPT|ENER|WAVN|BETA)/;

function text(hdu: Hdu, key: string): string | null {
  const v = hdu.header.string(key)?.trim();
  return v ? v : null;
}

export function readBeam(hdu: Hdu): Beam | null {
  const h = hdu.header;
  const bmaj = h.number('BMAJ');
  const bmin = h.number('BMIN');
  if (bmaj === undefined || bmin === undefined) return null;
  return {
    bmaj,
    bmin,
    bpa: h.number('BPA') ?? 0,
    bmajArcsec: bmaj * 3600,
    bminArcsec: bmin * 3600,
  };
}

/** The first spectral axis beyond the two image axes, with the frequency of `plane` (0-based along it). */
export function readSpectralAxis(hdu: Hdu, plane = 0): SpectralAxis | null {
  const h = hdu.header;
  for (let axis = 3; axis <= hdu.naxis.length; axis++) {
    const ctype = h.string(`CTYPE${axis}`)?.trim() ?? '';
    const kind = SPECTRAL.exec(ctype)?.[1];
    if (!kind) continue;
    const crval = h.number(`CRVAL${axis}`) ?? 0;
    const cdelt = h.number(`CDELT${axis}`) ?? h.number(`CD${axis}_${axis}`) ?? 1;
    const crpix = h.number(`CRPIX${axis}`) ?? 0;
    const channels = hdu.naxis[axis - 1]!;
    const rest = h.number('RESTFREQ') ?? h.number('RESTFRQ') ?? null;
    const unit = h.string(`CUNIT${axis}`)?.trim() || defaultUnit(kind);
    const scale = unitScale(unit);
    const at = (p: number) => (crval + cdelt * (p + 1 - crpix)) * scale;
    const toHz = (v: number): number | null => {
      if (kind === 'FREQ') return v;
      if (rest === null) return null;
      if (kind === 'VRAD' || kind === 'VELO') return rest * (1 - v / C);
      if (kind === 'VOPT' || kind === 'FELO') return rest / (1 + v / C);
      if (kind === 'WAVE' || kind === 'AWAV') return C / v;
      return null;
    };
    // A plane index outside the axis (e.g. a 3-D index into a 4-D cube) still has a defined value.
    const p = plane % Math.max(1, channels);
    const f = toHz(at(p));
    const f1 = toHz(at(p + 1));
    const width = f !== null && f1 !== null ? Math.abs(f1 - f) : Math.abs(cdelt);
    return {
      axis,
      ctype,
      unit,
      crval,
      cdelt,
      crpix,
      channels,
      restFrequency: rest,
      planeFrequency: f,
      channelWidth: width,
      bandwidth: width * channels,
    };
  }
  return null;
}

function defaultUnit(kind: string): string {
  if (kind === 'FREQ') return 'Hz';
  if (kind === 'WAVE' || kind === 'AWAV') return 'm';
  if (kind === 'ENER') return 'J';
  return kind.startsWith('V') || kind === 'FELO' ? 'm/s' : '';
}

function unitScale(unit: string): number {
  const table: Record<string, number> = {
    Hz: 1,
    kHz: 1e3,
    MHz: 1e6,
    GHz: 1e9,
    'm/s': 1,
    'km/s': 1e3,
    m: 1,
    nm: 1e-9,
    um: 1e-6,
    Angstrom: 1e-10,
  };
  return table[unit] ?? 1;
}

export function summarizeImage(hdu: Hdu, plane = 0): ImageSummary {
  return {
    dimensions: hdu.naxis,
    bitpix: hdu.bitpix,
    object: text(hdu, 'OBJECT'),
    telescope: text(hdu, 'TELESCOP'),
    instrument: text(hdu, 'INSTRUME'),
    dateObs: text(hdu, 'DATE-OBS'),
    bunit: text(hdu, 'BUNIT'),
    beam: readBeam(hdu),
    spectral: readSpectralAxis(hdu, plane),
  };
}
