import { requirePrincipal } from '#platform/auth/access.js';
import type { Principal } from '#platform/auth/index.js';
import type { Cache } from '#platform/cache/index.js';
import type { Clock } from '#platform/clock/index.js';
import {
  type Database,
  type ExpectedVersion,
  inTransaction,
  staleVersion,
} from '#platform/db/index.js';
import { conflict, unprocessable } from '#platform/errors/index.js';
import type { Storage } from '#platform/storage/index.js';
import { requireAccess } from '../access.js';
import { currentCourseVersion } from '../course-version-repository.js';
import { writeCourse } from '../course-write.js';
import type { CatalogEventType } from '../events.js';
import { copyCourseContent } from './copy-repository.js';
import { loadCourseDto } from './course-views.js';
import type { CourseDto } from './dto.js';
import { createFileCopies, type FileCopies } from './file-copies.js';
import * as repo from './repository.js';
import { nextStatus, publishBlockers, type WorkflowAction } from './workflow.js';
import { freeSlugFrom, retryOnSlugRace } from './write-support.js';

const OUTCOME: Record<WorkflowAction, { event: CatalogEventType; verb: string }> = {
  publish: { event: 'course.published', verb: 'published' },
  unpublish: { event: 'course.unpublished', verb: 'unpublished' },
  archive: { event: 'course.archived', verb: 'archived' },
};

export interface CourseWorkflowDeps {
  db: Database;
  cache: Cache;
  storage: Storage;
  clock: Clock;
}

/** The publishing workflow (draft → published → draft/archived) and duplication. */
export function createCourseWorkflow({ db, cache, storage, clock }: CourseWorkflowDeps) {
  return {
    /**
     * Moves a course to the status the action leads to: 409 `INVALID_STATUS_TRANSITION` from a
     * status the action does not start from; publishing also needs a complete course (422
     * `COURSE_NOT_PUBLISHABLE`, with every reason in `details`). An `If-Match` is optional but
     * honoured (412 when stale).
     */
    async transition(
      auth: Principal | null,
      id: string,
      action: WorkflowAction,
      expected?: ExpectedVersion,
    ): Promise<CourseDto> {
      return inTransaction(db, async (uow) => {
        const { tx } = uow;
        const course = await requireAccess(auth, 'course:manage', { tx, course: id });
        const caller = requirePrincipal(auth);
        const options = { expected, version: 'row' } as const;
        return writeCourse(uow, cache, course.id, options, async (write) => {
          const to = nextStatus(course.status, action);
          if (!to)
            throw conflict(
              `A ${course.status} course cannot be ${OUTCOME[action].verb}`,
              'INVALID_STATUS_TRANSITION',
              { details: [{ path: '/status', message: `is ${course.status}`, action }] },
            );
          if (action === 'publish') {
            const blockers = publishBlockers({
              title: course.title,
              summary: course.summary,
              lessons: await repo.lessonsForPublishCheck(tx, course.id),
            });
            if (blockers.length > 0)
              throw unprocessable(
                'The course cannot be published yet',
                blockers,
                'COURSE_NOT_PUBLISHABLE',
              );
          }
          const firstPublication = to === 'published' && !course.publishedAt;
          const updated = await repo.updateCourse(
            tx,
            course.id,
            course.version,
            { status: to, ...(firstPublication ? { publishedAt: clock.now() } : {}) },
            caller.userId,
          );
          if (!updated) staleVersion('Course', await currentCourseVersion(tx, course.id));
          const data = { from: course.status, to, title: course.title, slug: course.slug };
          await write.event(OUTCOME[action].event, caller.userId, data);
          await write.audit({
            action: OUTCOME[action].event,
            resourceType: 'course',
            resourceId: course.id,
            details: { from: course.status, to },
          });
          return loadCourseDto(tx, course.id);
        });
      });
    },

    /**
     * A deep copy as a new draft owned by the caller: tags, sections, lessons and quizzes, with
     * copies of the cover and the lessons' files of its own; not the learners' enrolments,
     * progress or reviews, nor the other instructors. Access is checked before a byte is copied,
     * and again in the transaction.
     */
    async duplicate(auth: Principal | null, id: string): Promise<CourseDto> {
      const caller = await requireAccess(auth, 'courses:create');
      const files = createFileCopies(storage);
      let committed = false;
      try {
        const checked = await requireAccess(caller, 'course:manage', { tx: db, course: id });
        await files.prepare(db, await repo.fileIdsOfCourse(db, checked.id));
        const dto = await duplicateInTransaction({ db, cache }, caller, id, files);
        committed = true;
        return dto;
      } finally {
        await files.settle(committed);
      }
    },
  };
}

/** The copy itself, in one transaction (run again when another course took the slug). */
function duplicateInTransaction(
  { db, cache }: Pick<CourseWorkflowDeps, 'db' | 'cache'>,
  caller: Principal,
  id: string,
  files: FileCopies,
): Promise<CourseDto> {
  return retryOnSlugRace(undefined, () =>
    inTransaction(db, async (uow) => {
      const { tx } = uow;
      const source = await requireAccess(caller, 'course:manage', { tx, course: id });
      const fileCopies = await files.record(
        tx,
        await repo.fileIdsOfCourse(tx, source.id),
        caller.userId,
      );
      const slug = await freeSlugFrom(tx, `${source.slug}-copy`);
      const copy = await repo.insertCourse(tx, {
        title: `${source.title} (copy)`,
        slug,
        summary: source.summary,
        description: source.description,
        categoryId: source.categoryId,
        level: source.level,
        language: source.language,
        coverFileId: source.coverFileId ? (fileCopies.get(source.coverFileId) ?? null) : null,
        status: 'draft',
        createdBy: caller.userId,
        updatedBy: caller.userId,
      });
      await repo.addInstructor(tx, copy.id, caller.userId, 'owner');
      // A new course: its row is fresh, so the sequence only drops the lists on commit.
      return writeCourse(uow, cache, copy.id, { version: 'none' }, async (write) => {
        const copied = await copyCourseContent(tx, source.id, copy.id, caller.userId, fileCopies);
        await write.event('course.created', caller.userId, {
          title: copy.title,
          slug,
          duplicatedFrom: source.id,
        });
        await write.audit({
          action: 'course.duplicated',
          resourceType: 'course',
          resourceId: copy.id,
          details: { from: source.id, ...copied },
        });
        return loadCourseDto(tx, copy.id);
      });
    }),
  );
}

export type CourseWorkflow = ReturnType<typeof createCourseWorkflow>;
