/** Failed logins allowed per account before each further failure blocks it for a while. */
export const ACCOUNT_FREE_FAILURES = 5;
/** Per address the allowance is larger: a school's pupils often share one public IP. */
export const IP_FREE_FAILURES = 20;
export const MAX_BLOCK_SECONDS = 15 * 60;
/** A counter with no failure for this long starts over. */
export const FAILURE_MEMORY_SECONDS = 60 * 60;

/** 2^(n - free) seconds once `free` failures are used up, capped at 15 minutes. */
export const blockSecondsAfter =
  (free: number) =>
  (failures: number): number =>
    failures < free ? 0 : Math.min(2 ** (failures - free), MAX_BLOCK_SECONDS);

export const accountKey = (email: string) => `account:${email.trim().toLowerCase()}`;
export const ipKey = (ip: string) => `ip:${ip}`;
