/** The kinds of failure a use case can report; `platform/http` maps each to one HTTP status. */
export type ErrorKind =
  | 'validation'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'precondition_failed'
  | 'precondition_required'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'unprocessable'
  | 'rate_limited'
  | 'dependency_unavailable';

export interface ErrorDetail {
  /** JSON-pointer-like path of the offending field, e.g. `/body/email`. */
  path?: string;
  message: string;
  [extra: string]: unknown;
}

/**
 * The one error type services throw. `code` is a stable UPPER_SNAKE identifier clients may
 * branch on; `message` is safe to show; `details` carries field paths or reasons.
 */
export class AppError extends Error {
  readonly kind: ErrorKind;
  readonly code: string;
  readonly details?: ErrorDetail[];
  /** Seconds the client should wait before retrying (rate limits, unavailable dependencies). */
  readonly retryAfter?: number;
  /** The resource's version now, on a 412: sent as its ETag so the client can retry. */
  readonly currentVersion?: number;

  constructor(
    kind: ErrorKind,
    code: string,
    message: string,
    options: {
      details?: ErrorDetail[];
      retryAfter?: number;
      currentVersion?: number;
      cause?: unknown;
    } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.kind = kind;
    this.code = code;
    this.details = options.details;
    this.retryAfter = options.retryAfter;
    this.currentVersion = options.currentVersion;
  }
}

type Options = ConstructorParameters<typeof AppError>[3];

export const validationError = (
  message: string,
  details?: ErrorDetail[],
  code = 'VALIDATION_FAILED',
) => new AppError('validation', code, message, { details });
export const unauthorized = (message = 'Authentication required', code = 'UNAUTHORIZED') =>
  new AppError('unauthorized', code, message);
export const forbidden = (message = 'You may not do this', code = 'FORBIDDEN') =>
  new AppError('forbidden', code, message);
export const notFound = (what: string, code = 'NOT_FOUND') =>
  new AppError('not_found', code, `${what} not found`);
export const conflict = (message: string, code = 'CONFLICT', options?: Options) =>
  new AppError('conflict', code, message, options);
export const preconditionFailed = (
  message: string,
  code = 'PRECONDITION_FAILED',
  options?: Options,
) => new AppError('precondition_failed', code, message, options);
/** A conditional request was required (e.g. `If-Match` on a versioned update) but not made. */
export const preconditionRequired = (message: string, code = 'PRECONDITION_REQUIRED') =>
  new AppError('precondition_required', code, message);
export const payloadTooLarge = (message: string, code = 'PAYLOAD_TOO_LARGE') =>
  new AppError('payload_too_large', code, message);
export const unsupportedMediaType = (message: string, code = 'UNSUPPORTED_MEDIA_TYPE') =>
  new AppError('unsupported_media_type', code, message);
export const unprocessable = (message: string, details?: ErrorDetail[], code = 'UNPROCESSABLE') =>
  new AppError('unprocessable', code, message, { details });
export const rateLimited = (
  retryAfter: number,
  message = 'Too many requests',
  code = 'RATE_LIMITED',
) => new AppError('rate_limited', code, message, { retryAfter });
export const dependencyUnavailable = (what: string, options?: Options) =>
  new AppError('dependency_unavailable', 'DEPENDENCY_UNAVAILABLE', `${what} is unavailable`, {
    retryAfter: 5,
    ...options,
  });
