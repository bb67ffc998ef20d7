import { describe, expect, it } from 'vitest';
import { refreshDelayMs } from './refresh-schedule';

describe('refreshDelayMs', () => {
  it('should renew a minute before a 15-minute token expires', () => {
    expect(refreshDelayMs(900)).toBe(840_000);
  });
  it('should renew at 80% of a short lifetime', () => {
    expect(refreshDelayMs(60)).toBe(48_000);
  });
  it('should never wait less than five seconds', () => {
    expect(refreshDelayMs(0)).toBe(5_000);
    expect(refreshDelayMs(-3)).toBe(5_000);
  });
});
