import type { GdprHooks } from '#platform/gdpr/hooks.js';
import { COURSE_LISTS_TAG, courseTag } from './cache-tags.js';
import * as repo from './gdpr-repository.js';

const iso = (date: Date | null) => date?.toISOString() ?? null;

/**
 * What the catalog holds about a person. Export: enrolments, lesson progress, quiz attempts with
 * the options chosen, reviews, instructorships and the courses they authored. Erase: attempts,
 * answers, progress and enrolments are deleted; reviews keep their rating (so every course's
 * rating count and average stay what learners saw) but lose their text; instructorships are
 * deleted; courses, lessons and quizzes stay (school content) with their `created_by` and
 * `updated_by` cleared where they named the person.
 */
export const catalogGdpr: GdprHooks = {
  async export(userId, tx) {
    // One after the other: the transaction is one connection either way.
    const enrolments = await repo.enrolmentsOf(tx, userId);
    const progress = await repo.progressOf(tx, userId);
    const attempts = await repo.attemptsOf(tx, userId);
    const answers = await repo.answersOf(tx, userId);
    const reviews = await repo.reviewsOf(tx, userId);
    const instructorships = await repo.instructorshipsOf(tx, userId);
    const authored = await repo.coursesAuthoredBy(tx, userId);
    return {
      enrolments: enrolments.map((e) => ({
        ...e,
        enrolledAt: e.enrolledAt.toISOString(),
        completedAt: iso(e.completedAt),
        droppedAt: iso(e.droppedAt),
      })),
      progress: progress.map((p) => ({
        ...p,
        completedAt: iso(p.completedAt),
        createdAt: p.createdAt.toISOString(),
        updatedAt: p.updatedAt.toISOString(),
      })),
      attempts: attempts.map((a) => ({
        ...a,
        submittedAt: a.submittedAt.toISOString(),
        answers: answers
          .filter((answer) => answer.attemptId === a.id)
          .map(({ questionId, optionId }) => ({ questionId, optionId })),
      })),
      reviews: reviews.map((r) => ({
        ...r,
        createdAt: r.createdAt.toISOString(),
        updatedAt: r.updatedAt.toISOString(),
      })),
      instructorships: instructorships.map((i) => ({ ...i, createdAt: i.createdAt.toISOString() })),
      authoredCourses: authored.map((c) => ({ ...c, createdAt: c.createdAt.toISOString() })),
    };
  },

  async erase(userId, tx) {
    const shown = await repo.coursesShowing(tx, userId);
    await repo.deleteLearningOf(tx, userId);
    await repo.anonymiseReviewsOf(tx, userId);
    await repo.deleteInstructorshipsOf(tx, userId);
    await repo.detachAuthorship(tx, userId);
    // Their details showed the review text, the instructor's name or the enrolment counts.
    await repo.bumpCourseVersions(tx, shown);
    return { invalidateTags: [COURSE_LISTS_TAG, ...shown.map(courseTag)] };
  },
};
