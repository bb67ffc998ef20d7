import { hash, verify } from '@node-rs/argon2';
import type { ErrorDetail } from '../errors/index.js';
import { COMMON_PASSWORDS } from './common-passwords.js';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 256;

// argon2id (the library default) with the OWASP baseline: 19 MiB, 2 passes, 1 lane.
const ARGON2_OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export const hashPassword = (password: string): Promise<string> => hash(password, ARGON2_OPTIONS);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/** Computes the throwaway hash ahead of the first unknown-email login, which would else be slower. */
export function warmPasswordCheck(): Promise<string> {
  dummyHash ??= hashPassword('lectern-dummy-password-for-timing');
  return dummyHash;
}

/**
 * Verifies against a throwaway hash, so a login for an unknown email costs as long as one for
 * a known email and timing does not tell which emails exist.
 */
export async function burnPasswordCheck(password: string): Promise<void> {
  await verifyPassword(await warmPasswordCheck(), password);
}

/** Why a new password is refused, as error details for `path`; empty when it is acceptable. */
export function passwordProblems(password: string, path = '/body/password'): ErrorDetail[] {
  if (password.length < PASSWORD_MIN_LENGTH)
    return [{ path, message: `must be at least ${PASSWORD_MIN_LENGTH} characters` }];
  if (password.length > PASSWORD_MAX_LENGTH)
    return [{ path, message: `must be at most ${PASSWORD_MAX_LENGTH} characters` }];
  if (COMMON_PASSWORDS.has(password.toLowerCase()) || /^(.)\1*$/.test(password))
    return [{ path, message: 'is too common; choose a less guessable password' }];
  return [];
}
