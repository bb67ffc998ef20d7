import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
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
import { authorship, idColumn, timestampColumn, timestamps } from '#platform/db/columns.js';

export const TERM_KINDS = ['weekly', 'dated'] as const;
export const SCHEDULE_ORIGINS = ['solve', 'manual', 'import', 'resolve', 'duplicate'] as const;
export const SOLVE_STATUSES = ['queued', 'running', 'completed', 'cancelled', 'failed'] as const;
export const FEED_KINDS = ['room', 'instructor', 'curriculum', 'learner'] as const;

/** A teaching term: a weekly grid (`days` × periods) or dated (start..end on `weekdays`). */
export const ttTerms = pgTable(
  'tt_terms',
  {
    id: idColumn(),
    name: text('name').notNull(),
    kind: text('kind').notNull().default('weekly'),
    timeZone: text('time_zone').notNull().default('UTC'),
    startDate: date('start_date'),
    endDate: date('end_date'),
    /** Weekly grids: the number of teaching days. Dated terms: unused (see `tt_term_weekdays`). */
    days: smallint('days').notNull().default(5),
    eveningFrom: text('evening_from'),
    /** The file format the term came from (`ctt`, `json`), so exports can speak it back. */
    sourceFormat: text('source_format'),
    ...timestamps(),
    ...authorship(),
  },
  (t) => [
    check('tt_terms_kind_check', sql`${t.kind} IN ('weekly', 'dated')`),
    check(
      'tt_terms_dated_check',
      sql`${t.kind} = 'weekly' OR (${t.startDate} IS NOT NULL AND ${t.endDate} IS NOT NULL AND ${t.startDate} <= ${t.endDate})`,
    ),
    check('tt_terms_days_check', sql`${t.days} BETWEEN 1 AND 7`),
  ],
);

/** Teaching weekdays of a dated term (ISO 1 = Monday … 7 = Sunday). */
export const ttTermWeekdays = pgTable(
  'tt_term_weekdays',
  {
    termId: uuid('term_id')
      .notNull()
      .references(() => ttTerms.id, { onDelete: 'cascade' }),
    weekday: smallint('weekday').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.termId, t.weekday] }),
    check('tt_term_weekdays_check', sql`${t.weekday} BETWEEN 1 AND 7`),
  ],
);

/** The daily periods of a term, in order, with optional clock times ("08:30"). */
export const ttPeriods = pgTable(
  'tt_periods',
  {
    termId: uuid('term_id')
      .notNull()
      .references(() => ttTerms.id, { onDelete: 'cascade' }),
    position: smallint('position').notNull(),
    startsAt: text('starts_at'),
    endsAt: text('ends_at'),
  },
  (t) => [primaryKey({ columns: [t.termId, t.position] })],
);

/** A holiday (whole day, `period` null) or one blacked-out period of a dated term. */
export const ttBlackouts = pgTable(
  'tt_blackouts',
  {
    id: idColumn(),
    termId: uuid('term_id')
      .notNull()
      .references(() => ttTerms.id, { onDelete: 'cascade' }),
    date: date('date').notNull(),
    period: smallint('period'),
    reason: text('reason'),
  },
  (t) => [index('tt_blackouts_term_idx').on(t.termId, t.date)],
);

export const ttRooms = pgTable(
  'tt_rooms',
  {
    id: idColumn(),
    termId: uuid('term_id')
      .notNull()
      .references(() => ttTerms.id, { onDelete: 'cascade' }),
    /** The id in the term's own files (e.g. the `.ctt` room id); unique in the term. */
    code: text('code').notNull(),
    name: text('name'),
    capacity: integer('capacity').notNull(),
    building: text('building'),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('tt_rooms_code_idx').on(t.termId, t.code),
    check('tt_rooms_capacity_check', sql`${t.capacity} >= 0`),
  ],
);

export const ttRoomFeatures = pgTable(
  'tt_room_features',
  {
    roomId: uuid('room_id')
      .notNull()
      .references(() => ttRooms.id, { onDelete: 'cascade' }),
    feature: text('feature').notNull(),
  },
  (t) => [primaryKey({ columns: [t.roomId, t.feature] })],
);

export const ttInstructors = pgTable(
  'tt_instructors',
  {
    id: idColumn(),
    termId: uuid('term_id')
      .notNull()
      .references(() => ttTerms.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    name: text('name'),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    /** Most meetings per week they teach; null for no limit. */
    maxLoad: integer('max_load'),
    ...timestamps(),
  },
  (t) => [uniqueIndex('tt_instructors_code_idx').on(t.termId, t.code)],
);

export const ttCourses = pgTable(
  'tt_courses',
  {
    id: idColumn(),
    termId: uuid('term_id')
      .notNull()
      .references(() => ttTerms.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    name: text('name'),
    meetings: integer('meetings').notNull(),
    duration: smallint('duration').notNull().default(1),
    students: integer('students').notNull().default(0),
    minDays: integer('min_days').notNull().default(1),
    maxPerDay: integer('max_per_day'),
    minGapDays: integer('min_gap_days'),
    windowFrom: date('window_from'),
    windowTo: date('window_to'),
    /** Optionally the catalog course it teaches (a plain id: modules share no foreign keys). */
    catalogCourseId: uuid('catalog_course_id'),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('tt_courses_code_idx').on(t.termId, t.code),
    check('tt_courses_meetings_check', sql`${t.meetings} >= 1`),
    check('tt_courses_students_check', sql`${t.students} >= 0`),
  ],
);

export const ttCourseInstructors = pgTable(
  'tt_course_instructors',
  {
    courseId: uuid('course_id')
      .notNull()
      .references(() => ttCourses.id, { onDelete: 'cascade' }),
    instructorId: uuid('instructor_id')
      .notNull()
      .references(() => ttInstructors.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.courseId, t.instructorId] })],
);

export const ttCourseFeatures = pgTable(
  'tt_course_features',
  {
    courseId: uuid('course_id')
      .notNull()
      .references(() => ttCourses.id, { onDelete: 'cascade' }),
    feature: text('feature').notNull(),
  },
  (t) => [primaryKey({ columns: [t.courseId, t.feature] })],
);

export const ttCurricula = pgTable(
  'tt_curricula',
  {
    id: idColumn(),
    termId: uuid('term_id')
      .notNull()
      .references(() => ttTerms.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    name: text('name'),
    ...timestamps(),
  },
  (t) => [uniqueIndex('tt_curricula_code_idx').on(t.termId, t.code)],
);

export const ttCurriculumCourses = pgTable(
  'tt_curriculum_courses',
  {
    curriculumId: uuid('curriculum_id')
      .notNull()
      .references(() => ttCurricula.id, { onDelete: 'cascade' }),
    courseId: uuid('course_id')
      .notNull()
      .references(() => ttCourses.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.curriculumId, t.courseId] })],
);

/**
 * A slot a course, room or instructor cannot have (`preferred` false) or, for instructors,
 * prefers. Weekly grids name `day`; dated terms name `date`; a null period is the whole day.
 */
export const ttSlotRules = pgTable(
  'tt_slot_rules',
  {
    id: idColumn(),
    termId: uuid('term_id')
      .notNull()
      .references(() => ttTerms.id, { onDelete: 'cascade' }),
    courseId: uuid('course_id').references(() => ttCourses.id, { onDelete: 'cascade' }),
    roomId: uuid('room_id').references(() => ttRooms.id, { onDelete: 'cascade' }),
    instructorId: uuid('instructor_id').references(() => ttInstructors.id, {
      onDelete: 'cascade',
    }),
    preferred: boolean('preferred').notNull().default(false),
    day: smallint('day'),
    date: date('date'),
    period: smallint('period'),
  },
  (t) => [
    index('tt_slot_rules_term_idx').on(t.termId),
    check(
      'tt_slot_rules_subject_check',
      sql`num_nonnulls(${t.courseId}, ${t.roomId}, ${t.instructorId}) = 1`,
    ),
    check('tt_slot_rules_when_check', sql`num_nonnulls(${t.day}, ${t.date}) = 1`),
  ],
);

/** A course's meeting fixed to a slot and/or room. */
export const ttPins = pgTable(
  'tt_pins',
  {
    courseId: uuid('course_id')
      .notNull()
      .references(() => ttCourses.id, { onDelete: 'cascade' }),
    meeting: integer('meeting').notNull(),
    day: smallint('day'),
    date: date('date'),
    period: smallint('period'),
    roomId: uuid('room_id').references(() => ttRooms.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.courseId, t.meeting] })],
);

/** A soft constraint's weight in a term (absent: the registry's default). */
export const ttConstraintWeights = pgTable(
  'tt_constraint_weights',
  {
    termId: uuid('term_id')
      .notNull()
      .references(() => ttTerms.id, { onDelete: 'cascade' }),
    constraintId: text('constraint_id').notNull(),
    weight: real('weight').notNull(),
  },
  (t) => [primaryKey({ columns: [t.termId, t.constraintId] })],
);

export const ttSolves = pgTable(
  'tt_solves',
  {
    id: idColumn(),
    termId: uuid('term_id')
      .notNull()
      .references(() => ttTerms.id, { onDelete: 'cascade' }),
    jobId: uuid('job_id'),
    solver: text('solver').notNull(),
    timeLimitSeconds: real('time_limit_seconds').notNull(),
    seed: integer('seed').notNull(),
    threads: integer('threads'),
    fromScheduleId: uuid('from_schedule_id'),
    status: text('status').notNull().default('queued'),
    percent: real('percent').notNull().default(0),
    bestHard: integer('best_hard'),
    bestSoft: integer('best_soft'),
    iterations: integer('iterations').notNull().default(0),
    scheduleId: uuid('schedule_id'),
    error: text('error'),
    startedAt: timestampColumn('started_at'),
    finishedAt: timestampColumn('finished_at'),
    ...timestamps(),
    ...authorship(),
  },
  (t) => [
    index('tt_solves_term_idx').on(t.termId, t.status),
    check(
      'tt_solves_status_check',
      sql`${t.status} IN ('queued', 'running', 'completed', 'cancelled', 'failed')`,
    ),
  ],
);

/** A version of a term's timetable, with its evaluation; at most one published per term. */
export const ttSchedules = pgTable(
  'tt_schedules',
  {
    id: idColumn(),
    termId: uuid('term_id')
      .notNull()
      .references(() => ttTerms.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    origin: text('origin').notNull(),
    solveId: uuid('solve_id').references(() => ttSolves.id, { onDelete: 'set null' }),
    hard: integer('hard').notNull(),
    soft: integer('soft').notNull(),
    published: boolean('published').notNull().default(false),
    publishedAt: timestampColumn('published_at'),
    ...timestamps(),
    ...authorship(),
  },
  (t) => [
    index('tt_schedules_term_idx').on(t.termId),
    uniqueIndex('tt_schedules_one_published_idx').on(t.termId).where(sql`${t.published}`),
    check(
      'tt_schedules_origin_check',
      sql`${t.origin} IN ('solve', 'manual', 'import', 'resolve', 'duplicate')`,
    ),
  ],
);

/** The per-constraint cost of a schedule (its evaluation's breakdown). */
export const ttScheduleCosts = pgTable(
  'tt_schedule_costs',
  {
    scheduleId: uuid('schedule_id')
      .notNull()
      .references(() => ttSchedules.id, { onDelete: 'cascade' }),
    constraintId: text('constraint_id').notNull(),
    hard: boolean('hard').notNull(),
    cost: integer('cost').notNull(),
    count: integer('count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.scheduleId, t.constraintId] })],
);

/** One meeting of a schedule: the course's `meeting`-th, at `slot` in `room` (null: unplaced). */
export const ttAssignments = pgTable(
  'tt_assignments',
  {
    id: idColumn(),
    scheduleId: uuid('schedule_id')
      .notNull()
      .references(() => ttSchedules.id, { onDelete: 'cascade' }),
    courseId: uuid('course_id')
      .notNull()
      .references(() => ttCourses.id, { onDelete: 'cascade' }),
    meeting: integer('meeting').notNull(),
    slot: integer('slot'),
    roomId: uuid('room_id').references(() => ttRooms.id, { onDelete: 'set null' }),
  },
  (t) => [uniqueIndex('tt_assignments_meeting_idx').on(t.scheduleId, t.courseId, t.meeting)],
);

export const ttImports = pgTable(
  'tt_imports',
  {
    id: idColumn(),
    termId: uuid('term_id')
      .notNull()
      .references(() => ttTerms.id, { onDelete: 'cascade' }),
    format: text('format').notNull(),
    fileName: text('file_name').notNull(),
    rooms: integer('rooms').notNull(),
    instructors: integer('instructors').notNull(),
    courses: integer('courses').notNull(),
    curricula: integer('curricula').notNull(),
    createdAt: timestampColumn('created_at').notNull().defaultNow(),
    createdBy: uuid('created_by'),
  },
  (t) => [index('tt_imports_term_idx').on(t.termId, t.createdAt)],
);

/** A calendar feed: the sha-256 of its token opens `/calendars/:token.ics` until revoked. */
export const ttFeeds = pgTable(
  'tt_feeds',
  {
    id: idColumn(),
    termId: uuid('term_id')
      .notNull()
      .references(() => ttTerms.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    subjectId: uuid('subject_id').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    revokedAt: timestampColumn('revoked_at'),
    createdAt: timestampColumn('created_at').notNull().defaultNow(),
    createdBy: uuid('created_by'),
  },
  (t) => [
    check('tt_feeds_kind_check', sql`${t.kind} IN ('room', 'instructor', 'curriculum', 'learner')`),
  ],
);

export type TermRow = typeof ttTerms.$inferSelect;
export type RoomRow = typeof ttRooms.$inferSelect;
export type InstructorRow = typeof ttInstructors.$inferSelect;
export type CourseRow = typeof ttCourses.$inferSelect;
export type CurriculumRow = typeof ttCurricula.$inferSelect;
export type SolveRow = typeof ttSolves.$inferSelect;
export type ScheduleRow = typeof ttSchedules.$inferSelect;
