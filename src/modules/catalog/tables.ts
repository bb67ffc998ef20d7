import { type SQL, sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  check,
  customType,
  index,
  integer,
  pgTable,
  primaryKey,
  real,
  smallint,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from '#platform/auth/tables.js';
import {
  authorship,
  idColumn,
  softDelete,
  timestampColumn,
  timestamps,
  versionColumn,
} from '#platform/db/columns.js';
import { storedFiles } from '#platform/storage/tables.js';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/** `<column> IN ('a', 'b', …)`: a check constraint over one of the const arrays below. */
const isOneOf = (column: SQL | AnyPgColumn, values: readonly string[]) =>
  sql`${column} IN (${sql.raw(values.map((value) => `'${value}'`).join(', '))})`;

export const COURSE_STATUSES = ['draft', 'published', 'archived'] as const;
export const COURSE_LEVELS = ['beginner', 'intermediate', 'advanced', 'all'] as const;
export const LESSON_KINDS = ['video', 'text', 'quiz', 'file'] as const;
export const ENROLMENT_STATUSES = ['active', 'completed', 'dropped'] as const;
export const INSTRUCTOR_ROLES = ['owner', 'co_instructor'] as const;
export const QUESTION_KINDS = ['single', 'multiple'] as const;

export const categories = pgTable('categories', {
  id: idColumn(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  description: text('description'),
  position: integer('position').notNull().default(0),
  ...timestamps(),
});

export const courses = pgTable(
  'courses',
  {
    id: idColumn(),
    slug: text('slug').notNull().unique(),
    title: text('title').notNull(),
    summary: text('summary'),
    /** Markdown. */
    description: text('description'),
    categoryId: uuid('category_id').references(() => categories.id, { onDelete: 'set null' }),
    level: text('level').notNull().default('all'),
    /** BCP 47 language tag, e.g. `en` or `pt-BR`. */
    language: text('language').notNull().default('en'),
    coverFileId: uuid('cover_file_id').references(() => storedFiles.id, { onDelete: 'set null' }),
    status: text('status').notNull().default('draft'),
    publishedAt: timestampColumn('published_at'),
    /** Title weighs most, then the summary, then the description (full-text search `q`). */
    searchVector: tsvector('search_vector').generatedAlwaysAs(
      (): SQL =>
        sql`setweight(to_tsvector('english', coalesce(${courses.title}, '')), 'A') || setweight(to_tsvector('english', coalesce(${courses.summary}, '')), 'B') || setweight(to_tsvector('english', coalesce(${courses.description}, '')), 'C')`,
    ),
    ...versionColumn(),
    ...softDelete(),
    ...timestamps(),
    ...authorship(),
  },
  (t) => [
    index('courses_status_idx').on(t.status, t.publishedAt),
    index('courses_category_idx').on(t.categoryId),
    index('courses_deleted_idx').on(t.deletedAt),
    index('courses_search_idx').using('gin', t.searchVector),
    check('courses_status_valid', isOneOf(t.status, COURSE_STATUSES)),
    check('courses_level_valid', isOneOf(t.level, COURSE_LEVELS)),
  ],
);

export const courseTags = pgTable(
  'course_tags',
  {
    courseId: uuid('course_id')
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    tag: text('tag').notNull(),
  },
  (t) => [primaryKey({ columns: [t.courseId, t.tag] }), index('course_tags_tag_idx').on(t.tag)],
);

export const courseInstructors = pgTable(
  'course_instructors',
  {
    courseId: uuid('course_id')
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** owner | co_instructor */
    role: text('role').notNull(),
    createdAt: timestampColumn('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.courseId, t.userId] }),
    index('course_instructors_user_idx').on(t.userId),
    check('course_instructors_role_valid', isOneOf(t.role, INSTRUCTOR_ROLES)),
  ],
);

export const courseSections = pgTable(
  'course_sections',
  {
    id: idColumn(),
    courseId: uuid('course_id')
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    /** 0-based order within the course, kept dense by every insert, move and delete. */
    position: integer('position').notNull(),
    ...timestamps(),
  },
  (t) => [index('course_sections_course_idx').on(t.courseId, t.position)],
);

export const lessons = pgTable(
  'lessons',
  {
    id: idColumn(),
    courseId: uuid('course_id')
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    sectionId: uuid('section_id')
      .notNull()
      .references(() => courseSections.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    /** video | text | quiz | file */
    kind: text('kind').notNull(),
    /** 0-based order within the section. */
    position: integer('position').notNull(),
    durationSeconds: integer('duration_seconds'),
    /** An external video (e.g. a streaming URL), or … */
    videoUrl: text('video_url'),
    /** … an uploaded one (video lessons), or the lesson's file (file lessons). */
    fileId: uuid('file_id').references(() => storedFiles.id, { onDelete: 'set null' }),
    /** Markdown body of text lessons; notes for the others. */
    body: text('body'),
    /** Captions (WebVTT) or a transcript of the video. */
    transcript: text('transcript'),
    freePreview: boolean('free_preview').notNull().default(false),
    ...timestamps(),
    ...authorship(),
  },
  (t) => [
    index('lessons_section_idx').on(t.sectionId, t.position),
    index('lessons_course_idx').on(t.courseId),
    check('lessons_kind_valid', isOneOf(t.kind, LESSON_KINDS)),
  ],
);

export const enrolments = pgTable(
  'enrolments',
  {
    id: idColumn(),
    courseId: uuid('course_id')
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** active | completed | dropped */
    status: text('status').notNull().default('active'),
    enrolledAt: timestampColumn('enrolled_at').notNull().defaultNow(),
    completedAt: timestampColumn('completed_at'),
    droppedAt: timestampColumn('dropped_at'),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('enrolments_course_user_uq').on(t.courseId, t.userId),
    index('enrolments_user_idx').on(t.userId, t.id),
    check('enrolments_status_valid', isOneOf(t.status, ENROLMENT_STATUSES)),
  ],
);

export const lessonProgress = pgTable(
  'lesson_progress',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    lessonId: uuid('lesson_id')
      .notNull()
      .references(() => lessons.id, { onDelete: 'cascade' }),
    courseId: uuid('course_id')
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    positionSeconds: integer('position_seconds').notNull().default(0),
    /** 0–100; never goes down. */
    percent: smallint('percent').notNull().default(0),
    completedAt: timestampColumn('completed_at'),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.lessonId] }),
    index('lesson_progress_course_idx').on(t.courseId, t.userId),
    index('lesson_progress_lesson_idx').on(t.lessonId),
    check('lesson_progress_percent_range', sql`${t.percent} BETWEEN 0 AND 100`),
  ],
);

export const quizzes = pgTable(
  'quizzes',
  {
    id: idColumn(),
    courseId: uuid('course_id')
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    /** The quiz lesson that presents it, if any. */
    lessonId: uuid('lesson_id').references(() => lessons.id, { onDelete: 'set null' }),
    title: text('title').notNull(),
    /** Score (percent) needed to pass. */
    passPercent: smallint('pass_percent').notNull().default(60),
    ...versionColumn(),
    ...timestamps(),
    ...authorship(),
  },
  (t) => [index('quizzes_course_idx').on(t.courseId), index('quizzes_lesson_idx').on(t.lessonId)],
);

export const quizQuestions = pgTable(
  'quiz_questions',
  {
    id: idColumn(),
    quizId: uuid('quiz_id')
      .notNull()
      .references(() => quizzes.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    prompt: text('prompt').notNull(),
    /** single | multiple */
    kind: text('kind').notNull(),
    points: smallint('points').notNull().default(1),
    explanation: text('explanation'),
  },
  (t) => [
    index('quiz_questions_quiz_idx').on(t.quizId, t.position),
    check('quiz_questions_kind_valid', isOneOf(t.kind, QUESTION_KINDS)),
  ],
);

export const quizOptions = pgTable(
  'quiz_options',
  {
    id: idColumn(),
    questionId: uuid('question_id')
      .notNull()
      .references(() => quizQuestions.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    text: text('text').notNull(),
    correct: boolean('correct').notNull().default(false),
  },
  (t) => [index('quiz_options_question_idx').on(t.questionId, t.position)],
);

export const quizAttempts = pgTable(
  'quiz_attempts',
  {
    id: idColumn(),
    quizId: uuid('quiz_id')
      .notNull()
      .references(() => quizzes.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    points: real('points').notNull(),
    maxPoints: real('max_points').notNull(),
    /** 0–100. */
    scorePercent: real('score_percent').notNull(),
    passed: boolean('passed').notNull(),
    submittedAt: timestampColumn('submitted_at').notNull().defaultNow(),
  },
  (t) => [index('quiz_attempts_quiz_user_idx').on(t.quizId, t.userId)],
);

/** The options a learner chose, one row per chosen option. */
export const quizAttemptAnswers = pgTable(
  'quiz_attempt_answers',
  {
    attemptId: uuid('attempt_id')
      .notNull()
      .references(() => quizAttempts.id, { onDelete: 'cascade' }),
    questionId: uuid('question_id')
      .notNull()
      .references(() => quizQuestions.id, { onDelete: 'cascade' }),
    optionId: uuid('option_id')
      .notNull()
      .references(() => quizOptions.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.attemptId, t.optionId] })],
);

export const courseReviews = pgTable(
  'course_reviews',
  {
    id: idColumn(),
    courseId: uuid('course_id')
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    rating: smallint('rating').notNull(),
    body: text('body'),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('course_reviews_course_user_uq').on(t.courseId, t.userId),
    check('course_reviews_rating_range', sql`${t.rating} BETWEEN 1 AND 5`),
  ],
);

export type CourseRow = typeof courses.$inferSelect;
export type CategoryRow = typeof categories.$inferSelect;
export type SectionRow = typeof courseSections.$inferSelect;
export type LessonRow = typeof lessons.$inferSelect;
export type EnrolmentRow = typeof enrolments.$inferSelect;
export type LessonProgressRow = typeof lessonProgress.$inferSelect;
export type QuizRow = typeof quizzes.$inferSelect;
export type QuizQuestionRow = typeof quizQuestions.$inferSelect;
export type QuizOptionRow = typeof quizOptions.$inferSelect;
export type QuizAttemptRow = typeof quizAttempts.$inferSelect;
export type ReviewRow = typeof courseReviews.$inferSelect;
