import { describe, expect, it } from 'vitest';
import { HAS_ITC, loadItcInstance } from '../../runner/itc-data.js';
import { compile } from '../compile.js';
import { parseCtt } from '../formats/ctt-parser.js';
import { TOY_CTT } from '../test-support/toy.js';
import { FEATURE_NAMES, featureVector, termFeatures } from './features.js';

describe('termFeatures', () => {
  it('should compute the toy instance features by hand', () => {
    // 4 courses, 16 meetings, 2 rooms (32, 50), 5×4 slots; Cur1 = SceCosC ArcTec TecCos,
    // Cur2 = TecCos Geotec, so degrees 2, 2, 3, 1; TecCos and ArcTec lose 4 slots each.
    expect(termFeatures(compile(parseCtt(TOY_CTT)))).toEqual({
      courses: 4,
      meetings: 16,
      rooms: 2,
      slots: 20,
      curricula: 2,
      instructors: 4,
      occupancy: 0.4,
      conflictDensity: 0.6667,
      conflictDegreeMean: 2,
      conflictDegreeMax: 3,
      conflictDegreeCv: 0.3536,
      roomTightness: 0.4,
      curriculumSizeMean: 2.5,
      curriculumLoadMax: 0.55,
      instructorLoadMax: 0.25,
      availabilityTightnessMean: 0.225,
      availabilityTightnessMax: 0.3125,
      minDaysRatio: 0.65,
    });
  });

  it('should order the vector as FEATURE_NAMES', () => {
    const f = termFeatures(compile(parseCtt(TOY_CTT)));
    expect(featureVector(f)).toEqual(FEATURE_NAMES.map((n) => f[n]));
  });
});

describe.skipIf(!HAS_ITC)(
  'termFeatures on comp01 (skipped without ../shared/data/itc2007-ctt)',
  () => {
    it('should match the published sizes of comp01', () => {
      const f = termFeatures(compile(loadItcInstance('comp01.ctt')));
      expect(f).toMatchObject({ courses: 30, meetings: 160, rooms: 6, slots: 30, curricula: 14 });
      expect(f.occupancy).toBeCloseTo(160 / 180, 3);
      expect(f.conflictDensity).toBeGreaterThan(0);
      expect(f.conflictDensity).toBeLessThan(1);
      expect(f.availabilityTightnessMax).toBeLessThanOrEqual(1);
    });
  },
);
