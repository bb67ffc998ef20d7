import { Type } from 'typebox';

export const UsageQuery = Type.Object(
  {
    from: Type.Optional(Type.String({ format: 'date-time', description: 'inclusive' })),
    to: Type.Optional(Type.String({ format: 'date-time', description: 'exclusive' })),
    groupBy: Type.Union([Type.Literal('day'), Type.Literal('model'), Type.Literal('prompt')], {
      default: 'day',
      description: 'day (UTC), model, or prompt version',
    }),
    module: Type.Optional(Type.String({ minLength: 1, maxLength: 100, examples: ['engagement'] })),
  },
  { additionalProperties: false },
);

const Sums = {
  calls: Type.Integer({ minimum: 0 }),
  inputTokens: Type.Integer({ minimum: 0 }),
  outputTokens: Type.Integer({ minimum: 0 }),
  costUsd: Type.Number({ minimum: 0 }),
  cached: Type.Integer({ minimum: 0, description: 'answered from the cache (no cost)' }),
  fallbacks: Type.Integer({ minimum: 0, description: 'the caller used its template fallback' }),
  avgLatencyMs: Type.Integer({ minimum: 0 }),
};

export const UsageSchema = Type.Object(
  {
    groupBy: Type.String(),
    from: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    to: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    groups: Type.Array(
      Type.Object({
        key: Type.String({ description: 'the day (YYYY-MM-DD), model or prompt version' }),
        ...Sums,
      }),
    ),
    totals: Type.Object(Sums),
  },
  { title: 'LlmUsage' },
);
