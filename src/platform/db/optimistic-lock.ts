import { and, type Column, eq, type SQL, sql } from 'drizzle-orm';
import { preconditionFailed } from '../errors/index.js';

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

/** Throws the 412 that an `If-Match` mismatch calls for. */
export function staleVersion(what: string, expected: number, actual: number): never {
  throw preconditionFailed(
    `${what} was changed by someone else (you sent version ${expected}, it is now ${actual}); reload and retry`,
    'VERSION_MISMATCH',
  );
}
