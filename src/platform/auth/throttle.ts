/**
 * Sign-in throttling. Every attempt is counted, before its password is checked, against three
 * counters; past its allowance a counter blocks for 2^(n - free) seconds, at most 15 minutes.
 * - per account and address: the tight one, 5 attempts; what stops guessing from one place;
 * - per address: 20, across accounts (a school's pupils often share one public IP);
 * - per account: 100, a ceiling on guessing one account from many addresses; high, so that an
 *   attacker elsewhere cannot lock the owner out (the owner's own address has its own counter).
 * A success clears its account and (account, address) counters and takes itself back from the
 * address; a refused attempt counts nowhere. A counter quiet for an hour starts over.
 * The backoff itself is computed in one place, the SQL of `recordAttempt` in `repository.ts`
 * (atomically with the count), and pinned down by `test/auth/throttle-backoff.test.ts`.
 */
export const PAIR_FREE_FAILURES = 5;
export const IP_FREE_FAILURES = 20;
export const ACCOUNT_FREE_FAILURES = 100;
export const MAX_BLOCK_SECONDS = 15 * 60;
/** A counter with no attempt for this long starts over. */
export const FAILURE_MEMORY_SECONDS = 60 * 60;

const normalise = (email: string) => email.trim().toLowerCase();
export const accountKey = (email: string) => `account:${normalise(email)}`;
export const ipKey = (ip: string) => `ip:${ip}`;
export const pairKey = (email: string, ip: string) => `pair:${ip}:${normalise(email)}`;

/** How one counter counts: attempts allowed, the backoff cap, when it forgets. */
export interface ThrottlePolicy {
  free: number;
  maxBlockSeconds: number;
  resetAfterSeconds: number;
}

export interface ThrottleCounter {
  key: string;
  policy: ThrottlePolicy;
}

const policy = (free: number): ThrottlePolicy => ({
  free,
  maxBlockSeconds: MAX_BLOCK_SECONDS,
  resetAfterSeconds: FAILURE_MEMORY_SECONDS,
});

/** The counters one attempt is charged to, tightest first. */
export function throttleCounters(email: string, ip: string | null): ThrottleCounter[] {
  const counters: ThrottleCounter[] = [];
  if (ip) counters.push({ key: pairKey(email, ip), policy: policy(PAIR_FREE_FAILURES) });
  if (ip) counters.push({ key: ipKey(ip), policy: policy(IP_FREE_FAILURES) });
  // Without an address the account counter is the only one: it gets the tight allowance.
  counters.push({
    key: accountKey(email),
    policy: policy(ip ? ACCOUNT_FREE_FAILURES : PAIR_FREE_FAILURES),
  });
  return counters;
}

/** Wrong current passwords on `POST /auth/password`, per user: the tight allowance. */
export const passwordChangeCounter = (userId: string): ThrottleCounter => ({
  key: `password-change:${userId}`,
  policy: policy(PAIR_FREE_FAILURES),
});
