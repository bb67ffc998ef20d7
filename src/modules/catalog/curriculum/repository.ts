import { and, asc, count, eq, isNull, sql } from 'drizzle-orm';
import type { Executor } from '#platform/db/index.js';
import {
  type CourseRow,
  courseSections,
  courses,
  type LessonRow,
  lessons,
  quizzes,
  type SectionRow,
} from '../tables.js';
import type { Placed } from './ordering.js';

// ---- courses

/**
 * Locks the course row until the transaction ends, so concurrent curriculum writes of one course
 * take turns and positions stay unique; false when it was deleted meanwhile.
 */
export async function lockLiveCourse(tx: Executor, courseId: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: courses.id })
    .from(courses)
    .where(and(eq(courses.id, courseId), isNull(courses.deletedAt)))
    .for('update');
  return !!row;
}

// ---- sections

export async function listSections(executor: Executor, courseId: string): Promise<SectionRow[]> {
  return executor
    .select()
    .from(courseSections)
    .where(eq(courseSections.courseId, courseId))
    .orderBy(asc(courseSections.position), asc(courseSections.id));
}

export async function findSection(
  executor: Executor,
  courseId: string,
  sectionId: string,
): Promise<SectionRow | undefined> {
  const [row] = await executor
    .select()
    .from(courseSections)
    .where(and(eq(courseSections.id, sectionId), eq(courseSections.courseId, courseId)));
  return row;
}

export async function insertSection(
  tx: Executor,
  values: typeof courseSections.$inferInsert,
): Promise<SectionRow> {
  const [row] = await tx.insert(courseSections).values(values).returning();
  return row!;
}

export async function renameSection(
  tx: Executor,
  sectionId: string,
  title: string,
): Promise<SectionRow> {
  const [row] = await tx
    .update(courseSections)
    .set({ title })
    .where(eq(courseSections.id, sectionId))
    .returning();
  return row!;
}

/** Deletes the section (its lessons go with it, by cascade); returns how many lessons it had. */
export async function deleteSection(tx: Executor, sectionId: string): Promise<number> {
  const [counted] = await tx
    .select({ n: count() })
    .from(lessons)
    .where(eq(lessons.sectionId, sectionId));
  await tx.delete(courseSections).where(eq(courseSections.id, sectionId));
  return counted?.n ?? 0;
}

/** Writes many section positions in one statement. */
export async function setSectionPositions(tx: Executor, changes: readonly Placed[]) {
  if (changes.length === 0) return;
  const values = sql.join(
    changes.map((c) => sql`(${c.id}::uuid, ${c.position}::int)`),
    sql`, `,
  );
  await tx.execute(
    sql`update course_sections as s set position = v.position, updated_at = now()
        from (values ${values}) as v(id, position) where s.id = v.id`,
  );
}

// ---- lessons

/** Every lesson of the course in outline order (by section, then position). */
export async function listLessonsOfCourse(
  executor: Executor,
  courseId: string,
): Promise<LessonRow[]> {
  return executor
    .select()
    .from(lessons)
    .where(eq(lessons.courseId, courseId))
    .orderBy(asc(lessons.position), asc(lessons.id));
}

export async function listLessonPlaces(executor: Executor, sectionId: string): Promise<Placed[]> {
  return executor
    .select({ id: lessons.id, position: lessons.position })
    .from(lessons)
    .where(eq(lessons.sectionId, sectionId));
}

export async function findLesson(
  executor: Executor,
  courseId: string,
  lessonId: string,
): Promise<LessonRow | undefined> {
  const [row] = await executor
    .select()
    .from(lessons)
    .where(and(eq(lessons.id, lessonId), eq(lessons.courseId, courseId)));
  return row;
}

/** A lesson with its course, unless the course was soft-deleted. */
export async function findLessonWithLiveCourse(
  executor: Executor,
  lessonId: string,
): Promise<{ lesson: LessonRow; course: CourseRow } | undefined> {
  const [row] = await executor
    .select({ lesson: lessons, course: courses })
    .from(lessons)
    .innerJoin(courses, eq(courses.id, lessons.courseId))
    .where(and(eq(lessons.id, lessonId), isNull(courses.deletedAt)));
  return row;
}

export async function insertLesson(
  tx: Executor,
  values: typeof lessons.$inferInsert,
): Promise<LessonRow> {
  const [row] = await tx.insert(lessons).values(values).returning();
  return row!;
}

export async function updateLesson(
  tx: Executor,
  lessonId: string,
  values: Partial<typeof lessons.$inferInsert>,
): Promise<LessonRow> {
  const [row] = await tx.update(lessons).set(values).where(eq(lessons.id, lessonId)).returning();
  return row!;
}

export async function deleteLesson(tx: Executor, lessonId: string): Promise<void> {
  await tx.delete(lessons).where(eq(lessons.id, lessonId));
}

/** Writes many lesson placements (section and position) in one statement. */
export async function setLessonPlacements(
  tx: Executor,
  sectionId: string,
  changes: readonly Placed[],
  updatedBy: string,
) {
  if (changes.length === 0) return;
  const values = sql.join(
    changes.map((c) => sql`(${c.id}::uuid, ${c.position}::int)`),
    sql`, `,
  );
  await tx.execute(
    sql`update lessons as l set section_id = ${sectionId}::uuid, position = v.position,
          updated_at = now(), updated_by = ${updatedBy}::uuid
        from (values ${values}) as v(id, position) where l.id = v.id`,
  );
}

/** The quiz a quiz lesson presents, if any. */
export async function findQuizIdOfLesson(
  executor: Executor,
  lessonId: string,
): Promise<string | null> {
  const [row] = await executor
    .select({ id: quizzes.id })
    .from(quizzes)
    .where(eq(quizzes.lessonId, lessonId))
    .orderBy(asc(quizzes.id))
    .limit(1);
  return row?.id ?? null;
}
