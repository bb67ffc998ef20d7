import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Envelope, errorResponses, ok, PageEnvelope } from '#platform/http/envelope.js';
import { sendPage } from '#platform/http/pagination.js';
import {
  LearnerRiskParams,
  ModelParams,
  ModelSchema,
  ModelsQuery,
  RiskHistoryQuery,
  RiskSnapshotSchema,
  ScoreBody,
  ScoringStartedSchema,
  TrainingStartedSchema,
  TrainModelBody,
} from './schemas.js';
import type { ModelService } from './service.js';

const tags = ['engagement'];
const manage = { permission: 'engagement:manage' } as const;

export const modelRoutes: FastifyPluginAsyncTypebox<{ models: ModelService }> = async (
  app,
  { models },
) => {
  app.get(
    '/engagement/models',
    {
      config: manage,
      schema: {
        tags,
        summary: 'List the risk models',
        description:
          'Staff. `codered-v1` (the built-in formula) first, active until a trained model is activated; then the trained models with their versions and stored evaluations.',
        querystring: ModelsQuery,
        response: { 200: PageEnvelope(ModelSchema), ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) =>
      sendPage(
        request,
        reply,
        await models.list(request.principal!, request.query),
        request.query.limit,
      ),
  );

  app.post(
    '/engagement/models',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Train a risk model on stored history (a job)',
        description:
          'Staff. Trains on the learners of the named courses or presentations that have an outcome, as of `predictAt` of each presentation, with a held-out share for its evaluation (AUC, Brier, ECE, calibration bins, per gender, age band and disability). Answers 202 with the job; the version turns `ready` (or `failed` with its error). 422 `TOO_FEW_OUTCOMES` or `ONE_CLASS_ONLY` when the history cannot be trained on, `NO_TRAINING_COURSES` when nothing matches; 409 `MODEL_KIND_MISMATCH` for a new version of another kind.',
        body: TrainModelBody,
        response: {
          202: Envelope(TrainingStartedSchema),
          ...errorResponses(400, 401, 403, 409, 422),
        },
      },
    },
    async (request, reply) =>
      reply.status(202).send(ok(await models.train(request.principal!, request.body))),
  );

  app.get(
    '/engagement/models/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: 'A risk model with its versions and evaluations',
        params: ModelParams,
        response: { 200: Envelope(ModelSchema), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => ok(await models.detail(request.principal!, request.params.id)),
  );

  app.post(
    '/engagement/models/:id/activate',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Make a model the one that scores learners',
        description:
          'Staff. One model is active at a time; `codered-v1` makes the formula active again. A trained model scores with its newest ready version; 409 `MODEL_NOT_READY` when it has none.',
        params: ModelParams,
        response: { 200: Envelope(ModelSchema), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => ok(await models.activate(request.principal!, request.params.id)),
  );

  app.post(
    '/engagement/score',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Score learners with the active model and store a snapshot each (a job)',
        description:
          'Staff. Every learner, or those of `courseId`, as of `asOf` (default now). Answers 202 with the job; the snapshots are the learners’ risk history.',
        body: ScoreBody,
        response: { 202: Envelope(ScoringStartedSchema), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) =>
      reply.status(202).send(ok(await models.startScoring(request.principal!, request.body))),
  );

  app.get(
    '/engagement/learners/:id/risk-history',
    {
      config: manage,
      schema: {
        tags,
        summary: 'A learner’s stored risk snapshots, newest first',
        params: LearnerRiskParams,
        querystring: RiskHistoryQuery,
        response: {
          200: Envelope(Type.Array(RiskSnapshotSchema)),
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) =>
      ok(await models.history(request.principal!, request.params.id, request.query.limit)),
  );
};
