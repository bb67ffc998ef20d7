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

/** The tables the demo catalog writes, in an order that satisfies the foreign keys. */
export const demoTables = {
  categories,
  courses,
  courseTags,
  courseInstructors,
  courseSections,
  lessons,
  quizzes,
  quizQuestions,
  quizOptions,
  enrolments,
  lessonProgress,
  quizAttempts,
  quizAttemptAnswers,
  courseReviews,
};

export type DemoTableName = keyof typeof demoTables;

/** Every row the demo catalog writes, table by table. */
export type DemoCatalogRows = {
  [K in DemoTableName]: (typeof demoTables)[K]['$inferInsert'][];
};

/** The learners' side of the demo (built after the catalog, from what it planned). */
export type ActivityTableName =
  | 'enrolments'
  | 'lessonProgress'
  | 'quizAttempts'
  | 'quizAttemptAnswers'
  | 'courseReviews';
