import type { ErrorDetail } from '#platform/errors/index.js';
import type { LessonRow } from '../tables.js';

export type LessonShape = Pick<LessonRow, 'kind' | 'videoUrl' | 'transcript' | 'fileId'>;

/**
 * What makes a lesson's fields disagree with its kind, as field problems (empty when it is
 * consistent). Checked on the lesson as it would be after a change, so a PATCH that turns a
 * video lesson into a text one must also clear its video URL.
 */
export function lessonShapeProblems(lesson: LessonShape): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  if (lesson.videoUrl !== null && lesson.kind !== 'video')
    problems.push({ path: '/body/videoUrl', message: 'is only for video lessons' });
  if (lesson.transcript !== null && lesson.kind !== 'video')
    problems.push({ path: '/body/transcript', message: 'is only for video lessons' });
  if (lesson.fileId !== null && lesson.kind !== 'video' && lesson.kind !== 'file')
    problems.push({
      path: '/body/kind',
      message: 'a lesson with an uploaded file must stay a video or file lesson',
    });
  return problems;
}
