import { Type } from 'typebox';
import { LimitQuerySchema } from '#platform/http/pagination.js';
import { NUDGE_TYPES } from './nudge-service.js';
import { NUDGE_CHANNELS, NUDGE_STATUSES } from './tables.js';

const Literals = <T extends string>(values: readonly T[], description: string) =>
  Type.Union(
    values.map((v) => Type.Literal(v)),
    { description: `${description} (one of: ${values.join(', ')})` },
  );
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) =>
  Type.Union([t, Type.Null()]);

export const ChannelSchema = Literals(NUDGE_CHANNELS, 'delivery channel');
export const NudgeTypeSchema = Literals(NUDGE_TYPES, 'what the nudge is for');
const PromptName = Type.String({
  pattern: '^[a-z][a-z0-9_]{0,62}$',
  description:
    '`nudge` and `quiz` go to the LLM; `fallback_completion_boost`, `fallback_quiz_reminder`, `fallback_engagement` are the templates used without it',
  examples: ['nudge'],
});
const VersionLabel = Type.String({
  pattern: '^[a-z][a-z0-9_]*_v[0-9]{1,9}$',
  description: '`<name>_v<version>`; version 0 is the built-in',
  examples: ['nudge_v2'],
});

export const CreateNudgeBody = Type.Object(
  {
    channel: ChannelSchema,
    type: NudgeTypeSchema,
    experimentId: Type.Optional(Type.String({ format: 'uuid' })),
  },
  { additionalProperties: false },
);

export const NudgeSchema = Type.Object(
  {
    nudgeId: Type.String({ format: 'uuid' }),
    learnerId: Type.String({ format: 'uuid' }),
    content: Type.String(),
    channel: Type.String(),
    type: Type.String(),
    gptFallback: Type.Boolean({
      description: 'true when the template was used instead of the LLM',
    }),
    fallbackReason: Nullable(
      Type.String({
        examples: ['disabled', 'circuit_open', 'budget', 'timeout', 'error', 'invalid_answer'],
      }),
    ),
    promptVersion: VersionLabel,
    experimentId: Nullable(Type.String({ format: 'uuid' })),
    variant: Nullable(Type.String()),
    status: Type.String({
      description: `delivery status: ${NUDGE_STATUSES.join(' → ')}`,
      examples: ['sent'],
    }),
    failureReason: Nullable(Type.String()),
    createdAt: Type.String({ format: 'date-time' }),
    sentAt: Nullable(Type.String({ format: 'date-time' })),
  },
  { title: 'Nudge' },
);

export const NudgeListQuery = Type.Object(
  { ...LimitQuerySchema.properties },
  { additionalProperties: false },
);

export const NudgeStreamQuery = Type.Object(
  { channel: ChannelSchema, type: NudgeTypeSchema },
  { additionalProperties: false },
);

export const CreatePromptBody = Type.Object(
  {
    name: PromptName,
    template: Type.String({
      minLength: 1,
      maxLength: 8000,
      description:
        'with `{{variables}}`: learnerName, program, course, progress, quizAverage, riskLabel, riskFactors, type, channel',
    }),
    system: Type.Optional(Type.String({ minLength: 1, maxLength: 8000 })),
  },
  { additionalProperties: false },
);

export const PromptSchema = Type.Object(
  {
    name: Type.String(),
    version: Type.Integer({ minimum: 1 }),
    promptVersion: VersionLabel,
    template: Type.String(),
    system: Nullable(Type.String()),
    active: Type.Boolean(),
    createdBy: Nullable(Type.String({ format: 'uuid' })),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { title: 'PromptVersion' },
);

export const PromptParams = Type.Object({ name: PromptName });
export const RollbackBody = Type.Object(
  { version: Type.Integer({ minimum: 1, description: 'the stored version to make active' }) },
  { additionalProperties: false },
);

export const CreateExperimentBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    variants: Type.Array(
      Type.Object(
        {
          key: Type.String({ pattern: '^[A-Za-z0-9_-]{1,40}$' }),
          promptVersion: Type.Optional(VersionLabel),
          channel: Type.Optional(Type.String()),
          weight: Type.Number({ exclusiveMinimum: 0, maximum: 1000 }),
        },
        { additionalProperties: false },
      ),
      { minItems: 2, maxItems: 10, description: 'the first variant is the control' },
    ),
    outcome: Type.Object(
      {
        kind: Type.Literal('re-engaged', {
          description: 'any activity of the learner after the nudge',
        }),
        withinDays: Type.Integer({ minimum: 1, maximum: 90 }),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

export const ExperimentSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    name: Type.String(),
    status: Type.String({ examples: ['running', 'stopped'] }),
    outcome: Type.Object({ kind: Type.String(), withinDays: Type.Integer() }),
    variants: Type.Array(
      Type.Object({
        key: Type.String(),
        promptVersion: Nullable(Type.String()),
        channel: Nullable(Type.String()),
        weight: Type.Number(),
      }),
    ),
    winner: Nullable(Type.String()),
    createdAt: Type.String({ format: 'date-time' }),
    stoppedAt: Nullable(Type.String({ format: 'date-time' })),
  },
  { title: 'Experiment' },
);

export const ExperimentParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

export const StopExperimentBody = Type.Object(
  {
    promote: Type.Optional(
      Type.String({ description: 'the variant whose prompt version becomes the active one' }),
    ),
  },
  { additionalProperties: false },
);

export const ExperimentResultsSchema = Type.Object(
  {
    experiment: ExperimentSchema,
    control: Type.String(),
    variants: Type.Array(
      Type.Object({
        key: Type.String(),
        promptVersion: Nullable(Type.String()),
        channel: Nullable(Type.String()),
        sent: Type.Integer(),
        converted: Type.Integer(),
        rate: Type.Number(),
        vsControl: Nullable(
          Type.Object({
            difference: Type.Number(),
            ci95: Type.Array(Type.Number(), { minItems: 2, maxItems: 2 }),
            pValue: Nullable(Type.Number()),
          }),
        ),
      }),
    ),
  },
  { title: 'ExperimentResults' },
);

export const SimulateBody = Type.Object(
  {
    autoNudge: Type.Boolean({
      description: 'nudge (in-app) every learner at or above the threshold',
    }),
    riskThreshold: Type.Number({ minimum: 0, maximum: 1, description: 'risk score, 0 to 1' }),
    cohort: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  },
  { additionalProperties: false },
);

export const SimulationStartedSchema = Type.Object(
  {
    jobId: Type.String({
      format: 'uuid',
      description:
        '`GET /api/v1/jobs/:id`: its `result` is `{processedLearners, highRiskCount, mediumRiskCount, lowRiskCount, autoNudgesGenerated, autoNudgesSkipped, autoNudgesFallback}`',
    }),
  },
  { title: 'SimulationStarted' },
);
