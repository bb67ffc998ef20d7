import { Type } from 'typebox';
import { LimitQuerySchema } from '#platform/http/pagination.js';
import { RiskLabelSchema } from '../schemas.js';

const Json = Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]);

export const ModelParams = Type.Object({
  id: Type.Union([Type.String({ format: 'uuid' }), Type.Literal('codered-v1')], {
    description: 'a trained model’s id, or `codered-v1` (the built-in formula)',
  }),
});

export const ModelsQuery = Type.Object(
  { ...LimitQuerySchema.properties },
  { additionalProperties: false },
);

export const ModelVersionSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  version: Type.Integer(),
  status: Type.Union([Type.Literal('training'), Type.Literal('ready'), Type.Literal('failed')]),
  predictAt: Type.Union([Type.Number(), Type.Null()]),
  trainOn: Json,
  evaluation: Json,
  error: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

export const ModelSchema = Type.Object(
  {
    id: Type.String({ description: 'uuid, or `codered-v1`' }),
    name: Type.String(),
    kind: Type.String({ description: '`formula` (codered-v1), `logistic` or `boosted`' }),
    active: Type.Boolean(),
    builtIn: Type.Boolean(),
    versions: Type.Array(ModelVersionSchema, { description: 'newest first' }),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { title: 'RiskModel' },
);

export const TrainModelBody = Type.Object(
  {
    name: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 100,
        pattern: '^[A-Za-z0-9._-]+$',
        description: 'a new model, or a new version of the model of this name',
      }),
    ),
    kind: Type.Union([Type.Literal('logistic'), Type.Literal('boosted')]),
    trainOn: Type.Object(
      {
        courses: Type.Optional(
          Type.Array(Type.String({ format: 'uuid' }), { minItems: 1, maxItems: 500 }),
        ),
        presentations: Type.Optional(
          Type.Array(Type.String({ minLength: 1, maxLength: 100 }), {
            minItems: 1,
            maxItems: 500,
            description: 'presentation codes (`2013J`) or course titles (`AAA 2013J`)',
          }),
        ),
      },
      { additionalProperties: false },
    ),
    predictAt: Type.Optional(
      Type.Number({
        minimum: 0.05,
        maximum: 1,
        default: 0.25,
        description: 'the share of each presentation elapsed when the model predicts',
      }),
    ),
  },
  {
    additionalProperties: false,
    examples: [{ kind: 'logistic', trainOn: { presentations: ['2013J'] }, predictAt: 0.25 }],
  },
);

export const TrainingStartedSchema = Type.Object(
  {
    model: ModelSchema,
    versionId: Type.String({ format: 'uuid' }),
    jobId: Type.String({
      format: 'uuid',
      description: '`GET /api/v1/jobs/:id`; once done, the version is `ready` with its evaluation',
    }),
  },
  { title: 'TrainingStarted' },
);

export const ScoreBody = Type.Object(
  {
    courseId: Type.Optional(Type.String({ format: 'uuid' })),
    asOf: Type.Optional(Type.String({ format: 'date-time' })),
  },
  { additionalProperties: false },
);

export const ScoringStartedSchema = Type.Object(
  {
    jobId: Type.String({
      format: 'uuid',
      description: '`GET /api/v1/jobs/:id`: its `result` is `{scored, high, medium, low}`',
    }),
    asOf: Type.String({ format: 'date-time' }),
  },
  { title: 'ScoringStarted' },
);

export const LearnerRiskParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

export const RiskHistoryQuery = Type.Object(
  { limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }) },
  { additionalProperties: false },
);

export const RiskSnapshotSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  courseId: Type.Union([Type.String(), Type.Null()]),
  model: Type.String(),
  modelVersionId: Type.Union([Type.String(), Type.Null()]),
  score: Type.Number(),
  label: RiskLabelSchema,
  factors: Type.Array(
    Type.Object({
      name: Type.String(),
      contribution: Type.Number(),
      value: Type.Union([Type.Number(), Type.Null()]),
    }),
  ),
  asOf: Type.String({ format: 'date-time' }),
});
