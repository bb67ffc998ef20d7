import type { Transform } from 'node:stream';
import { writeAudit } from '#platform/audit/index.js';
import type { Principal } from '#platform/auth/index.js';
import type { Database } from '#platform/db/index.js';
import { requireAccess } from '../access.js';
import * as analytics from './analytics-repository.js';
import { enrolmentsCsv } from './enrolments-csv.js';
import type { CourseAnalytics } from './schemas.js';

export interface AnalyticsServiceDeps {
  db: Database;
}

const ratio = (part: number, whole: number) =>
  whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : 0;

/** What the instructors of a course (and staff) learn about its learners. */
export function createAnalyticsService({ db }: AnalyticsServiceDeps) {
  return {
    async courseAnalytics(auth: Principal | null, idOrSlug: string, days: number) {
      const course = await requireAccess(auth, 'course:manage', { tx: db, course: idOrSlug });
      const [totals, timeline, quizzes, lessons] = await Promise.all([
        analytics.enrolmentTotals(db, course.id),
        analytics.enrolmentTimeline(db, course.id, days),
        analytics.quizStats(db, course.id),
        analytics.lessonFunnel(db, course.id),
      ]);
      const result: CourseAnalytics = {
        courseId: course.id,
        days,
        from: timeline[0]!.date,
        to: timeline.at(-1)!.date,
        enrolments: {
          total: totals.total,
          active: totals.active,
          completed: totals.completed,
          dropped: totals.dropped,
        },
        completionRate: ratio(totals.completed, totals.total),
        averageProgressPercent: totals.average_progress,
        timeline,
        quizzes: quizzes.map((q) => ({
          quizId: q.quiz_id,
          title: q.title,
          attempts: q.attempts,
          meanPercent: q.mean_percent,
          distribution: q.buckets.map((count, i) => ({
            from: i * 10,
            to: i * 10 + 10,
            count: Number(count),
          })),
        })),
        lessons: lessons.map((l) => ({
          lessonId: l.lesson_id,
          sectionId: l.section_id,
          title: l.title,
          started: l.started,
          completed: l.completed,
        })),
      };
      return result;
    },

    /**
     * The course and a CSV stream of its enrolments. The export holds learners' emails, so it
     * is audited like a write.
     */
    async exportEnrolments(
      auth: Principal | null,
      idOrSlug: string,
      onStreamError: (error: unknown) => void,
    ): Promise<{ slug: string; csv: Transform }> {
      const course = await requireAccess(auth, 'course:manage', { tx: db, course: idOrSlug });
      await writeAudit(db, {
        action: 'course.enrolments_exported',
        resourceType: 'course',
        resourceId: course.id,
      });
      return { slug: course.slug, csv: enrolmentsCsv(db, course.id, onStreamError) };
    },
  };
}

export type AnalyticsService = ReturnType<typeof createAnalyticsService>;
