import { Type } from 'typebox';
import { LimitQuerySchema } from '#platform/http/pagination.js';
import { CHANNELS } from './tables.js';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const LearnerParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

export const CreateLearnerBody = Type.Object(
  {
    userId: Type.Optional(
      Type.String({ format: 'uuid', description: 'a user with the learner role' }),
    ),
    externalSource: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    externalId: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    email: Type.Optional(Type.String({ format: 'email', maxLength: 320 })),
    program: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    cohort: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    phone: Type.Optional(Type.String({ pattern: '^\\+?[0-9 ()-]{5,32}$' })),
    preferredChannel: Type.Optional(Type.Union(CHANNELS.map((c) => Type.Literal(c)))),
    completedPercent: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
    avgQuizScore: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
    consecutiveMissedSessions: Type.Optional(Type.Integer({ minimum: 0, maximum: 10000 })),
    lastLoginAt: Type.Optional(Type.String({ format: 'date-time' })),
  },
  {
    additionalProperties: false,
    examples: [
      {
        externalSource: 'sis',
        externalId: 'S-1042',
        displayName: 'Ada Obi',
        cohort: '2026-spring',
        program: 'BSc Computing',
        phone: '+44 20 7946 0000',
        preferredChannel: 'sms',
        completedPercent: 40,
        avgQuizScore: 75,
        consecutiveMissedSessions: 3,
        lastLoginAt: '2026-03-13T09:00:00Z',
      },
    ],
  },
);

export const RiskLabelSchema = Type.Union([
  Type.Literal('low'),
  Type.Literal('medium'),
  Type.Literal('high'),
]);

export const RiskSchema = Type.Object({
  score: Type.Number({ minimum: 0, maximum: 1 }),
  label: RiskLabelSchema,
  model: Type.String(),
  factors: Type.Array(
    Type.Object({
      name: Type.String(),
      contribution: Type.Number(),
      value: Type.Union([Type.Number(), Type.Null()]),
    }),
  ),
});

export const LearnerSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  userId: Nullable(Type.String()),
  externalSource: Nullable(Type.String()),
  externalId: Nullable(Type.String()),
  displayName: Nullable(Type.String()),
  program: Nullable(Type.String()),
  cohort: Nullable(Type.String()),
  preferredChannel: Nullable(Type.String()),
  risk: RiskSchema,
  createdAt: Type.String({ format: 'date-time' }),
});

export const LearnerDetailSchema = Type.Object({
  ...LearnerSchema.properties,
  email: Nullable(Type.String()),
  /** Only for staff and the learner themselves. */
  phone: Type.Optional(Nullable(Type.String())),
  inputs: Type.Object({
    completedPercent: Type.Union([Type.Number(), Type.Null()]),
    avgQuizScore: Type.Union([Type.Number(), Type.Null()]),
    consecutiveMissedSessions: Type.Union([Type.Integer(), Type.Null()]),
    lastLoginAt: Nullable(Type.String({ format: 'date-time' })),
  }),
  recentActivity: Type.Array(
    Type.Object({
      id: Type.String(),
      courseId: Nullable(Type.String()),
      kind: Type.String(),
      occurredAt: Type.String({ format: 'date-time' }),
      score: Type.Union([Type.Number(), Type.Null()]),
      source: Type.String(),
    }),
  ),
  courses: Type.Array(
    Type.Object({
      courseId: Type.String(),
      catalogCourseId: Nullable(Type.String()),
      title: Type.String(),
      registeredAt: Nullable(Type.String({ format: 'date-time' })),
      unregisteredAt: Nullable(Type.String({ format: 'date-time' })),
    }),
  ),
});

export const LearnersQuery = Type.Object(
  {
    ...LimitQuerySchema.properties,
    risk: Type.Optional(RiskLabelSchema),
    courseId: Type.Optional(Type.String({ format: 'uuid' })),
    cohort: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    sort: Type.Optional(Type.Literal('risk', { description: 'highest risk first' })),
  },
  { additionalProperties: false },
);
