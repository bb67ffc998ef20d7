import { type Static, type TSchema, Type } from 'typebox';
import { LimitQuerySchema } from '#platform/http/pagination.js';
import { literalUnion } from '../literal-union.js';
import { ENROLMENT_STATUSES } from '../tables.js';

const Uuid = Type.String({ format: 'uuid' });
const DateTime = Type.String({ format: 'date-time' });
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const EnrolmentStatusSchema = literalUnion(ENROLMENT_STATUSES);

export const CourseParams = Type.Object({
  id: Type.String({
    minLength: 1,
    maxLength: 100,
    pattern: '^[A-Za-z0-9][A-Za-z0-9-]*$',
    description: 'course id or slug',
  }),
});
export const LessonParams = Type.Object({ id: Uuid });
export const QuizParams = Type.Object({ id: Uuid });

export const EnrolmentSchema = Type.Object({
  id: Uuid,
  courseId: Uuid,
  userId: Uuid,
  status: EnrolmentStatusSchema,
  enrolledAt: DateTime,
  completedAt: Nullable(DateTime),
  droppedAt: Nullable(DateTime),
});

export const ProgressSummarySchema = Type.Object({
  completedLessons: Type.Integer({ minimum: 0 }),
  totalLessons: Type.Integer({ minimum: 0 }),
  percent: Type.Integer({ minimum: 0, maximum: 100 }),
  lastActivityAt: Nullable(DateTime),
});

export const MyCourseSchema = Type.Object({
  enrolmentId: Uuid,
  status: EnrolmentStatusSchema,
  enrolledAt: DateTime,
  completedAt: Nullable(DateTime),
  course: Type.Object({
    id: Uuid,
    slug: Type.String(),
    title: Type.String(),
    status: Type.String(),
  }),
  progress: ProgressSummarySchema,
});

export const MyCoursesQuery = Type.Object(
  { ...LimitQuerySchema.properties, status: Type.Optional(EnrolmentStatusSchema) },
  { additionalProperties: false },
);

export const ProgressBody = Type.Object(
  {
    positionSeconds: Type.Integer({
      minimum: 0,
      maximum: 1_000_000,
      description: 'where the learner is in the lesson (the latest value is kept)',
    }),
    percent: Type.Integer({
      minimum: 0,
      maximum: 100,
      description: 'how much of the lesson was consumed; never goes down; 100 completes it',
    }),
  },
  { additionalProperties: false },
);
export type ProgressInput = Static<typeof ProgressBody>;

export const LessonProgressSchema = Type.Object({
  lessonId: Uuid,
  courseId: Uuid,
  positionSeconds: Type.Integer(),
  percent: Type.Integer({ minimum: 0, maximum: 100 }),
  completed: Type.Boolean(),
  completedAt: Nullable(DateTime),
  updatedAt: DateTime,
  enrolmentStatus: EnrolmentStatusSchema,
});

export const AttemptBody = Type.Object(
  {
    answers: Type.Array(
      Type.Object(
        {
          questionId: Uuid,
          optionIds: Type.Array(Uuid, { maxItems: 50, uniqueItems: true }),
        },
        { additionalProperties: false },
      ),
      { maxItems: 500 },
    ),
  },
  { additionalProperties: false },
);
export type AttemptInput = Static<typeof AttemptBody>;

export const AttemptSummarySchema = Type.Object({
  id: Uuid,
  quizId: Uuid,
  userId: Uuid,
  points: Type.Number(),
  maxPoints: Type.Number(),
  scorePercent: Type.Number({ minimum: 0, maximum: 100 }),
  passed: Type.Boolean(),
  submittedAt: DateTime,
});

export const AttemptResultSchema = Type.Object({
  ...AttemptSummarySchema.properties,
  questions: Type.Array(
    Type.Object({
      questionId: Uuid,
      correct: Type.Boolean(),
      points: Type.Number(),
      awardedPoints: Type.Number(),
      chosenOptionIds: Type.Array(Uuid),
      correctOptionIds: Type.Array(Uuid),
      explanation: Nullable(Type.String()),
    }),
  ),
});

export const AttemptsQuery = Type.Object(
  {
    ...LimitQuerySchema.properties,
    userId: Type.Optional(
      Type.String({
        format: 'uuid',
        description: "one learner's attempts (instructors of the course; yourself for others)",
      }),
    ),
  },
  { additionalProperties: false },
);

export const ReviewBody = Type.Object(
  {
    rating: Type.Integer({ minimum: 1, maximum: 5 }),
    body: Type.Optional(Nullable(Type.String({ maxLength: 5000 }))),
  },
  { additionalProperties: false },
);
export type ReviewInput = Static<typeof ReviewBody>;

export const ReviewSchema = Type.Object({
  id: Uuid,
  courseId: Uuid,
  rating: Type.Integer({ minimum: 1, maximum: 5 }),
  body: Nullable(Type.String()),
  reviewer: Type.Object({ name: Type.String({ description: "the reviewer's display name" }) }),
  createdAt: DateTime,
  updatedAt: DateTime,
});

const Count = Type.Integer({ minimum: 0 });

export const RatingSchema = Type.Object({
  courseId: Uuid,
  average: Nullable(Type.Number({ minimum: 1, maximum: 5, description: 'two decimals' })),
  count: Count,
  histogram: Type.Object({ 1: Count, 2: Count, 3: Count, 4: Count, 5: Count }),
});

export const AnalyticsQuery = Type.Object(
  {
    days: Type.Integer({
      minimum: 1,
      maximum: 366,
      default: 30,
      description: 'length of the timeline, ending today (UTC)',
    }),
  },
  { additionalProperties: false },
);

export const AnalyticsSchema = Type.Object({
  courseId: Uuid,
  days: Type.Integer(),
  from: Type.String({ format: 'date' }),
  to: Type.String({ format: 'date' }),
  enrolments: Type.Object({
    total: Count,
    active: Count,
    completed: Count,
    dropped: Count,
  }),
  completionRate: Type.Number({
    minimum: 0,
    maximum: 1,
    description: 'completed enrolments ÷ all enrolments (dropped included); 0 without any',
  }),
  averageProgressPercent: Nullable(
    Type.Number({
      minimum: 0,
      maximum: 100,
      description: 'mean progress of active and completed enrolments; null without any',
    }),
  ),
  timeline: Type.Array(
    Type.Object({
      date: Type.String({ format: 'date' }),
      enrolments: Count,
      completions: Count,
      drops: Count,
    }),
  ),
  quizzes: Type.Array(
    Type.Object({
      quizId: Uuid,
      title: Type.String(),
      attempts: Count,
      meanPercent: Nullable(Type.Number()),
      distribution: Type.Array(
        Type.Object({
          from: Type.Integer(),
          to: Type.Integer(),
          count: Count,
        }),
        { description: 'ten buckets of score percent: [0,10), [10,20) … [90,100]' },
      ),
    }),
  ),
  lessons: Type.Array(
    Type.Object({
      lessonId: Uuid,
      sectionId: Uuid,
      title: Type.String(),
      started: Count,
      completed: Count,
    }),
    { description: 'every lesson in course order, with how many enrolled learners got how far' },
  ),
});
export type CourseAnalytics = Static<typeof AnalyticsSchema>;
