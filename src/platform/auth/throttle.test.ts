import { describe, expect, it } from 'vitest';
import { accountKey, blockSecondsAfter, MAX_BLOCK_SECONDS } from './throttle.js';

describe('blockSecondsAfter', () => {
  const block = blockSecondsAfter(5);

  it('should not block within the allowance', () => {
    expect([1, 2, 3, 4].map(block)).toEqual([0, 0, 0, 0]);
  });

  it('should double the block with each further failure, up to 15 minutes', () => {
    expect([5, 6, 7, 8].map(block)).toEqual([1, 2, 4, 8]);
    expect(block(15)).toBe(900);
    expect(block(100)).toBe(MAX_BLOCK_SECONDS);
  });
});

describe('accountKey', () => {
  it('should ignore case and surrounding spaces', () => {
    expect(accountKey(' Ada@Example.ORG ')).toBe(accountKey('ada@example.org'));
  });
});
