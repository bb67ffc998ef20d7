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
