import { Type } from 'typebox';
import { literalUnion } from '../http/literal-union.js';
import { LimitQuerySchema } from '../http/pagination.js';
import { JOB_STATES } from './types.js';

const DateTime = Type.String({ format: 'date-time' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);

export const JobStateSchema = literalUnion(JOB_STATES, {
  description: `one of ${JOB_STATES.join(', ')}`,
});

export const JobSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    queue: Type.String(),
    state: JobStateSchema,
    progress: Type.Integer({ minimum: 0, maximum: 100 }),
    message: Nullable(Type.String()),
    result: Type.Unknown({ description: 'what the job returned (JSON), once completed' }),
    error: Nullable(Type.String()),
    attempts: Type.Integer({ minimum: 0 }),
    maxAttempts: Type.Integer({ minimum: 1 }),
    ownerId: Nullable(Type.String({ format: 'uuid' })),
    createdAt: DateTime,
    updatedAt: DateTime,
    startedAt: Nullable(DateTime),
    finishedAt: Nullable(DateTime),
  },
  { title: 'Job' },
);

export const JobParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

export const ListJobsQuery = Type.Object(
  {
    state: Type.Optional(JobStateSchema),
    queue: Type.Optional(Type.String({ maxLength: 100 })),
    ...LimitQuerySchema.properties,
  },
  { additionalProperties: false },
);

/** `{ ok: true, data: Job }` */
export const JobEnvelope = Type.Object({ ok: Type.Literal(true), data: JobSchema });

export const ProbeBody = Type.Object(
  {
    count: Type.Integer({
      minimum: 1,
      maximum: 1000,
      default: 1,
      description: 'probe jobs to enqueue',
    }),
    sleepMs: Type.Integer({
      minimum: 0,
      maximum: 5000,
      default: 0,
      description: 'how long each holds its worker',
    }),
  },
  { additionalProperties: false },
);

export const ProbeEnvelope = Type.Object({
  ok: Type.Literal(true),
  data: Type.Object({ jobIds: Type.Array(Type.String({ format: 'uuid' })) }),
});
