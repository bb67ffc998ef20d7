import { describe, expect, it } from 'vitest';
import { accountKey } from './throttle.js';

describe('accountKey', () => {
  it('should ignore case and surrounding spaces', () => {
    expect(accountKey(' Ada@Example.ORG ')).toBe(accountKey('ada@example.org'));
  });
});
