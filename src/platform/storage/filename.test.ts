import { describe, expect, it } from 'vitest';
import { safeFilename } from './filename.js';

describe('safeFilename', () => {
  it.each([
    ['lecture 1.mp4', 'lecture 1.mp4'],
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\me\\clip.mov', 'clip.mov'],
    ['evil"\r\nname.mp4', 'evilname.mp4'],
    ['..', 'upload'],
    ['', 'upload'],
    [undefined, 'upload'],
  ])('should turn %j into %j', (name, expected) => {
    expect(safeFilename(name)).toBe(expected);
  });

  it('should keep at most 255 characters', () => {
    expect(safeFilename('a'.repeat(300))).toHaveLength(255);
  });
});
