import { describe, expect, it } from 'vitest';
import { redactUrl } from './redact-url.js';

describe('redactUrl', () => {
  it('should hide the values of credential parameters and keep the rest', () => {
    expect(redactUrl('/vo/scs?RA=10&DEC=2&SR=1&key=lk_secret')).toBe(
      '/vo/scs?RA=10&DEC=2&SR=1&key=[REDACTED]',
    );
    expect(redactUrl('/x?KEY=a&Api_Key=b&access_token=c&q=key')).toBe(
      '/x?KEY=[REDACTED]&Api_Key=[REDACTED]&access_token=[REDACTED]&q=key',
    );
    expect(redactUrl('/x?%6Bey=s')).toBe('/x?%6Bey=[REDACTED]');
  });

  it('should leave URLs without credentials alone', () => {
    expect(redactUrl('/api/v1/courses')).toBe('/api/v1/courses');
    expect(redactUrl('/a?b=1&c&%zz=2')).toBe('/a?b=1&c&%zz=2');
  });
});
