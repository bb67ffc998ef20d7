import { describe, expect, it } from 'vitest';
import { generateApiKey, looksLikeApiKey } from './api-keys/key-format.js';
import { passwordProblems } from './passwords.js';

describe('passwordProblems', () => {
  it('should accept a long uncommon passphrase', () => {
    expect(passwordProblems('violet-harbour-lantern')).toEqual([]);
  });

  it.each(['short', 'Qwertyuiop', 'PASSWORD123', '1234567890', 'zzzzzzzzzzzz'])(
    'should refuse %s',
    (password) => {
      expect(passwordProblems(password)).toEqual([
        { path: '/body/password', message: expect.any(String) },
      ]);
    },
  );
});

describe('API key format', () => {
  it('should generate keys that look like keys, each different', () => {
    const a = generateApiKey();
    const b = generateApiKey();
    expect(a.key.startsWith(`lk_${a.prefix}_`)).toBe(true);
    expect(looksLikeApiKey(a.key)).toBe(true);
    expect(a.key).not.toBe(b.key);
    expect(looksLikeApiKey('lk_zz_abc')).toBe(false);
  });
});
