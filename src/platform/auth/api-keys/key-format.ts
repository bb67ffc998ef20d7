import { randomBytes } from 'node:crypto';
import { randomToken } from '../tokens.js';

const KEY_PATTERN = /^lk_([0-9a-f]{8})_([A-Za-z0-9_-]{43})$/;

/** A new key `lk_<prefix>_<secret>`: the prefix tells keys apart in lists, the secret is 256 bits. */
export function generateApiKey(): { key: string; prefix: string } {
  const prefix = randomBytes(4).toString('hex');
  return { key: `lk_${prefix}_${randomToken(32)}`, prefix };
}

/** Whether a header value has the shape of one of our keys (cheap check before any lookup). */
export const looksLikeApiKey = (value: string): boolean => KEY_PATTERN.test(value);
