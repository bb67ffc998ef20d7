import { and, type Column, eq, type SQL, sql } from 'drizzle-orm';
import { preconditionFailed } from '../errors/index.js';

/**
 * What a writer says it read (from `If-Match`): any current version (`*`), or one of `versions`
 * (empty when none of its tags names a version, which matches nothing).
 */
export type ExpectedVersion = { any: true } | { any: false; versions: readonly number[] };

/** Whether the row's `current` version is one the writer expects. */
export const versionMatches = (expected: ExpectedVersion, current: number): boolean =>
  expected.any || expected.versions.includes(current);

/**
 * Where-clause and value for an update guarded by a version: the row changes only if nobody
 * changed it since the client read version `expected`.
 */
export function versionGuard(
  idColumn: Column,
  id: string,
  versionColumn: Column,
  expected: number,
) {
  return {
    where: and(eq(idColumn, id), eq(versionColumn, expected)) as SQL,
    bump: sql`${versionColumn} + 1`,
  };
}

/**
 * Throws the 412 that an `If-Match` mismatch calls for; it carries the `current` version, which
 * the error handler sends as the ETag so the client can merge and retry without a GET.
 */
export function staleVersion(what: string, current: number): never {
  throw preconditionFailed(
    `${what} was changed by someone else (it is now at version ${current}); reload and retry`,
    'VERSION_MISMATCH',
    { currentVersion: current },
  );
}

/** Throws a 412 (`staleVersion`) unless the row's `current` version is one the writer expects. */
export function assertVersion(what: string, expected: ExpectedVersion, current: number): void {
  if (!versionMatches(expected, current)) staleVersion(what, current);
}
