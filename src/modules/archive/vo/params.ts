import type { Intersect } from './matching.js';
import { boxRegion, type SkyRegion } from './regions.js';

/** A parsed query string: Fastify gives repeated names as arrays. */
export type QueryParams = Record<string, string | string[] | undefined>;

/** A query the standard calls a usage error; `message` names the parameter and what is wrong. */
export class VoParamError extends Error {
  readonly parameter: string;
  constructor(parameter: string, message: string) {
    super(message);
    this.name = 'VoParamError';
    this.parameter = parameter;
  }
}

/** Every value given for `name`, whatever its case (the DAL standards' names are case-blind). */
export function valuesOf(query: QueryParams, name: string): string[] {
  const wanted = name.toUpperCase();
  return Object.entries(query)
    .filter(([key]) => key.toUpperCase() === wanted)
    .flatMap(([, value]) => (value === undefined ? [] : [value].flat()))
    .filter((value) => value.trim() !== '');
}

/** The one value of a single-valued parameter, or undefined when absent. */
export function singleOf(query: QueryParams, name: string): string | undefined {
  const values = valuesOf(query, name);
  if (values.length > 1)
    throw new VoParamError(name, `${name} must be given once, not ${values.length} times`);
  return values[0]?.trim();
}

function required(query: QueryParams, name: string, what: string): string {
  const value = singleOf(query, name);
  if (value === undefined) throw new VoParamError(name, `${name} is required: ${what}`);
  return value;
}

const INFINITIES: Record<string, number> = {
  inf: Number.POSITIVE_INFINITY,
  '+inf': Number.POSITIVE_INFINITY,
  infinity: Number.POSITIVE_INFINITY,
  '+infinity': Number.POSITIVE_INFINITY,
  '-inf': Number.NEGATIVE_INFINITY,
  '-infinity': Number.NEGATIVE_INFINITY,
};

function numberOf(name: string, text: string, what: string, allowInfinite = false): number {
  const infinite = INFINITIES[text.toLowerCase()];
  if (infinite !== undefined && allowInfinite) return infinite;
  const value = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isFinite(value))
    throw new VoParamError(name, `${name} must be ${what}, not ${JSON.stringify(text)}`);
  return value;
}

function checkRa(name: string, ra: number): number {
  if (ra < 0 || ra > 360)
    throw new VoParamError(name, `${name}: right ascension ${ra} is outside [0, 360] degrees`);
  return ra;
}

function checkDec(name: string, dec: number): number {
  if (dec < -90 || dec > 90)
    throw new VoParamError(name, `${name}: declination ${dec} is outside [-90, 90] degrees`);
  return dec;
}

/** DALI MAXREC: a non-negative integer; above `hardMax` it is lowered to it. */
export function maxrecOf(query: QueryParams, defaultMax: number, hardMax: number): number {
  const text = singleOf(query, 'MAXREC');
  if (text === undefined) return Math.min(defaultMax, hardMax);
  if (!/^\d+$/.test(text))
    throw new VoParamError(
      'MAXREC',
      `MAXREC must be a non-negative integer, not ${JSON.stringify(text)}`,
    );
  return Math.min(Number(text), hardMax);
}

function verbOf(query: QueryParams, low: number, fallback: number): number {
  const text = singleOf(query, 'VERB');
  if (text === undefined) return fallback;
  if (!/^\d$/.test(text) || Number(text) < low || Number(text) > 3)
    throw new VoParamError(
      'VERB',
      `VERB must be an integer from ${low} to 3, not ${JSON.stringify(text)}`,
    );
  return Number(text);
}

export interface ScsQuery {
  ra: number;
  dec: number;
  radius: number;
  verb: number;
  maxrec: number;
}

/** Simple Cone Search 1.03: RA, DEC, SR (ICRS degrees), VERB 1–3, and DALI's MAXREC. */
export function parseScsQuery(query: QueryParams, defaultMax: number, hardMax: number): ScsQuery {
  const ra = checkRa(
    'RA',
    numberOf('RA', required(query, 'RA', 'the right ascension in degrees'), 'a number of degrees'),
  );
  const dec = checkDec(
    'DEC',
    numberOf('DEC', required(query, 'DEC', 'the declination in degrees'), 'a number of degrees'),
  );
  const radius = numberOf(
    'SR',
    required(query, 'SR', 'the search radius in degrees'),
    'a number of degrees',
  );
  if (radius < 0 || radius > 180)
    throw new VoParamError('SR', `SR: the search radius ${radius} is outside [0, 180] degrees`);
  return {
    ra,
    dec,
    radius,
    verb: verbOf(query, 1, 2),
    maxrec: maxrecOf(query, defaultMax, hardMax),
  };
}

export interface Sia1Query {
  /** FORMAT=METADATA: describe the table and the parameters, no search. */
  metadata: boolean;
  region: SkyRegion;
  intersect: Intersect;
  /** Whether FORMAT admits FITS images (the only format the archive serves). */
  wantsFits: boolean;
  verb: number;
  maxrec: number;
}

const INTERSECTS: readonly Intersect[] = ['overlaps', 'center', 'covers', 'enclosed'];

function sia1Formats(query: QueryParams): { metadata: boolean; wantsFits: boolean } {
  const text = singleOf(query, 'FORMAT') ?? 'ALL';
  const formats = text
    .split(',')
    .map((f) => f.trim().toLowerCase())
    .filter(Boolean);
  if (formats.includes('metadata')) return { metadata: true, wantsFits: false };
  const wantsFits = formats.some((f) => ['all', 'image/fits', 'application/fits'].includes(f));
  return { metadata: false, wantsFits };
}

/** Simple Image Access 1.0: POS=ra,dec, SIZE=s or w,h (degrees), INTERSECT, FORMAT, VERB. */
export function parseSia1Query(query: QueryParams, defaultMax: number, hardMax: number): Sia1Query {
  const { metadata, wantsFits } = sia1Formats(query);
  const verb = verbOf(query, 0, 1);
  const maxrec = maxrecOf(query, defaultMax, hardMax);
  const intersectText = (singleOf(query, 'INTERSECT') ?? 'OVERLAPS').toLowerCase();
  const intersect = INTERSECTS.find((i) => i === intersectText);
  if (!intersect)
    throw new VoParamError(
      'INTERSECT',
      `INTERSECT must be COVERS, ENCLOSED, CENTER or OVERLAPS, not ${JSON.stringify(intersectText.toUpperCase())}`,
    );
  const whole: SkyRegion = { shape: 'range', lon1: 0, lon2: 360, lat1: -90, lat2: 90 };
  if (metadata) return { metadata, region: whole, intersect, wantsFits, verb, maxrec };

  const pos = required(query, 'POS', 'the search centre as ra,dec in degrees').split(',');
  if (pos.length !== 2)
    throw new VoParamError(
      'POS',
      'POS must be ra,dec in degrees (two numbers separated by a comma)',
    );
  const ra = checkRa('POS', numberOf('POS', (pos[0] ?? '').trim(), 'ra,dec in degrees'));
  const dec = checkDec('POS', numberOf('POS', (pos[1] ?? '').trim(), 'ra,dec in degrees'));
  const size = required(
    query,
    'SIZE',
    'the box size in degrees (one number, or width,height)',
  ).split(',');
  if (size.length > 2)
    throw new VoParamError('SIZE', 'SIZE must be one number or width,height in degrees');
  const [width, height] = size.map((s) =>
    numberOf('SIZE', s.trim(), 'one or two numbers of degrees'),
  );
  for (const s of [width, height])
    if (s !== undefined && (s < 0 || s > 180))
      throw new VoParamError('SIZE', `SIZE: ${s} is outside [0, 180] degrees`);
  const w = width ?? 0;
  return {
    metadata,
    region: boxRegion(ra, dec, w, height ?? w),
    intersect,
    wantsFits,
    verb,
    maxrec,
  };
}

/** A closed interval; either end may be infinite. */
export interface Interval {
  low: number;
  high: number;
}

export interface Sia2Query {
  /** OR-ed; none means the whole sky. */
  regions: SkyRegion[];
  /** Wavelengths in metres (BAND), OR-ed. */
  bands: Interval[];
  /** MJD (TIME), OR-ed. */
  times: Interval[];
  fov: Interval[];
  spatres: Interval[];
  exptime: Interval[];
  timeres: Interval[];
  specrp: Interval[];
  pol: string[];
  ids: string[];
  collections: string[];
  facilities: string[];
  instruments: string[];
  dptypes: string[];
  calibs: number[];
  targets: string[];
  formats: string[];
  maxrec: number;
}

function tokens(text: string): string[] {
  return text.trim().split(/\s+/);
}

function parsePos(text: string): SkyRegion {
  const [shape = '', ...rest] = tokens(text);
  const what = (n: number | string) => `POS ${shape.toUpperCase()} needs ${n} numbers`;
  const num = (t: string, allowInfinite = false) =>
    numberOf('POS', t, 'a number of degrees', allowInfinite);
  switch (shape.toUpperCase()) {
    case 'CIRCLE': {
      if (rest.length !== 3) throw new VoParamError('POS', `${what(3)}: CIRCLE ra dec radius`);
      const [ra, dec, radius] = rest.map((t) => num(t)) as [number, number, number];
      if (radius <= 0 || radius > 180)
        throw new VoParamError(
          'POS',
          `POS CIRCLE: the radius ${radius} is outside (0, 180] degrees`,
        );
      return { shape: 'circle', ra: checkRa('POS', ra), dec: checkDec('POS', dec), radius };
    }
    case 'RANGE': {
      if (rest.length !== 4) throw new VoParamError('POS', `${what(4)}: RANGE lon1 lon2 lat1 lat2`);
      const [l1, l2, b1, b2] = rest.map((t) => num(t, true)) as [number, number, number, number];
      const lon1 = l1 === Number.NEGATIVE_INFINITY ? 0 : checkRa('POS', l1);
      const lon2 = l2 === Number.POSITIVE_INFINITY ? 360 : checkRa('POS', l2);
      const lat1 = Math.max(-90, b1);
      const lat2 = Math.min(90, b2);
      if (Number.isFinite(b1)) checkDec('POS', b1);
      if (Number.isFinite(b2)) checkDec('POS', b2);
      if (lat1 > lat2)
        throw new VoParamError('POS', `POS RANGE: lat1 ${lat1} is above lat2 ${lat2}`);
      return { shape: 'range', lon1, lon2, lat1, lat2 };
    }
    case 'POLYGON': {
      if (rest.length < 6 || rest.length % 2 !== 0)
        throw new VoParamError(
          'POS',
          `${what('an even number (at least 6) of')}: POLYGON ra1 dec1 ra2 dec2 ra3 dec3 …`,
        );
      const values = rest.map((t) => num(t));
      const vertices: [number, number][] = [];
      for (let i = 0; i < values.length; i += 2)
        vertices.push([
          checkRa('POS', values[i] as number),
          checkDec('POS', values[i + 1] as number),
        ]);
      return { shape: 'polygon', vertices };
    }
    default:
      throw new VoParamError(
        'POS',
        `POS must be CIRCLE, RANGE or POLYGON followed by degrees, not ${JSON.stringify(text)}`,
      );
  }
}

function intervalsOf(query: QueryParams, name: string, what: string): Interval[] {
  return valuesOf(query, name).map((text) => {
    const parts = tokens(text);
    if (parts.length > 2)
      throw new VoParamError(name, `${name} must be one value or "low high" (${what})`);
    const [low, high] = parts.map((t) =>
      numberOf(name, t, `numbers (${what}) or -Inf/+Inf`, true),
    ) as [number, number?];
    const interval = { low, high: high ?? low };
    if (interval.low > interval.high)
      throw new VoParamError(
        name,
        `${name}: the low end ${interval.low} is above the high end ${interval.high}`,
      );
    return interval;
  });
}

const RESPONSE_FORMATS = ['votable', 'application/x-votable+xml', 'text/xml'];

/**
 * Simple Image Access 2.0 (DALI): POS (CIRCLE, RANGE, POLYGON), BAND (metres), TIME (MJD),
 * FOV, SPATRES, EXPTIME, TIMERES, SPECRP, POL, ID, COLLECTION, FACILITY, INSTRUMENT, DPTYPE,
 * CALIB, TARGET, FORMAT, MAXREC and RESPONSEFORMAT; repeated values of one name are OR-ed.
 * Unknown parameters are ignored, as DALI asks.
 */
export function parseSia2Query(query: QueryParams, defaultMax: number, hardMax: number): Sia2Query {
  const responseFormat = singleOf(query, 'RESPONSEFORMAT');
  if (responseFormat !== undefined) {
    const base = (responseFormat.split(';')[0] ?? '').trim().toLowerCase();
    if (!RESPONSE_FORMATS.includes(base))
      throw new VoParamError(
        'RESPONSEFORMAT',
        `RESPONSEFORMAT ${JSON.stringify(responseFormat)} is not served: use application/x-votable+xml`,
      );
  }
  const calibs = valuesOf(query, 'CALIB').map((text) => {
    if (!/^\s*[0-4]\s*$/.test(text))
      throw new VoParamError(
        'CALIB',
        `CALIB must be a calibration level from 0 to 4, not ${JSON.stringify(text)}`,
      );
    return Number(text);
  });
  const strings = (name: string) => valuesOf(query, name).map((v) => v.trim());
  return {
    regions: valuesOf(query, 'POS').map(parsePos),
    bands: intervalsOf(query, 'BAND', 'wavelengths in metres'),
    times: intervalsOf(query, 'TIME', 'MJD'),
    fov: intervalsOf(query, 'FOV', 'degrees'),
    spatres: intervalsOf(query, 'SPATRES', 'arcseconds'),
    exptime: intervalsOf(query, 'EXPTIME', 'seconds'),
    timeres: intervalsOf(query, 'TIMERES', 'seconds'),
    specrp: intervalsOf(query, 'SPECRP', 'resolving power'),
    pol: strings('POL'),
    ids: strings('ID'),
    collections: strings('COLLECTION'),
    facilities: strings('FACILITY'),
    instruments: strings('INSTRUMENT'),
    dptypes: strings('DPTYPE'),
    calibs,
    targets: strings('TARGET'),
    formats: strings('FORMAT'),
    maxrec: maxrecOf(query, defaultMax, hardMax),
  };
}

/** The API key sent as `?key=` (any case of the name), if any. */
export function queryKeyOf(query: QueryParams): string | undefined {
  return valuesOf(query, 'KEY')[0]?.trim();
}
