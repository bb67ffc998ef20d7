import type { ErrorDetail } from '#platform/errors/index.js';
import type { COURSE_STATUSES } from '../tables.js';

export type CourseStatus = (typeof COURSE_STATUSES)[number];
export type WorkflowAction = 'publish' | 'unpublish' | 'archive';

/** Where each action may start from, and where it leads. */
const TRANSITIONS: Record<WorkflowAction, { from: readonly CourseStatus[]; to: CourseStatus }> = {
  publish: { from: ['draft', 'archived'], to: 'published' },
  unpublish: { from: ['published'], to: 'draft' },
  archive: { from: ['draft', 'published'], to: 'archived' },
};

/** The status an action leads to from `status`, or null when the action is not allowed there. */
export function nextStatus(status: string, action: WorkflowAction): CourseStatus | null {
  const transition = TRANSITIONS[action];
  return (transition.from as readonly string[]).includes(status) ? transition.to : null;
}

export interface PublishCandidate {
  title: string;
  summary: string | null;
  lessons: ReadonlyArray<{
    id: string;
    title: string;
    kind: string;
    videoUrl: string | null;
    fileId: string | null;
  }>;
}

/** Every reason the course cannot be published yet; empty when it can. */
export function publishBlockers(course: PublishCandidate): ErrorDetail[] {
  const reasons: ErrorDetail[] = [];
  if (!course.title.trim())
    reasons.push({ path: '/title', reason: 'MISSING_TITLE', message: 'the course has no title' });
  if (!course.summary?.trim())
    reasons.push({
      path: '/summary',
      reason: 'MISSING_SUMMARY',
      message: 'the course has no summary',
    });
  if (course.lessons.length === 0)
    reasons.push({
      path: '/sections',
      reason: 'NO_LESSONS',
      message: 'the course has no section with a lesson',
    });
  for (const lesson of course.lessons) {
    if (lesson.kind === 'video' && !lesson.videoUrl && !lesson.fileId)
      reasons.push({
        path: `/lessons/${lesson.id}`,
        reason: 'VIDEO_WITHOUT_SOURCE',
        lessonId: lesson.id,
        message: `the video lesson "${lesson.title}" has neither a video URL nor an uploaded file`,
      });
  }
  return reasons;
}
