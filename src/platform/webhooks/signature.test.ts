import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signPayload, verifySignature } from './signature.js';

describe('signPayload', () => {
  it('should be the hex HMAC-SHA256 of "<t>.<body>"', () => {
    const body = '{"id":"e1"}';
    const expected = createHmac('sha256', 'whsec').update(`1700000000.${body}`).digest('hex');
    expect(signPayload('whsec', body, 1_700_000_000)).toBe(`t=1700000000,v1=${expected}`);
  });

  it('should verify its own signature and refuse tampering, other secrets and old timestamps', () => {
    const header = signPayload('whsec', 'body', 1000);
    expect(verifySignature('whsec', 'body', header, 1000)).toBe(true);
    expect(verifySignature('whsec', 'body!', header, 1000)).toBe(false);
    expect(verifySignature('other', 'body', header, 1000)).toBe(false);
    expect(verifySignature('whsec', 'body', header, 1000 + 301)).toBe(false);
    expect(verifySignature('whsec', 'body', 'garbage', 1000)).toBe(false);
  });
});
