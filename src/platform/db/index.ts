export * from './columns.js';
export { type DatabaseOptions, openDatabase, pgliteDirFor, redactUrl } from './connect.js';
export * from './migrator.js';
export * from './optimistic-lock.js';
export { isDatabaseUnavailable } from './outage.js';
export { rowsOf } from './raw.js';
export type * from './types.js';
export { isUniqueViolation } from './unique-violation.js';
export { inTransaction, reportAfterCommitFailures, type UnitOfWork } from './unit-of-work.js';
