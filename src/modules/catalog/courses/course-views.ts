import type { Executor } from '#platform/db/index.js';
import { courseNotFound } from '../access.js';
import { type CourseDto, toCourseDtos } from './dto.js';
import { type IncludeSet, NO_INCLUDES } from './list-query.js';
import * as views from './views-repository.js';

/**
 * Course DTOs with their includes. Each include is one query for all the courses, so a page
 * costs the same number of queries whether it holds one course or a hundred.
 */
export async function withIncludes(
  executor: Executor,
  rows: readonly views.CourseView[],
  include: IncludeSet,
): Promise<CourseDto[]> {
  const ids = rows.map((row) => row.id);
  const sections = include.sections ? await views.sectionsOfCourses(executor, ids) : [];
  const lessons = include.lessons ? await views.lessonsOfCourses(executor, ids) : [];
  const instructors = include.instructors ? await views.instructorsOfCourses(executor, ids) : [];
  return toCourseDtos(rows, include, { sections, lessons, instructors });
}

/** One live course as the API shows it (404 when it does not exist or was deleted). */
export async function loadCourseDto(
  executor: Executor,
  id: string,
  include: IncludeSet = NO_INCLUDES,
): Promise<CourseDto> {
  const view = await views.findCourseView(executor, id);
  if (!view) throw courseNotFound();
  const [dto] = await withIncludes(executor, [view], include);
  return dto!;
}
