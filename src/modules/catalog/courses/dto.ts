import type { IncludeSet } from './list-query.js';
import type {
  CourseView,
  InstructorRow,
  LessonOutlineRow,
  SectionOutlineRow,
} from './views-repository.js';

export type CourseLevel = 'beginner' | 'intermediate' | 'advanced' | 'all';
export type CourseStatusDto = 'draft' | 'published' | 'archived';
export type InstructorRole = 'owner' | 'co_instructor';
export type LessonKind = 'video' | 'text' | 'quiz' | 'file';

export interface LessonOutlineDto {
  id: string;
  title: string;
  kind: LessonKind;
  position: number;
  durationSeconds: number | null;
  freePreview: boolean;
}

export interface SectionOutlineDto {
  id: string;
  title: string;
  position: number;
  lessons?: LessonOutlineDto[];
}

export interface InstructorDto {
  userId: string;
  name: string;
  role: InstructorRole;
}

export interface CourseDto {
  id: string;
  slug: string;
  title: string;
  summary: string | null;
  description: string | null;
  category: { id: string; slug: string; name: string } | null;
  level: CourseLevel;
  language: string;
  tags: string[];
  status: CourseStatusDto;
  publishedAt: string | null;
  version: number;
  coverFileId: string | null;
  createdAt: string;
  updatedAt: string;
  rating: { average: number | null; count: number };
  lessonCount: number;
  totalDurationSeconds: number;
  sections?: SectionOutlineDto[];
  instructors?: InstructorDto[];
}

export function toCourseDto(view: CourseView): CourseDto {
  return {
    id: view.id,
    slug: view.slug,
    title: view.title,
    summary: view.summary,
    description: view.description,
    category:
      view.categoryId && view.categorySlug && view.categoryName
        ? { id: view.categoryId, slug: view.categorySlug, name: view.categoryName }
        : null,
    level: view.level as CourseLevel,
    language: view.language,
    tags: view.tags,
    status: view.status as CourseStatusDto,
    publishedAt: view.publishedAt?.toISOString() ?? null,
    version: view.version,
    coverFileId: view.coverFileId,
    createdAt: view.createdAt.toISOString(),
    updatedAt: view.updatedAt.toISOString(),
    rating: { average: view.ratingCount > 0 ? view.ratingAverage : null, count: view.ratingCount },
    lessonCount: view.lessonCount,
    totalDurationSeconds: view.totalDurationSeconds,
  };
}

export const toInstructorDto = (row: InstructorRow): InstructorDto => ({
  userId: row.userId,
  name: row.name,
  role: row.role as InstructorRole,
});

export interface Outline {
  sections: SectionOutlineRow[];
  lessons: LessonOutlineRow[];
  instructors: InstructorRow[];
}

function groupBy<T, K>(rows: readonly T[], keyOf: (row: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}

/** Courses with what was asked to be included, from rows loaded for all of them at once. */
export function toCourseDtos(
  views: readonly CourseView[],
  include: IncludeSet,
  outline: Outline,
): CourseDto[] {
  const sectionsByCourse = groupBy(outline.sections, (s) => s.courseId);
  const lessonsBySection = groupBy(outline.lessons, (l) => l.sectionId);
  const instructorsByCourse = groupBy(outline.instructors, (i) => i.courseId);
  return views.map((view) => {
    const dto = toCourseDto(view);
    if (include.sections)
      dto.sections = (sectionsByCourse.get(view.id) ?? []).map((section) => ({
        id: section.id,
        title: section.title,
        position: section.position,
        ...(include.lessons
          ? {
              lessons: (lessonsBySection.get(section.id) ?? []).map((lesson) => ({
                id: lesson.id,
                title: lesson.title,
                kind: lesson.kind as LessonKind,
                position: lesson.position,
                durationSeconds: lesson.durationSeconds,
                freePreview: lesson.freePreview,
              })),
            }
          : {}),
      }));
    if (include.instructors)
      dto.instructors = (instructorsByCourse.get(view.id) ?? []).map(toInstructorDto);
    return dto;
  });
}
