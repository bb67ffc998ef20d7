import type { LoggerOptions } from 'pino';
import { serializeError } from './error-serializer.js';
import { currentContext } from './request-context.js';

/** Paths whose values never reach a log line. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'req.headers["set-cookie"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  'headers["x-api-key"]',
  'password',
  'newPassword',
  'token',
  'accessToken',
  'refreshToken',
  'secret',
  'key',
  'apiKey',
  '*.password',
  '*.newPassword',
  '*.token',
  '*.accessToken',
  '*.refreshToken',
  '*.secret',
  '*.apiKey',
  '*.key',
  'body.password',
  'body.refreshToken',
];

/** pino options shared by the server and the CLI: JSON lines, redaction, request context. */
export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    // Failed statements keep their SQL in the log, never their parameter values.
    serializers: { err: serializeError },
    // Every line written while serving a request carries its id and the user, wherever it is logged.
    mixin() {
      const context = currentContext();
      if (!context) return {};
      return context.userId
        ? { requestId: context.requestId, userId: context.userId }
        : { requestId: context.requestId };
    },
  };
}
