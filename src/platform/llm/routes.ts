import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Database } from '../db/index.js';
import { validationError } from '../errors/index.js';
import { Envelope, errorResponses, ok } from '../http/envelope.js';
import { parseTimestampQuery } from '../http/timestamp-query.js';
import { type UsageGroupRow, usageGrouped } from './repository.js';
import { UsageQuery, UsageSchema } from './schemas.js';

export const llmRoutes: FastifyPluginAsyncTypebox<{ db: Database }> = async (app, { db }) => {
  app.get(
    '/llm/usage',
    {
      config: { permission: 'llm:read' },
      schema: {
        tags: ['llm'],
        summary: 'LLM usage and cost, per day, model or prompt version',
        description:
          'Every generation any module asked for, answered, cached or fallen back: calls, tokens, cost (from `LLM_PRICES`), fallbacks and latency, summed per `groupBy` between `from` (inclusive) and `to` (exclusive).',
        querystring: UsageQuery,
        response: { 200: Envelope(UsageSchema), ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const { groupBy, module } = request.query;
      const from = request.query.from ? parseTimestampQuery(request.query.from, 'from') : undefined;
      const to = request.query.to ? parseTimestampQuery(request.query.to, 'to') : undefined;
      if (from && to && from > to)
        throw validationError('The period ends before it starts', [
          { path: '/querystring/to', message: 'must not be before from' },
        ]);
      const groups = await usageGrouped(db, { from, to, module }, groupBy);
      return ok({
        groupBy,
        from: from?.toISOString() ?? null,
        to: to?.toISOString() ?? null,
        groups,
        totals: totalsOf(groups),
      });
    },
  );
};

function totalsOf(groups: UsageGroupRow[]) {
  const calls = groups.reduce((s, g) => s + g.calls, 0);
  const sum = (k: 'inputTokens' | 'outputTokens' | 'costUsd' | 'cached' | 'fallbacks') =>
    groups.reduce((s, g) => s + g[k], 0);
  return {
    calls,
    inputTokens: sum('inputTokens'),
    outputTokens: sum('outputTokens'),
    costUsd: Math.round(sum('costUsd') * 1e8) / 1e8,
    cached: sum('cached'),
    fallbacks: sum('fallbacks'),
    avgLatencyMs:
      calls === 0
        ? 0
        : Math.round(groups.reduce((s, g) => s + g.avgLatencyMs * g.calls, 0) / calls),
  };
}
