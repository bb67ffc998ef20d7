/** The parts of an OpenAPI document the conventions below touch. */
interface Operation {
  parameters?: Array<{ in?: string; required?: boolean; schema?: { default?: unknown } }>;
  responses?: Record<string, unknown>;
}
type Document = { paths?: Record<string, Record<string, unknown>> };

const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

/**
 * Failures any operation can answer with, whatever it declares: the rate limit, an unexpected
 * error, and overload or a dependency down (both with `Retry-After`).
 */
const ALWAYS_POSSIBLE: Record<string, string> = {
  429: 'Too many requests: wait `Retry-After` seconds',
  500: 'An unexpected failure (details only in the log, by `requestId`)',
  503: 'Overloaded, shutting down or a dependency is unavailable: retry after `Retry-After`',
};

const errorEnvelope = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorEnvelope' } } },
});

/**
 * What holds for every operation, written into the document once rather than in each route: a
 * query parameter with a default may be left out (Ajv fills it in, so the schema lists it as
 * required), and 429, 500 and 503 come with the error envelope.
 */
export function documentConventions<T extends object>(document: T): T {
  for (const item of Object.values((document as Document).paths ?? {})) {
    for (const [method, value] of Object.entries(item)) {
      if (!METHODS.has(method)) continue;
      const operation = value as Operation;
      for (const parameter of operation.parameters ?? [])
        if (parameter.in === 'query' && parameter.schema?.default !== undefined)
          parameter.required = false;
      operation.responses ??= {};
      for (const [status, description] of Object.entries(ALWAYS_POSSIBLE))
        operation.responses[status] ??= errorEnvelope(description);
    }
  }
  return document;
}
