import { describe, expect, it } from 'vitest';
import { parseRange } from './byte-range.js';

describe('parseRange', () => {
  it.each([
    ['bytes=0-99', { start: 0, end: 99 }],
    ['bytes=100-', { start: 100, end: 999 }],
    ['bytes=-100', { start: 900, end: 999 }],
    ['bytes=-5000', { start: 0, end: 999 }],
    ['bytes=990-5000', { start: 990, end: 999 }],
    ['bytes=999-999', { start: 999, end: 999 }],
    ['BYTES = 5-9', { start: 5, end: 9 }],
    ['bytes=5000-6000, 0-1', { start: 0, end: 1 }],
    ['bytes=10-19,30-39', { start: 10, end: 19 }],
  ])('should read %j of 1000 bytes as one range', (header, range) => {
    expect(parseRange(header, 1000)).toEqual({ kind: 'partial', range });
  });

  it.each(['bytes=1000-', 'bytes=1000-2000', 'bytes=-0', 'bytes=2000-,3000-'])(
    'should find %j unsatisfiable for 1000 bytes',
    (header) => {
      expect(parseRange(header, 1000)).toEqual({ kind: 'unsatisfiable' });
    },
  );

  it.each([undefined, 'items=0-5', 'bytes=5-2', 'bytes=abc', 'bytes=-', 'bytes=', 'bytes=1-2-3'])(
    'should ignore %j and send the whole file',
    (header) => {
      expect(parseRange(header, 1000)).toEqual({ kind: 'whole' });
    },
  );

  it('should find every range of an empty file unsatisfiable', () => {
    expect(parseRange('bytes=0-', 0)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=-1', 0)).toEqual({ kind: 'unsatisfiable' });
  });
});
