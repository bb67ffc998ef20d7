import type { FastifyError } from 'fastify';
import { isDatabaseUnavailable } from '../db/outage.js';
import { AppError, type ErrorKind } from '../errors/index.js';
import { type ValidationIssue, validationDetails } from './validation-details.js';

/** The one place where an error kind becomes an HTTP status. */
export const STATUS_BY_KIND: Record<ErrorKind, number> = {
  validation: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  precondition_failed: 412,
  precondition_required: 428,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  rate_limited: 429,
  dependency_unavailable: 503,
};

/** Fastify's own errors (parsing, validation, limits) translated to `AppError`s. */
export function toAppError(error: unknown): AppError | null {
  if (error instanceof AppError) return error;
  const fe = error as FastifyError & { validation?: ValidationIssue[]; validationContext?: string };
  if (fe?.validation) {
    const details = validationDetails(fe.validationContext, fe.validation);
    return new AppError('validation', 'VALIDATION_FAILED', 'The request is invalid', { details });
  }
  switch (fe?.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError('validation', 'MALFORMED_JSON', 'The body is not valid JSON');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('validation', 'EMPTY_BODY', 'The body must not be empty for JSON');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
      return new AppError('payload_too_large', 'PAYLOAD_TOO_LARGE', 'The body is too large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError(
        'unsupported_media_type',
        'UNSUPPORTED_MEDIA_TYPE',
        'This content type is not accepted here',
      );
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError(
        'validation',
        'BAD_CONTENT_LENGTH',
        'Content-Length does not match the body',
      );
  }
  if (fe?.statusCode === 429) {
    return new AppError('rate_limited', 'RATE_LIMITED', 'Too many requests', {
      retryAfter: Number((fe as { retryAfter?: number }).retryAfter) || undefined,
    });
  }
  if (typeof fe?.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    const kind = (Object.entries(STATUS_BY_KIND).find(([, s]) => s === fe.statusCode)?.[0] ??
      'validation') as ErrorKind;
    return new AppError(kind, fe.code?.replace(/^FST_(ERR_)?/, '') || 'BAD_REQUEST', fe.message);
  }
  return databaseUnavailable(error);
}

/** Seconds a client is asked to wait when the database cannot be reached. */
const DATABASE_RETRY_AFTER = 5;

/** A database outage is for the client to retry, not a bug: 503 with `Retry-After`, not 500. */
function databaseUnavailable(error: unknown): AppError | null {
  if (!isDatabaseUnavailable(error)) return null;
  return new AppError(
    'dependency_unavailable',
    'DEPENDENCY_UNAVAILABLE',
    'The database is unavailable; try again shortly',
    { retryAfter: DATABASE_RETRY_AFTER },
  );
}
