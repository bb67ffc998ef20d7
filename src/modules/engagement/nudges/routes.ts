import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Envelope, errorResponses, ok, PageEnvelope } from '#platform/http/envelope.js';
import { sendPage } from '#platform/http/pagination.js';
import { LearnerParams } from '../schemas.js';
import type { ExperimentService } from './experiment-service.js';
import type { NudgeService } from './nudge-service.js';
import type { PromptService } from './prompt-service.js';
import {
  CreateExperimentBody,
  CreateNudgeBody,
  CreatePromptBody,
  ExperimentParams,
  ExperimentResultsSchema,
  ExperimentSchema,
  NudgeListQuery,
  NudgeSchema,
  NudgeStreamQuery,
  PromptParams,
  PromptSchema,
  RollbackBody,
  SimulateBody,
  SimulationStartedSchema,
  StopExperimentBody,
} from './schemas.js';
import type { Simulation } from './simulation.js';
import { streamNudge } from './stream.js';

export interface NudgeRouteDeps {
  nudges: NudgeService;
  prompts: PromptService;
  experiments: ExperimentService;
  simulation: Simulation;
}

const tags = ['engagement'];

export const nudgeRoutes: FastifyPluginAsyncTypebox<NudgeRouteDeps> = async (
  app,
  { nudges, prompts, experiments, simulation },
) => {
  app.post(
    '/engagement/learners/:id/nudges',
    {
      config: { authenticated: true },
      schema: {
        tags,
        summary: 'Nudge a learner (written by the LLM, or a template when it is not available)',
        description:
          'Staff nudge anyone, instructors the learners of their courses; a learner gets 403, anyone else 404 `LEARNER_NOT_FOUND`. The active `nudge` prompt goes to the LLM; with no LLM, the breaker open, the budget spent, a timeout or an unusable answer, the template for the learner’s situation is used and `gptFallback` is true. With `experimentId`, the learner’s variant decides the prompt version or channel. 409 `CHANNEL_NOT_AVAILABLE` for a channel with no sender configured, 409 `EXPERIMENT_STOPPED`, 429 `NUDGE_CAP_REACHED` with `Retry-After` and `resetAt` once the weekly cap is reached.',
        params: LearnerParams,
        body: CreateNudgeBody,
        response: { 201: Envelope(NudgeSchema), ...errorResponses(400, 401, 403, 404, 409, 429) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(ok(await nudges.create(request.principal!, request.params.id, request.body))),
  );

  app.get(
    '/engagement/learners/:id/nudges',
    {
      config: { authenticated: true },
      schema: {
        tags,
        summary: 'A learner’s nudges, newest first',
        description: 'Learners see their own, instructors their courses’ learners’, staff all.',
        params: LearnerParams,
        querystring: NudgeListQuery,
        response: { 200: PageEnvelope(NudgeSchema), ...errorResponses(400, 401, 404) },
      },
    },
    async (request, reply) =>
      sendPage(
        request,
        reply,
        await nudges.list(request.principal!, request.params.id, request.query),
        request.query.limit,
      ),
  );

  app.get(
    '/engagement/learners/:id/nudges/stream',
    {
      config: { authenticated: true },
      schema: {
        tags,
        summary: 'Nudge a learner, streaming the text as it is generated (Server-Sent Events)',
        description:
          'As `POST …/nudges`, as `text/event-stream`: `delta` events (`{"text"}`) while the LLM writes, `replace` (`{"text"}`) when the template replaces it, then `done` with the stored nudge, or `error`. Errors found before the first event are ordinary JSON errors.',
        params: LearnerParams,
        querystring: NudgeStreamQuery,
        response: {
          200: Type.String({ description: 'text/event-stream' }),
          ...errorResponses(400, 401, 403, 404, 409, 429),
        },
      },
    },
    async (request, reply) =>
      streamNudge(reply, (stream) =>
        nudges.create(request.principal!, request.params.id, request.query, stream),
      ),
  );

  app.post(
    '/engagement/prompts',
    {
      config: { permission: 'engagement:manage' },
      schema: {
        tags,
        summary: 'Save the next version of a prompt and make it active',
        description:
          'Versions count from 1 per name (0 is the built-in); exactly one is active. Every message stores the `promptVersion` that made it. 400 names an unknown `{{variable}}`.',
        body: CreatePromptBody,
        response: { 201: Envelope(PromptSchema), ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(ok(await prompts.create(request.principal!, request.body))),
  );

  app.get(
    '/engagement/prompts/:name/versions',
    {
      config: { permission: 'engagement:manage' },
      schema: {
        tags,
        summary: 'The stored versions of a prompt, newest first',
        params: PromptParams,
        response: {
          200: Envelope(Type.Array(PromptSchema)),
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) => ok(await prompts.versions(request.principal!, request.params.name)),
  );

  app.post(
    '/engagement/prompts/:name/rollback',
    {
      config: { permission: 'engagement:manage' },
      schema: {
        tags,
        summary: 'Make an earlier version of a prompt the active one',
        params: PromptParams,
        body: RollbackBody,
        response: { 200: Envelope(PromptSchema), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) =>
      ok(await prompts.rollback(request.principal!, request.params.name, request.body.version)),
  );

  app.post(
    '/engagement/experiments',
    {
      // `variants[].key` names a variant, not a secret.
      config: { permission: 'engagement:manage', idempotency: 'store' },
      schema: {
        tags,
        summary: 'Start an A/B(/n) experiment over prompt versions or channels',
        description:
          'Each variant sets a `promptVersion` (a stored or built-in LLM prompt version) or a `channel`, with a weight. Learners are assigned by a hash of experiment and learner: the same learner always gets the same variant. The outcome `re-engaged` is any activity within `withinDays` after the nudge.',
        body: CreateExperimentBody,
        response: { 201: Envelope(ExperimentSchema), ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(ok(await experiments.create(request.principal!, request.body))),
  );

  app.get(
    '/engagement/experiments/:id/results',
    {
      config: { permission: 'engagement:manage' },
      schema: {
        tags,
        summary:
          'Per variant: nudges sent, converted, rate; against the control a 95 % interval and p-value',
        description:
          'The first variant is the control. `vsControl.difference` is the variant’s rate minus the control’s, with a Wald 95 % interval; `pValue` is the two-sided two-proportion z-test.',
        params: ExperimentParams,
        response: { 200: Envelope(ExperimentResultsSchema), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => ok(await experiments.results(request.principal!, request.params.id)),
  );

  app.post(
    '/engagement/experiments/:id/stop',
    {
      config: { permission: 'engagement:manage', idempotency: 'store' },
      schema: {
        tags,
        summary: 'Stop an experiment, optionally promoting the winning prompt version',
        params: ExperimentParams,
        body: StopExperimentBody,
        response: { 200: Envelope(ExperimentSchema), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      ok(await experiments.stop(request.principal!, request.params.id, request.body.promote)),
  );

  app.post(
    '/engagement/simulate/run',
    {
      config: { permission: 'engagement:manage' },
      schema: {
        tags,
        summary:
          'Rescore every learner and, with autoNudge, nudge those at or above the threshold (a job)',
        description:
          'Answers 202 with the job; the counts are its result. Auto-nudges are in-app, as the system, skipping learners at the weekly cap; with the LLM down or over budget they are templates.',
        body: SimulateBody,
        response: { 202: Envelope(SimulationStartedSchema), ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) =>
      reply.status(202).send(ok(await simulation.start(request.principal!, request.body))),
  );
};
