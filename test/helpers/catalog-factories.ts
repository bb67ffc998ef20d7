import { randomUUID } from 'node:crypto';
import {
  categories,
  courseInstructors,
  courseSections,
  courses,
  lessons,
} from '#modules/catalog/tables.js';
import type { TestApp } from './test-app.js';

/**
 * Catalog rows written straight to the database, for tests that need a course in a given state
 * without going through the routes under test.
 */
export interface CourseSeed {
  ownerId: string;
  title?: string;
  slug?: string;
  summary?: string | null;
  description?: string | null;
  status?: 'draft' | 'published' | 'archived';
  level?: 'beginner' | 'intermediate' | 'advanced' | 'all';
  categoryId?: string | null;
  language?: string;
}

export async function insertCategory(t: TestApp, name = `Category ${randomUUID().slice(0, 6)}`) {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  const [row] = await t.database.db.insert(categories).values({ name, slug }).returning();
  return row!;
}

export async function insertCourse(t: TestApp, seed: CourseSeed) {
  const suffix = randomUUID().slice(0, 8);
  const status = seed.status ?? 'draft';
  const [course] = await t.database.db
    .insert(courses)
    .values({
      title: seed.title ?? `Course ${suffix}`,
      slug: seed.slug ?? `course-${suffix}`,
      summary: seed.summary === undefined ? 'A course made by a test.' : seed.summary,
      description: seed.description ?? null,
      status,
      level: seed.level ?? 'all',
      language: seed.language ?? 'en',
      categoryId: seed.categoryId ?? null,
      publishedAt: status === 'published' ? new Date() : null,
      createdBy: seed.ownerId,
      updatedBy: seed.ownerId,
    })
    .returning();
  await t.database.db
    .insert(courseInstructors)
    .values({ courseId: course!.id, userId: seed.ownerId, role: 'owner' });
  return course!;
}

export async function insertSection(t: TestApp, courseId: string, position = 0, title = 'Week 1') {
  const [row] = await t.database.db
    .insert(courseSections)
    .values({ courseId, title, position })
    .returning();
  return row!;
}

export async function insertLesson(
  t: TestApp,
  section: { id: string; courseId: string },
  values: {
    title?: string;
    kind?: 'video' | 'text' | 'quiz' | 'file';
    position?: number;
    videoUrl?: string | null;
    durationSeconds?: number | null;
    freePreview?: boolean;
  } = {},
) {
  const kind = values.kind ?? 'video';
  const [row] = await t.database.db
    .insert(lessons)
    .values({
      courseId: section.courseId,
      sectionId: section.id,
      title: values.title ?? 'Lesson',
      kind,
      position: values.position ?? 0,
      videoUrl:
        values.videoUrl === undefined && kind === 'video'
          ? 'https://videos.example.org/lesson.mp4'
          : (values.videoUrl ?? null),
      durationSeconds: values.durationSeconds ?? 600,
      freePreview: values.freePreview ?? false,
    })
    .returning();
  return row!;
}

/** A published course with one section and one video lesson, owned by `ownerId`. */
export async function insertPublishedCourse(
  t: TestApp,
  ownerId: string,
  seed: Partial<CourseSeed> = {},
) {
  const course = await insertCourse(t, { ...seed, ownerId, status: 'published' });
  const section = await insertSection(t, course.id);
  const lesson = await insertLesson(t, section);
  return { course, section, lesson };
}
