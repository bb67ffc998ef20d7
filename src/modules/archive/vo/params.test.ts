import { describe, expect, it } from 'vitest';
import {
  maxrecOf,
  parseScsQuery,
  parseSia1Query,
  parseSia2Query,
  queryKeyOf,
  VoParamError,
  valuesOf,
} from './params.js';

const scs = (query: Record<string, string | string[]>) => parseScsQuery(query, 1000, 10_000);
const sia1 = (query: Record<string, string | string[]>) => parseSia1Query(query, 1000, 10_000);
const sia2 = (query: Record<string, string | string[]>) => parseSia2Query(query, 1000, 10_000);

function refusal(parse: () => unknown): { parameter: string; message: string } {
  try {
    parse();
  } catch (error) {
    if (error instanceof VoParamError)
      return { parameter: error.parameter, message: error.message };
    throw error;
  }
  throw new Error('the query was accepted');
}

describe('valuesOf', () => {
  it('should find a parameter whatever the case of its name, repeated or not', () => {
    expect(valuesOf({ pos: 'a', Pos: ['b', 'c'], POSX: 'd' }, 'POS')).toEqual(['a', 'b', 'c']);
  });

  it('should treat empty values as absent', () => {
    expect(valuesOf({ RA: '  ' }, 'ra')).toEqual([]);
  });
});

describe('parseScsQuery', () => {
  it('should read RA, DEC and SR in any case, with VERB 2 by default', () => {
    expect(scs({ ra: '10.5', Dec: '-41.25', sR: '0.5' })).toEqual({
      ra: 10.5,
      dec: -41.25,
      radius: 0.5,
      verb: 2,
      maxrec: 1000,
    });
  });

  it('should accept SR=0 (the metadata query pyvo sends) and SR=180', () => {
    expect(scs({ RA: '0', DEC: '0', SR: '0' }).radius).toBe(0);
    expect(scs({ RA: '360', DEC: '90', SR: '180' }).radius).toBe(180);
  });

  it.each([
    [{ DEC: '1', SR: '1' }, 'RA', 'RA is required'],
    [{ RA: 'ten', DEC: '1', SR: '1' }, 'RA', 'RA must be a number of degrees, not "ten"'],
    [{ RA: '1e', DEC: '1', SR: '1' }, 'RA', 'RA must be a number'],
    [{ RA: '361', DEC: '1', SR: '1' }, 'RA', 'outside [0, 360]'],
    [{ RA: '1', DEC: '-90.5', SR: '1' }, 'DEC', 'declination -90.5 is outside [-90, 90]'],
    [{ RA: '1', DEC: 'NaN', SR: '1' }, 'DEC', 'DEC must be a number'],
    [{ RA: '1', DEC: '1' }, 'SR', 'SR is required'],
    [{ RA: '1', DEC: '1', SR: '-0.1' }, 'SR', 'search radius -0.1 is outside [0, 180]'],
    [{ RA: '1', DEC: '1', SR: '180.5' }, 'SR', 'outside [0, 180]'],
    [{ RA: '1', DEC: '1', SR: 'Infinity' }, 'SR', 'SR must be a number'],
    [{ RA: ['1', '2'], DEC: '1', SR: '1' }, 'RA', 'RA must be given once'],
    [{ RA: '1', DEC: '1', SR: '1', VERB: '4' }, 'VERB', 'VERB must be an integer from 1 to 3'],
    [
      { RA: '1', DEC: '1', SR: '1', MAXREC: '-1' },
      'MAXREC',
      'MAXREC must be a non-negative integer',
    ],
    [{ RA: '1', DEC: '1', SR: '1', maxrec: '2.5' }, 'MAXREC', 'not "2.5"'],
  ])('should refuse %j, naming %s', (query, parameter, message) => {
    const error = refusal(() => scs(query));
    expect(error.parameter).toBe(parameter);
    expect(error.message).toContain(message);
  });
});

describe('maxrecOf', () => {
  it('should default to the service default and lower a larger MAXREC to the hard limit', () => {
    expect(maxrecOf({}, 1000, 50)).toBe(50);
    expect(maxrecOf({ MAXREC: '20' }, 1000, 50)).toBe(20);
    expect(maxrecOf({ MAXREC: '999999' }, 1000, 50)).toBe(50);
    expect(maxrecOf({ MAXREC: '0' }, 1000, 50)).toBe(0);
  });
});

describe('parseSia1Query', () => {
  it('should read POS and a square SIZE as a coordinate box', () => {
    const query = sia1({ POS: '180,0', SIZE: '2' });
    expect(query).toMatchObject({ metadata: false, intersect: 'overlaps', wantsFits: true });
    expect(query.region).toMatchObject({ shape: 'range', lat1: -1, lat2: 1 });
    if (query.region.shape !== 'range') throw new Error('a box is a range');
    // RA is widened for the box's most poleward parallel, so the box holds the whole SIZE.
    const half = 1 / Math.cos(Math.PI / 180);
    expect(query.region.lon1).toBeCloseTo(180 - half, 12);
    expect(query.region.lon2).toBeCloseTo(180 + half, 12);
  });

  it('should widen the box in RA away from the equator and wrap it at RA 0', () => {
    const query = sia1({ pos: '1,60', size: '1,2', intersect: 'center' });
    expect(query.intersect).toBe('center');
    expect(query.region).toMatchObject({ shape: 'range', lat1: 59, lat2: 61 });
    if (query.region.shape !== 'range') throw new Error('a box is a range');
    const half = 0.5 / Math.cos((61 * Math.PI) / 180);
    expect(query.region.lon1).toBeCloseTo(361 - half, 12);
    expect(query.region.lon2).toBeCloseTo(1 + half, 12);
  });

  it('should need no POS for FORMAT=METADATA', () => {
    expect(sia1({ FORMAT: 'metadata' }).metadata).toBe(true);
  });

  it('should know when FORMAT leaves out FITS', () => {
    expect(sia1({ POS: '1,1', SIZE: '1', FORMAT: 'GRAPHIC' }).wantsFits).toBe(false);
    expect(sia1({ POS: '1,1', SIZE: '1', FORMAT: 'image/png,image/fits' }).wantsFits).toBe(true);
  });

  it.each([
    [{ SIZE: '1' }, 'POS', 'POS is required'],
    [{ POS: '10', SIZE: '1' }, 'POS', 'POS must be ra,dec'],
    [{ POS: '10,abc', SIZE: '1' }, 'POS', 'not "abc"'],
    [{ POS: '10,91', SIZE: '1' }, 'POS', 'declination 91'],
    [{ POS: '10,1' }, 'SIZE', 'SIZE is required'],
    [{ POS: '10,1', SIZE: '1,2,3' }, 'SIZE', 'one number or width,height'],
    [{ POS: '10,1', SIZE: '-1' }, 'SIZE', 'outside [0, 180]'],
    [{ POS: '10,1', SIZE: '1', INTERSECT: 'touches' }, 'INTERSECT', 'not "TOUCHES"'],
  ])('should refuse %j, naming %s', (query, parameter, message) => {
    const error = refusal(() => sia1(query));
    expect(error.parameter).toBe(parameter);
    expect(error.message).toContain(message);
  });
});

describe('parseSia2Query', () => {
  it('should read CIRCLE, RANGE and POLYGON, repeated POS being OR-ed', () => {
    const query = sia2({
      POS: ['CIRCLE 10 20 0.5', 'range 350 10 -5 +Inf', 'POLYGON 1 1 2 1 2 2'],
    });
    expect(query.regions).toEqual([
      { shape: 'circle', ra: 10, dec: 20, radius: 0.5 },
      { shape: 'range', lon1: 350, lon2: 10, lat1: -5, lat2: 90 },
      {
        shape: 'polygon',
        vertices: [
          [1, 1],
          [2, 1],
          [2, 2],
        ],
      },
    ]);
  });

  it('should read open RANGE ends and intervals with -Inf/+Inf', () => {
    const query = sia2({ POS: 'RANGE -Inf +Inf -Inf 0', BAND: '0.1 +inf', TIME: '-Inf 60000' });
    expect(query.regions).toEqual([{ shape: 'range', lon1: 0, lon2: 360, lat1: -90, lat2: 0 }]);
    expect(query.bands).toEqual([{ low: 0.1, high: Number.POSITIVE_INFINITY }]);
    expect(query.times).toEqual([{ low: Number.NEGATIVE_INFINITY, high: 60000 }]);
  });

  it('should take one value as a degenerate interval', () => {
    expect(sia2({ BAND: '0.21' }).bands).toEqual([{ low: 0.21, high: 0.21 }]);
  });

  it('should read the string and level constraints', () => {
    const query = sia2({
      instrument: 'HBA',
      FACILITY: ['LOFAR', 'VLA'],
      CALIB: ['2', '3'],
      maxrec: '5',
    });
    expect(query).toMatchObject({
      instruments: ['HBA'],
      facilities: ['LOFAR', 'VLA'],
      calibs: [2, 3],
      maxrec: 5,
    });
  });

  it('should accept the VOTable RESPONSEFORMATs', () => {
    for (const format of [
      'votable',
      'application/x-votable+xml;serialization=TABLEDATA',
      'text/xml',
    ])
      expect(() => sia2({ RESPONSEFORMAT: format })).not.toThrow();
  });

  it.each([
    [{ POS: 'CIRCLE 10 20' }, 'POS', 'CIRCLE needs 3 numbers'],
    [{ POS: 'CIRCLE 10 20 0' }, 'POS', 'radius 0 is outside (0, 180]'],
    [{ POS: 'CIRCLE 10 95 1' }, 'POS', 'declination 95'],
    [{ POS: 'CIRCLE 400 5 1' }, 'POS', 'right ascension 400'],
    [{ POS: 'CIRCLE 10 x 1' }, 'POS', 'not "x"'],
    [{ POS: 'RANGE 1 2 3' }, 'POS', 'RANGE needs 4 numbers'],
    [{ POS: 'RANGE 1 2 30 20' }, 'POS', 'lat1 30 is above lat2 20'],
    [{ POS: 'POLYGON 1 1 2 2' }, 'POS', 'POLYGON needs an even number'],
    [{ POS: 'POLYGON 1 1 2 2 3' }, 'POS', 'POLYGON needs an even number'],
    [{ POS: 'BOX 1 1 2 2' }, 'POS', 'POS must be CIRCLE, RANGE or POLYGON'],
    [{ BAND: '0.3 0.1' }, 'BAND', 'low end 0.3 is above the high end 0.1'],
    [{ BAND: '1 2 3' }, 'BAND', 'one value or "low high"'],
    [{ TIME: 'yesterday' }, 'TIME', 'TIME must be numbers (MJD)'],
    [{ CALIB: 'raw' }, 'CALIB', 'calibration level from 0 to 4'],
    [{ MAXREC: 'many' }, 'MAXREC', 'non-negative integer'],
    [{ RESPONSEFORMAT: 'csv' }, 'RESPONSEFORMAT', 'RESPONSEFORMAT "csv" is not served'],
  ])('should refuse %j, naming %s', (query, parameter, message) => {
    const error = refusal(() => sia2(query));
    expect(error.parameter).toBe(parameter);
    expect(error.message).toContain(message);
  });
});

describe('queryKeyOf', () => {
  it('should read the key parameter in any case', () => {
    expect(queryKeyOf({ KEY: ' abc ' })).toBe('abc');
    expect(queryKeyOf({ RA: '1' })).toBeUndefined();
  });
});
