import type { PgInsertValue, PgTable } from 'drizzle-orm/pg-core';
import type { Executor } from '../../../platform/db/index.js';
import {
  categories,
  courseInstructors,
  courseReviews,
  courseSections,
  courses,
  courseTags,
  enrolments,
  lessonProgress,
  lessons,
  quizAttemptAnswers,
  quizAttempts,
  quizOptions,
  quizQuestions,
  quizzes,
} from '../tables.js';
import type { DemoCatalogRows } from './plan-types.js';

/** PostgreSQL takes at most 65 535 parameters per statement; no demo table has 20 columns. */
const ROWS_PER_STATEMENT = 2000;

/** Writes the rows table by table, parents first, a few multi-row statements per table. */
export async function insertDemoRows(tx: Executor, rows: DemoCatalogRows): Promise<void> {
  await insertAll(tx, categories, rows.categories);
  await insertAll(tx, courses, rows.courses);
  await insertAll(tx, courseTags, rows.courseTags);
  await insertAll(tx, courseInstructors, rows.courseInstructors);
  await insertAll(tx, courseSections, rows.courseSections);
  await insertAll(tx, lessons, rows.lessons);
  await insertAll(tx, quizzes, rows.quizzes);
  await insertAll(tx, quizQuestions, rows.quizQuestions);
  await insertAll(tx, quizOptions, rows.quizOptions);
  await insertAll(tx, enrolments, rows.enrolments);
  await insertAll(tx, lessonProgress, rows.lessonProgress);
  await insertAll(tx, quizAttempts, rows.quizAttempts);
  await insertAll(tx, quizAttemptAnswers, rows.quizAttemptAnswers);
  await insertAll(tx, courseReviews, rows.courseReviews);
}

async function insertAll<T extends PgTable>(tx: Executor, table: T, rows: PgInsertValue<T>[]) {
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT)
    await tx.insert(table).values(rows.slice(i, i + ROWS_PER_STATEMENT));
}
