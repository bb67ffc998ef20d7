import { describe, expect, it } from 'vitest';
import { matchesDeclaredType, normalizeMediaType, sniffMediaType } from './magic-bytes.js';

const bytes = (...parts: Array<string | number[]>) =>
  Buffer.concat(
    parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))),
  );

describe('sniffMediaType', () => {
  it.each([
    [bytes([0, 0, 0, 0x18], 'ftypisom', [0, 0, 2, 0]), 'video/mp4'],
    [bytes([0, 0, 0, 0x14], 'ftypqt  ', [0, 0, 2, 0]), 'video/quicktime'],
    [bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81]), 'video/webm'],
    [bytes('OggS', [0, 2, 0, 0]), 'video/ogg'],
    [bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), 'image/png'],
    [bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10], 'JFIF'), 'image/jpeg'],
    [bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 '), 'image/webp'],
    [bytes('SIMPLE  =                    T'), 'application/fits'],
  ])('should recognise %s as %s', (head, type) => {
    expect(sniffMediaType(head)).toBe(type);
  });

  it.each([
    bytes('<html><script>'),
    bytes('RIFF', [0, 0, 0, 0], 'WAVEfmt '),
    bytes([0, 0, 0, 0x18], 'ftyp'.slice(0, 3)),
    Buffer.alloc(0),
  ])('should recognise nothing in %s', (head) => {
    expect(sniffMediaType(head)).toBeNull();
  });
});

describe('matchesDeclaredType', () => {
  it('should accept the same type, and mp4 and quicktime for each other', () => {
    expect(matchesDeclaredType('video/webm', 'video/webm')).toBe(true);
    expect(matchesDeclaredType('video/quicktime', 'video/mp4')).toBe(true);
    expect(matchesDeclaredType('video/mp4', 'video/quicktime')).toBe(true);
    expect(matchesDeclaredType('image/fits', 'application/fits')).toBe(true);
  });

  it('should let octet-stream stand for any content, which its policy then checks', () => {
    expect(matchesDeclaredType('application/octet-stream', 'application/fits')).toBe(true);
    expect(matchesDeclaredType('application/octet-stream', null)).toBe(true);
  });

  it('should refuse other pairs and unknown content', () => {
    expect(matchesDeclaredType('video/mp4', 'video/webm')).toBe(false);
    expect(matchesDeclaredType('image/png', 'image/jpeg')).toBe(false);
    expect(matchesDeclaredType('video/mp4', null)).toBe(false);
  });
});

describe('normalizeMediaType', () => {
  it('should drop parameters and case', () => {
    expect(normalizeMediaType(' Video/MP4; codecs="avc1"')).toBe('video/mp4');
  });
});
