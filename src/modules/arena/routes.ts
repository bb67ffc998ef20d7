import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { PRESET_NAMES } from '#modules/timetabling/index.js';
import { requirePrincipal } from '#platform/auth/access.js';
import { Envelope, errorResponses, ok } from '#platform/http/envelope.js';
import { type ArenaService, COMPETITORS } from './service.js';

const tags = ['arena'];
const read = { permission: 'timetables:read' } as const;
const manage = { permission: 'timetables:manage' } as const;
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) =>
  Type.Union([t, Type.Null()]);

const Workload = Type.Object({
  id: Type.String({ format: 'uuid' }),
  position: Type.Integer(),
  preset: Type.String(),
  seed: Type.Integer(),
  termId: Nullable(Type.String({ format: 'uuid' })),
  budgetSeconds: Type.Number(),
  status: Type.Union([Type.Literal('running'), Type.Literal('completed')]),
  selected: Nullable(Type.String({ description: "the learned selector's pick" })),
  finishedAt: Nullable(Type.String({ format: 'date-time' })),
});

const Run = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    workloadId: Type.String({ format: 'uuid' }),
    competitor: Type.String(),
    solver: Type.String({ description: 'the solver that produced the result' }),
    hard: Type.Integer(),
    soft: Type.Integer(),
    timeToFeasibleMs: Nullable(Type.Number()),
    elapsedMs: Type.Number(),
    cpuSeconds: Type.Number(),
    iterations: Type.Integer(),
    evaluationsPerSecond: Type.Number(),
    gap: Nullable(Type.Number({ description: 'normalised gap to the best of the workload' })),
    rank: Nullable(Type.Integer()),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { title: 'ArenaRun' },
);

const Status = Type.Object(
  {
    state: Type.Union([Type.Literal('running'), Type.Literal('paused'), Type.Literal('stopped')]),
    preset: Nullable(Type.String()),
    budgetSeconds: Nullable(Type.Number()),
    seed: Nullable(Type.Integer()),
    workloadsDone: Type.Integer(),
    currentWorkload: Nullable(Workload),
    competitors: Type.Array(
      Type.Object({
        competitor: Type.String(),
        status: Type.Union([Type.Literal('idle'), Type.Literal('solving'), Type.Literal('done')]),
        hard: Nullable(Type.Integer()),
        soft: Nullable(Type.Integer()),
      }),
    ),
  },
  { title: 'ArenaStatus' },
);

const LeaderboardRow = Type.Object({
  competitor: Type.String(),
  workloads: Type.Integer(),
  wins: Type.Integer(),
  losses: Type.Integer(),
  ties: Type.Integer(),
  meanGap: Type.Number(),
  meanRank: Type.Number(),
  feasibilityRate: Type.Number(),
});

const StartBody = Type.Object(
  {
    preset: Type.Optional(Type.Union(PRESET_NAMES.map((p) => Type.Literal(p)))),
    budgetSeconds: Type.Number({ minimum: 0.5, maximum: 600 }),
    competitors: Type.Optional(
      Type.Array(Type.String(), { minItems: 1, maxItems: COMPETITORS.length }),
    ),
    seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000_000 })),
  },
  { additionalProperties: false, examples: [{ preset: 'small', budgetSeconds: 10, seed: 1 }] },
);

export const arenaRoutes: FastifyPluginAsyncTypebox<{ arena: ArenaService }> = async (
  app,
  { arena },
) => {
  app.post(
    '/arena/start',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Start the solver arena',
        description:
          'Generates workloads one after another (from `preset`, or cycling through every preset) and has every competitor solve each under `budgetSeconds` in the shared solver pool, as jobs. Events on the WebSocket topic `arena`. 409 `ARENA_ACTIVE` while running or paused.',
        body: StartBody,
        response: { 202: Envelope(Status), ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      const s = await arena.start(requirePrincipal(request.principal), request.body);
      return reply.code(202).send(ok(s));
    },
  );

  for (const [action, summary] of [
    ['pause', 'Pause the arena after the current workload (400 unless running)'],
    ['resume', 'Resume a paused arena (400 unless paused)'],
    ['stop', 'Stop the arena after the current workload (409 when already stopped)'],
  ] as const)
    app.post(
      `/arena/${action}`,
      {
        config: manage,
        schema: {
          tags,
          summary,
          response: { 200: Envelope(Status), ...errorResponses(400, 401, 403, 409) },
        },
      },
      async () => ok(await arena[action]()),
    );

  app.get(
    '/arena/status',
    {
      config: read,
      schema: {
        tags,
        summary: "The arena's state and the current workload's progress",
        response: { 200: Envelope(Status), ...errorResponses(401, 403) },
      },
    },
    async () => ok(await arena.status()),
  );

  app.get(
    '/arena/leaderboard',
    {
      config: read,
      schema: {
        tags,
        summary: 'Wins, losses, ties, mean normalised gap and rank, feasibility rate',
        description:
          'Over the last `window` completed workloads, or all. The oracle (best of all others per workload) is shown but takes no part in wins, losses or ties.',
        querystring: Type.Object(
          { window: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })) },
          { additionalProperties: false },
        ),
        response: { 200: Envelope(Type.Array(LeaderboardRow)), ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => ok(await arena.leaderboard(request.query.window)),
  );

  app.get(
    '/arena/history',
    {
      config: read,
      schema: {
        tags,
        summary: 'Completed workloads, newest first, with every competitor side by side',
        querystring: Type.Object(
          { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 20 })) },
          { additionalProperties: false },
        ),
        response: {
          200: Envelope(
            Type.Array(Type.Intersect([Workload, Type.Object({ runs: Type.Array(Run) })])),
          ),
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (request) => ok(await arena.history(request.query.limit ?? 20)),
  );

  app.get(
    '/arena/selector',
    {
      config: read,
      schema: {
        tags,
        summary: 'The learned selector: k-NN over the stored workloads, with its validation',
        description:
          'k-nearest neighbours (k = 3) over standardised workload features, trained on every completed workload (features → the best fixed solver); validated leave-one-out, with the confusion matrix (actual → predicted).',
        response: {
          200: Envelope(
            Type.Object({
              model: Type.Literal('knn'),
              k: Type.Integer(),
              features: Type.Array(Type.String()),
              trainingSize: Type.Integer(),
              classes: Type.Record(Type.String(), Type.Integer()),
              validation: Type.Object({
                method: Type.Literal('leave-one-out'),
                accuracy: Nullable(Type.Number()),
                confusion: Type.Record(Type.String(), Type.Record(Type.String(), Type.Integer())),
              }),
            }),
          ),
          ...errorResponses(401, 403),
        },
      },
    },
    async () => ok(await arena.selectorSummary()),
  );

  app.get(
    '/arena/runs/:id',
    {
      config: read,
      schema: {
        tags,
        summary: "One competitor's run on one workload",
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 200: Envelope(Run), ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => ok(await arena.getRun(request.params.id)),
  );
};
