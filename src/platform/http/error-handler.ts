import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors/index.js';
import { STATUS_BY_KIND, toAppError } from './error-mapping.js';
import { etagOf } from './etag.js';

export function sendError(request: FastifyRequest, reply: FastifyReply, error: AppError) {
  const status = STATUS_BY_KIND[error.kind];
  if (error.retryAfter !== undefined) reply.header('Retry-After', String(error.retryAfter));
  if (error.currentVersion !== undefined)
    reply.header('ETag', etagOf({ version: error.currentVersion }));
  return reply.status(status).send({
    ok: false,
    error: {
      code: error.code,
      message: error.message,
      ...(error.details ? { details: error.details } : {}),
    },
    requestId: request.id,
  });
}

/**
 * Every error leaves as the failure envelope. Known errors keep their code and message;
 * anything else is a 500 whose detail stays in the log, never in the response.
 */
export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const appError = toAppError(error);
    if (appError) {
      if (STATUS_BY_KIND[appError.kind] >= 500) request.log.warn({ err: error }, appError.message);
      return sendError(request, reply, appError);
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send({
      ok: false,
      error: { code: 'INTERNAL_ERROR', message: 'Something went wrong on our side' },
      requestId: request.id,
    });
  });
}

/**
 * Errors the router raises before any route or hook runs (a malformed URL, a path segment over
 * `maxParamLength`): Fastify would answer them in its own shape, so they get the envelope too.
 */
export function frameworkErrorHandler(
  error: Error & { code?: string },
  request: FastifyRequest,
  reply: FastifyReply,
) {
  const appError =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? new AppError(
          'validation',
          'PATH_SEGMENT_TOO_LONG',
          'A path segment of this URL is too long',
        )
      : error.code === 'FST_ERR_BAD_URL'
        ? new AppError('validation', 'BAD_URL', 'The URL could not be decoded')
        : (toAppError(error) ?? new AppError('validation', 'BAD_REQUEST', 'Bad request'));
  // No hook has run for this request, so the request id is not echoed yet.
  reply.header('X-Request-Id', request.id);
  return sendError(request, reply, appError);
}

/**
 * The 404 for unknown routes. Installed by the limits plugin behind the rate limiter: an
 * attacker could otherwise probe for valid URLs as fast as they like.
 */
export function notFoundHandler(request: FastifyRequest, reply: FastifyReply) {
  return reply.status(404).send({
    ok: false,
    error: {
      code: 'ROUTE_NOT_FOUND',
      message: `No route ${request.method} ${request.url.split('?')[0]}`,
    },
    requestId: request.id,
  });
}
