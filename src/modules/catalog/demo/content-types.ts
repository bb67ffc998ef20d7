import type { COURSE_LEVELS } from '../tables.js';
import type { DemoVideoKey } from './videos.js';

/** The demo catalog as plain data: what a course looks like before it has ids and dates. */
export interface DemoCategorySpec {
  slug: string;
  name: string;
  description: string;
}

export interface DemoOptionSpec {
  text: string;
  correct?: true;
}

export interface DemoQuestionSpec {
  prompt: string;
  kind: 'single' | 'multiple';
  points?: number;
  explanation: string;
  options: DemoOptionSpec[];
}

export interface DemoQuizSpec {
  title: string;
  passPercent: number;
  questions: DemoQuestionSpec[];
}

export type DemoLessonSpec =
  | { kind: 'video'; title: string; video: DemoVideoKey | null; notes?: string }
  | { kind: 'text'; title: string; body: string }
  | { kind: 'quiz'; title: string; quiz: DemoQuizSpec };

export interface DemoSectionSpec {
  title: string;
  lessons: DemoLessonSpec[];
}

export interface DemoCourseSpec {
  slug: string;
  title: string;
  summary: string;
  /** Markdown. */
  description: string;
  category: string;
  level: (typeof COURSE_LEVELS)[number];
  language: string;
  tags: string[];
  /** Index into the demo instructors. */
  owner: number;
  coInstructor?: number;
  status: 'published' | 'draft';
  /** What learners mention in their reviews. */
  highlights: string[];
  sections: DemoSectionSpec[];
}
