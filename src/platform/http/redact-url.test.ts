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

  it('should hide the token of a calendar feed path', () => {
    expect(redactUrl('/calendars/AbC-_123.ics')).toBe('/calendars/[REDACTED].ics');
    expect(redactUrl('/calendars/AbC.ics?key=x&y=1')).toBe(
      '/calendars/[REDACTED].ics?key=[REDACTED]&y=1',
    );
    expect(redactUrl('/calendars/AbC')).toBe('/calendars/[REDACTED]');
    expect(redactUrl('/api/v1/calendars/x')).toBe('/api/v1/calendars/x');
  });

  it('should leave URLs without credentials alone', () => {
    expect(redactUrl('/api/v1/courses')).toBe('/api/v1/courses');
    expect(redactUrl('/a?b=1&c&%zz=2')).toBe('/a?b=1&c&%zz=2');
  });
});
