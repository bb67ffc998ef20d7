import { validationError } from '#platform/errors/index.js';

/** A 400 naming the offending property by its path in the statement (e.g. `actor.mbox`). */
export const invalid = (path: string, message: string) =>
  validationError(`${path}: ${message}`, [{ path, message }], 'XAPI_INVALID');
