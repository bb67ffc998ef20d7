import type { Static } from 'typebox';
import { writeAudit } from '#platform/audit/writer.js';
import type { Principal } from '#platform/auth/index.js';
import type { Cache } from '#platform/cache/index.js';
import { type Database, type Executor, newId } from '#platform/db/index.js';
import { conflict, notFound, unprocessable, validationError } from '#platform/errors/index.js';
import { canManageCourse, requireAccess } from '../access.js';
import { courseTag } from '../cache-tags.js';
import type { LessonRow } from '../tables.js';
import { toLessonContentDto, toLessonDto, toOutlineDto, toSectionDto } from './dto.js';
import { lessonShapeProblems } from './lesson-rules.js';
import { writeManagedCourse } from './managed-course.js';
import { orderedIds, placeAt, positionChanges } from './ordering.js';
import { detachQuizzesOf } from './quiz-repository.js';
import * as repo from './repository.js';
import {
  type CreateLessonBody,
  type CreateSectionBody,
  MAX_LESSONS_PER_SECTION,
  MAX_SECTIONS_PER_COURSE,
  type UpdateLessonBody,
} from './schemas.js';

export type CreateSectionInput = Static<typeof CreateSectionBody>;
export type CreateLessonInput = Static<typeof CreateLessonBody>;
export type UpdateLessonInput = Static<typeof UpdateLessonBody>;

export interface CurriculumServiceDeps {
  db: Database;
  cache: Cache;
}

const sectionNotFound = () => notFound('Section', 'SECTION_NOT_FOUND');
const lessonNotFound = () => notFound('Lesson', 'LESSON_NOT_FOUND');

function outOfRange(position: number, max: number): never {
  throw validationError(
    `Position ${position} is out of range: use 0 to ${max}`,
    [{ path: '/body/position', message: `must be between 0 and ${max}`, max }],
    'POSITION_OUT_OF_RANGE',
  );
}

function assertLessonShape(lesson: Parameters<typeof lessonShapeProblems>[0]) {
  const problems = lessonShapeProblems(lesson);
  if (problems.length > 0)
    throw validationError("The lesson's fields do not fit its kind", problems, 'INVALID_LESSON');
}

export function createCurriculumService({ db, cache }: CurriculumServiceDeps) {
  async function requireSection(executor: Executor, courseId: string, sectionId: string) {
    const section = await repo.findSection(executor, courseId, sectionId);
    if (!section) throw sectionNotFound();
    return section;
  }

  async function requireLesson(executor: Executor, courseId: string, lessonId: string) {
    const lesson = await repo.findLesson(executor, courseId, lessonId);
    if (!lesson) throw lessonNotFound();
    return lesson;
  }

  const quizIdOf = (executor: Executor, lesson: LessonRow) =>
    lesson.kind === 'quiz' ? repo.findQuizIdOfLesson(executor, lesson.id) : Promise.resolve(null);

  /** Lesson ids of a section in order, with `lessonId` placed at `position` (range-checked). */
  async function placeLesson(
    tx: Executor,
    sectionId: string,
    lessonId: string,
    position: number | undefined,
    joining: boolean,
  ) {
    const siblings = await repo.listLessonPlaces(tx, sectionId);
    const others = siblings.filter((s) => s.id !== lessonId);
    if (joining && others.length >= MAX_LESSONS_PER_SECTION)
      throw unprocessable(
        `A section holds at most ${MAX_LESSONS_PER_SECTION} lessons`,
        undefined,
        'TOO_MANY_LESSONS',
      );
    const target = position ?? others.length;
    if (target > others.length) outOfRange(target, others.length);
    return { siblings, order: placeAt(orderedIds(others), lessonId, target), target };
  }

  return {
    // ---- sections

    /**
     * The outline. Managers see lesson content fields; everyone else sees the public view, which
     * is cached under the course's tag.
     */
    async outline(auth: Principal | null, courseRef: string) {
      const course = await requireAccess(auth, 'course:read', { tx: db, course: courseRef });
      const load = async (withContent: boolean) => {
        const sections = await repo.listSections(db, course.id);
        const lessons = await repo.listLessonsOfCourse(db, course.id);
        return toOutlineDto(sections, lessons, withContent);
      };
      if (await canManageCourse(db, auth, course.id)) return load(true);
      return cache.getOrLoad(`catalog:outline:${course.id}`, () => load(false), {
        tags: [courseTag(course.id)],
      });
    },

    async createSection(auth: Principal | null, courseRef: string, input: CreateSectionInput) {
      return writeManagedCourse(db, cache, auth, courseRef, {}, async ({ tx, course }) => {
        const sections = await repo.listSections(tx, course.id);
        if (sections.length >= MAX_SECTIONS_PER_COURSE)
          throw unprocessable(
            `A course holds at most ${MAX_SECTIONS_PER_COURSE} sections`,
            undefined,
            'TOO_MANY_SECTIONS',
          );
        const position = input.position ?? sections.length;
        if (position > sections.length) outOfRange(position, sections.length);
        const id = newId();
        const order = placeAt(orderedIds(sections), id, position);
        await repo.setSectionPositions(
          tx,
          positionChanges(sections, order).filter((c) => c.id !== id),
        );
        const section = await repo.insertSection(tx, {
          id,
          courseId: course.id,
          title: input.title,
          position,
        });
        await writeAudit(tx, {
          action: 'section.created',
          resourceType: 'section',
          resourceId: id,
          details: { courseId: course.id, title: input.title, position },
        });
        return toSectionDto(section);
      });
    },

    async renameSection(
      auth: Principal | null,
      courseRef: string,
      sectionId: string,
      title: string,
    ) {
      return writeManagedCourse(db, cache, auth, courseRef, {}, async ({ tx, course }) => {
        const before = await requireSection(tx, course.id, sectionId);
        const section = await repo.renameSection(tx, sectionId, title);
        await writeAudit(tx, {
          action: 'section.updated',
          resourceType: 'section',
          resourceId: sectionId,
          details: { courseId: course.id, before: { title: before.title }, after: { title } },
        });
        return toSectionDto(section);
      });
    },

    async deleteSection(auth: Principal | null, courseRef: string, sectionId: string) {
      await writeManagedCourse(db, cache, auth, courseRef, {}, async ({ tx, course }) => {
        const section = await requireSection(tx, course.id, sectionId);
        await detachQuizzesOf(tx, { sectionId });
        const lessonsDeleted = await repo.deleteSection(tx, sectionId);
        const rest = await repo.listSections(tx, course.id);
        await repo.setSectionPositions(tx, positionChanges(rest, orderedIds(rest)));
        await writeAudit(tx, {
          action: 'section.deleted',
          resourceType: 'section',
          resourceId: sectionId,
          details: { courseId: course.id, title: section.title, lessonsDeleted },
        });
      });
    },

    async moveSection(
      auth: Principal | null,
      courseRef: string,
      sectionId: string,
      position: number,
    ) {
      return writeManagedCourse(db, cache, auth, courseRef, {}, async ({ tx, course }) => {
        const sections = await repo.listSections(tx, course.id);
        const section = sections.find((s) => s.id === sectionId);
        if (!section) throw sectionNotFound();
        if (position > sections.length - 1) outOfRange(position, sections.length - 1);
        const from = orderedIds(sections).indexOf(sectionId);
        await repo.setSectionPositions(
          tx,
          positionChanges(sections, placeAt(orderedIds(sections), sectionId, position)),
        );
        await writeAudit(tx, {
          action: 'section.moved',
          resourceType: 'section',
          resourceId: sectionId,
          details: { courseId: course.id, from, to: position },
        });
        return toSectionDto((await repo.findSection(tx, course.id, sectionId))!);
      });
    },

    // ---- lessons

    async createLesson(
      auth: Principal | null,
      courseRef: string,
      sectionId: string,
      input: CreateLessonInput,
    ) {
      const shape = {
        kind: input.kind,
        videoUrl: input.videoUrl ?? null,
        transcript: input.transcript ?? null,
        fileId: null,
      };
      return writeManagedCourse(db, cache, auth, courseRef, {}, async ({ tx, course, caller }) => {
        await requireSection(tx, course.id, sectionId);
        assertLessonShape(shape);
        const id = newId();
        const { siblings, order, target } = await placeLesson(
          tx,
          sectionId,
          id,
          input.position,
          true,
        );
        await repo.setLessonPlacements(
          tx,
          sectionId,
          positionChanges(siblings, order).filter((c) => c.id !== id),
          caller,
        );
        const lesson = await repo.insertLesson(tx, {
          id,
          courseId: course.id,
          sectionId,
          title: input.title,
          kind: input.kind,
          position: target,
          durationSeconds: input.durationSeconds ?? null,
          videoUrl: shape.videoUrl,
          body: input.body ?? null,
          transcript: shape.transcript,
          freePreview: input.freePreview ?? false,
          createdBy: caller,
          updatedBy: caller,
        });
        await writeAudit(tx, {
          action: 'lesson.created',
          resourceType: 'lesson',
          resourceId: id,
          details: { courseId: course.id, sectionId, title: input.title, kind: input.kind },
        });
        return toLessonDto(lesson, null);
      });
    },

    async getLesson(auth: Principal | null, courseRef: string, lessonId: string) {
      const course = await requireAccess(auth, 'course:manage', { tx: db, course: courseRef });
      const lesson = await requireLesson(db, course.id, lessonId);
      return toLessonDto(lesson, await quizIdOf(db, lesson));
    },

    async updateLesson(
      auth: Principal | null,
      courseRef: string,
      lessonId: string,
      input: UpdateLessonInput,
    ) {
      return writeManagedCourse(db, cache, auth, courseRef, {}, async ({ tx, course, caller }) => {
        const before = await requireLesson(tx, course.id, lessonId);
        const after = { ...before, ...input };
        assertLessonShape(after);
        if (before.kind === 'quiz' && after.kind !== 'quiz' && (await quizIdOf(tx, before)))
          throw conflict(
            'This lesson presents a quiz: delete the quiz before changing its kind',
            'LESSON_HAS_QUIZ',
          );
        const lesson = await repo.updateLesson(tx, lessonId, {
          ...input,
          updatedBy: caller,
        });
        await writeAudit(tx, {
          action: 'lesson.updated',
          resourceType: 'lesson',
          resourceId: lessonId,
          details: { courseId: course.id, fields: Object.keys(input).sort() },
        });
        return toLessonDto(lesson, await quizIdOf(tx, lesson));
      });
    },

    async deleteLesson(auth: Principal | null, courseRef: string, lessonId: string) {
      await writeManagedCourse(db, cache, auth, courseRef, {}, async ({ tx, course, caller }) => {
        const lesson = await requireLesson(tx, course.id, lessonId);
        await detachQuizzesOf(tx, { lessonId });
        await repo.deleteLesson(tx, lessonId);
        const rest = await repo.listLessonPlaces(tx, lesson.sectionId);
        await repo.setLessonPlacements(
          tx,
          lesson.sectionId,
          positionChanges(rest, orderedIds(rest)),
          caller,
        );
        await writeAudit(tx, {
          action: 'lesson.deleted',
          resourceType: 'lesson',
          resourceId: lessonId,
          details: { courseId: course.id, sectionId: lesson.sectionId, title: lesson.title },
        });
      });
    },

    async moveLesson(
      auth: Principal | null,
      courseRef: string,
      lessonId: string,
      move: { position: number; sectionId?: string },
    ) {
      return writeManagedCourse(db, cache, auth, courseRef, {}, async ({ tx, course, caller }) => {
        const lesson = await requireLesson(tx, course.id, lessonId);
        const fromSection = lesson.sectionId;
        const toSection = move.sectionId ?? fromSection;
        const crossing = toSection !== fromSection;
        if (crossing) await requireSection(tx, course.id, toSection);
        const { siblings, order } = await placeLesson(
          tx,
          toSection,
          lessonId,
          move.position,
          crossing,
        );
        // A lesson joining the section is not among its siblings, so it always counts as changed.
        await repo.setLessonPlacements(tx, toSection, positionChanges(siblings, order), caller);
        if (crossing) {
          const rest = await repo.listLessonPlaces(tx, fromSection);
          await repo.setLessonPlacements(
            tx,
            fromSection,
            positionChanges(rest, orderedIds(rest)),
            caller,
          );
        }
        await writeAudit(tx, {
          action: 'lesson.moved',
          resourceType: 'lesson',
          resourceId: lessonId,
          details: {
            courseId: course.id,
            from: { sectionId: fromSection, position: lesson.position },
            to: { sectionId: toSection, position: move.position },
          },
        });
        const moved = await requireLesson(tx, course.id, lessonId);
        return toLessonDto(moved, await quizIdOf(tx, moved));
      });
    },

    /** A lesson's content for whoever may study it (`lesson:content`, see `lessonContentAccess`). */
    async lessonContent(auth: Principal | null, lessonId: string) {
      const found = await repo.findLessonWithLiveCourse(db, lessonId);
      if (!found) throw lessonNotFound();
      const access = await requireAccess(auth, 'lesson:content', {
        tx: db,
        lesson: found.lesson,
        course: found.course,
      });
      return toLessonContentDto(found.lesson, await quizIdOf(db, found.lesson), access);
    },
  };
}

export type CurriculumService = ReturnType<typeof createCurriculumService>;
