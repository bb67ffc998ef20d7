import { type TSchema, Type } from 'typebox';
import { LimitQuerySchema } from '#platform/http/pagination.js';
import { COURSE_LEVELS, COURSE_STATUSES, INSTRUCTOR_ROLES, LESSON_KINDS } from '../tables.js';
import { COURSE_SORTS } from './list-query.js';
import { MAX_TAGS, SLUG_PATTERN } from './slug.js';

const Uuid = Type.String({ format: 'uuid' });
const DateTime = Type.String({ format: 'date-time' });
const nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const LevelSchema = Type.Enum(COURSE_LEVELS, { examples: ['beginner'] });
export const StatusSchema = Type.Enum(COURSE_STATUSES);
export const SlugSchema = Type.String({
  pattern: SLUG_PATTERN,
  minLength: 1,
  maxLength: 100,
  examples: ['intro-to-optics'],
});
/** A BCP 47 language tag such as `en` or `pt-BR`. */
export const LanguageSchema = Type.String({
  pattern: '^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$',
  maxLength: 35,
  examples: ['en'],
});
const TagSchema = Type.String({ minLength: 1, maxLength: 40, examples: ['physics'] });
const TagsSchema = Type.Array(TagSchema, {
  maxItems: 100,
  description: `lower-cased and deduplicated; at most ${MAX_TAGS} distinct tags`,
  examples: [['physics', 'optics']],
});

export const IncludeSchema = Type.String({
  pattern: '^(sections|lessons|instructors)(,(sections|lessons|instructors))*$',
  description:
    'comma-separated: `sections` (the outline), `lessons` (the outline with its lessons), `instructors`',
  examples: ['sections,lessons,instructors'],
});

export const LessonOutlineSchema = Type.Object({
  id: Uuid,
  title: Type.String(),
  kind: Type.Enum(LESSON_KINDS),
  position: Type.Integer({ minimum: 0 }),
  durationSeconds: nullable(Type.Integer({ minimum: 0 })),
  freePreview: Type.Boolean(),
});

export const SectionOutlineSchema = Type.Object({
  id: Uuid,
  title: Type.String(),
  position: Type.Integer({ minimum: 0 }),
  lessons: Type.Optional(Type.Array(LessonOutlineSchema)),
});

export const InstructorSchema = Type.Object(
  { userId: Uuid, name: Type.String(), role: Type.Enum(INSTRUCTOR_ROLES) },
  { title: 'CourseInstructor' },
);

export const CourseSchema = Type.Object(
  {
    id: Uuid,
    slug: Type.String(),
    title: Type.String(),
    summary: nullable(Type.String()),
    description: nullable(Type.String({ description: 'Markdown' })),
    category: nullable(Type.Object({ id: Uuid, slug: Type.String(), name: Type.String() })),
    level: LevelSchema,
    language: Type.String(),
    tags: Type.Array(Type.String()),
    status: StatusSchema,
    publishedAt: nullable(DateTime),
    version: Type.Integer({ minimum: 1 }),
    coverFileId: nullable(Uuid),
    createdAt: DateTime,
    updatedAt: DateTime,
    rating: Type.Object({
      average: nullable(Type.Number({ minimum: 1, maximum: 5 })),
      count: Type.Integer({ minimum: 0 }),
    }),
    lessonCount: Type.Integer({ minimum: 0 }),
    totalDurationSeconds: Type.Integer({ minimum: 0 }),
    sections: Type.Optional(Type.Array(SectionOutlineSchema)),
    instructors: Type.Optional(Type.Array(InstructorSchema)),
  },
  { title: 'Course' },
);

export const CourseIdParams = Type.Object({ id: Uuid });
export const CourseRefParams = Type.Object({
  idOrSlug: Type.String({ minLength: 1, maxLength: 200, description: "the course's id or slug" }),
});

export const ListCoursesQuery = Type.Object(
  {
    ...LimitQuerySchema.properties,
    q: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 200,
        description: 'full-text search (web search syntax: "quoted phrases", -excluded, or)',
      }),
    ),
    category: Type.Optional(SlugSchema),
    level: Type.Optional(LevelSchema),
    tag: Type.Optional(TagSchema),
    instructorId: Type.Optional(Uuid),
    language: Type.Optional(LanguageSchema),
    sort: Type.Optional(
      Type.Enum(COURSE_SORTS, {
        description:
          '`relevance` (the default with q; needs q), `newest` (otherwise), `title`, `rating`',
      }),
    ),
    status: Type.Optional(
      Type.Enum([...COURSE_STATUSES, 'all'], {
        description: 'other than `published`: needs courses:manage_any (or mine=true)',
      }),
    ),
    mine: Type.Optional(
      Type.Boolean({ description: 'only courses you teach, in any status (instructors)' }),
    ),
    include: Type.Optional(IncludeSchema),
  },
  { additionalProperties: false },
);

export const IncludeQuery = Type.Object(
  { include: Type.Optional(IncludeSchema) },
  { additionalProperties: false },
);

export const CreateCourseBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 200, examples: ['Introduction to optics'] }),
    slug: Type.Optional(SlugSchema),
    summary: Type.Optional(Type.String({ maxLength: 1000 })),
    description: Type.Optional(Type.String({ maxLength: 100_000, description: 'Markdown' })),
    categoryId: Type.Optional(Uuid),
    categorySlug: Type.Optional(SlugSchema),
    level: Type.Optional(LevelSchema),
    language: Type.Optional(LanguageSchema),
    tags: Type.Optional(TagsSchema),
  },
  { additionalProperties: false },
);

export const UpdateCourseBody = Type.Object(
  {
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    slug: Type.Optional(SlugSchema),
    summary: Type.Optional(nullable(Type.String({ maxLength: 1000 }))),
    description: Type.Optional(nullable(Type.String({ maxLength: 100_000 }))),
    categoryId: Type.Optional(nullable(Uuid)),
    categorySlug: Type.Optional(nullable(SlugSchema)),
    level: Type.Optional(LevelSchema),
    language: Type.Optional(LanguageSchema),
    tags: Type.Optional(TagsSchema),
    coverFileId: Type.Optional(nullable(Uuid)),
  },
  { additionalProperties: false, minProperties: 1 },
);
