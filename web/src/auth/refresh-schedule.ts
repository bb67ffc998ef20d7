/** When to renew an access token: a minute before it expires, or at 80% of a short lifetime. */
export function refreshDelayMs(expiresInSeconds: number): number {
  const lifetime = Math.max(0, expiresInSeconds) * 1000;
  const delay = lifetime > 300_000 ? lifetime - 60_000 : lifetime * 0.8;
  return Math.max(5_000, delay);
}
