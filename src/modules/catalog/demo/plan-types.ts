import type {
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

/** Every row the demo catalog writes, table by table, in an order that satisfies the foreign keys. */
export interface DemoCatalogRows {
  categories: (typeof categories.$inferInsert)[];
  courses: (typeof courses.$inferInsert)[];
  courseTags: (typeof courseTags.$inferInsert)[];
  courseInstructors: (typeof courseInstructors.$inferInsert)[];
  courseSections: (typeof courseSections.$inferInsert)[];
  lessons: (typeof lessons.$inferInsert)[];
  quizzes: (typeof quizzes.$inferInsert)[];
  quizQuestions: (typeof quizQuestions.$inferInsert)[];
  quizOptions: (typeof quizOptions.$inferInsert)[];
  enrolments: (typeof enrolments.$inferInsert)[];
  lessonProgress: (typeof lessonProgress.$inferInsert)[];
  quizAttempts: (typeof quizAttempts.$inferInsert)[];
  quizAttemptAnswers: (typeof quizAttemptAnswers.$inferInsert)[];
  courseReviews: (typeof courseReviews.$inferInsert)[];
}

/** What the learners' activity needs to know about a course once its rows exist. */
export interface PlannedCourse {
  id: string;
  status: 'published' | 'draft';
  publishedAt: Date | null;
  highlights: string[];
  /** In curriculum order: sections, then lessons within each. */
  lessons: PlannedLesson[];
}

export interface PlannedLesson {
  id: string;
  kind: 'video' | 'text' | 'quiz';
  durationSeconds: number | null;
  quiz: PlannedQuiz | null;
}

export interface PlannedQuiz {
  id: string;
  passPercent: number;
  questions: Array<{
    id: string;
    points: number;
    options: Array<{ id: string; correct: boolean }>;
  }>;
}

/** Where ids come from: UUIDv7 in the seed, a counter in tests that compare two plans. */
export type IdSource = () => string;

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
