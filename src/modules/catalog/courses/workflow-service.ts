import { writeAudit } from '#platform/audit/index.js';
import { assertPermission } from '#platform/auth/access.js';
import type { Principal } from '#platform/auth/index.js';
import type { Cache } from '#platform/cache/index.js';
import {
  assertVersion,
  type Database,
  type ExpectedVersion,
  inTransaction,
  staleVersion,
} from '#platform/db/index.js';
import { conflict, unprocessable } from '#platform/errors/index.js';
import type { Storage } from '#platform/storage/index.js';
import { requireManageableCourse } from '../access.js';
import { invalidateCourse } from '../cache-tags.js';
import { currentCourseVersion } from '../course-version-repository.js';
import { appendCourseEvent, type CatalogEventType } from '../events.js';
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
}

/** The publishing workflow (draft → published → draft/archived) and duplication. */
export function createCourseWorkflow({ db, cache, storage }: CourseWorkflowDeps) {
  return {
    /**
     * Moves a course to the status the action leads to: 409 `INVALID_STATUS_TRANSITION` from a
     * status the action does not start from; publishing also needs a complete course (422
     * `COURSE_NOT_PUBLISHABLE`, with every reason in `details`). An `If-Match` is optional but
     * honoured (412 when stale).
     */
    async transition(
      principal: Principal | null,
      id: string,
      action: WorkflowAction,
      expected?: ExpectedVersion,
    ): Promise<CourseDto> {
      return inTransaction(db, async ({ tx, afterCommit }) => {
        const course = await requireManageableCourse(tx, principal, id);
        if (expected) assertVersion('Course', expected, course.version);
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
          { status: to, ...(firstPublication ? { publishedAt: new Date() } : {}) },
          principal!.userId,
        );
        if (!updated) staleVersion('Course', await currentCourseVersion(tx, course.id));
        const data = { from: course.status, to, title: course.title, slug: course.slug };
        await appendCourseEvent(tx, OUTCOME[action].event, course.id, principal!.userId, data);
        await writeAudit(tx, {
          action: OUTCOME[action].event,
          resourceType: 'course',
          resourceId: course.id,
          details: { from: course.status, to },
        });
        afterCommit(() => invalidateCourse(cache, course.id));
        return loadCourseDto(tx, course.id);
      });
    },

    /**
     * A deep copy as a new draft owned by the caller: tags, sections, lessons and quizzes, with
     * copies of the cover and the lessons' files of its own; not the learners' enrolments,
     * progress or reviews, nor the other instructors. Access is checked before a byte is copied,
     * and again in the transaction.
     */
    async duplicate(principal: Principal | null, id: string): Promise<CourseDto> {
      const caller = assertPermission(principal, 'courses:create');
      const files = createFileCopies(storage);
      let committed = false;
      try {
        const checked = await requireManageableCourse(db, caller, id);
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
  { db, cache }: Omit<CourseWorkflowDeps, 'storage'>,
  caller: Principal,
  id: string,
  files: FileCopies,
): Promise<CourseDto> {
  return retryOnSlugRace(undefined, () =>
    inTransaction(db, async ({ tx, afterCommit }) => {
      const source = await requireManageableCourse(tx, caller, id);
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
      const copied = await copyCourseContent(tx, source.id, copy.id, caller.userId, fileCopies);
      await appendCourseEvent(tx, 'course.created', copy.id, caller.userId, {
        title: copy.title,
        slug,
        duplicatedFrom: source.id,
      });
      await writeAudit(tx, {
        action: 'course.duplicated',
        resourceType: 'course',
        resourceId: copy.id,
        details: { from: source.id, ...copied },
      });
      afterCommit(() => invalidateCourse(cache, copy.id));
      return loadCourseDto(tx, copy.id);
    }),
  );
}

export type CourseWorkflow = ReturnType<typeof createCourseWorkflow>;
