import { type AuditEntry, writeAudit } from '#platform/audit/index.js';
import type { Cache } from '#platform/cache/index.js';
import { assertVersion, type ExpectedVersion, type UnitOfWork } from '#platform/db/index.js';
import type { EventData } from '#platform/events/index.js';
import { courseNotFound } from './access.js';
import { invalidateCourse } from './cache-tags.js';
import { bumpCourseVersion, lockCourseRow } from './course-version-repository.js';
import { appendCourseEvent, type CatalogEventType } from './events.js';

/*
 * The locking policy for concurrent edits: every write to a course or to anything its detail
 * shows (its row, sections, lessons, quizzes, instructors, reviews, media) first locks the
 * course row in its unit of work (`SELECT … FOR UPDATE`), so the writes of one course take
 * turns; an `If-Match` is checked against the version read under that lock, so it cannot go
 * stale before the write lands. Learners' own writes (progress, attempts) lock their enrolment
 * row instead: they change nothing the course detail shows.
 */

export interface CourseWriteOptions {
  /** The versions the writer read (`If-Match`): a 412 `VERSION_MISMATCH` unless one is current. */
  expected?: ExpectedVersion;
  /**
   * How the course's version (its ETag) moves: `bump` (the default) for a write the course
   * detail shows; `row` when the write updates the course row itself, which bumps it; `none`
   * for what the detail does not show (quizzes).
   */
  version?: 'bump' | 'row' | 'none';
  /** Also for a soft-deleted course (restoring it). */
  deleted?: boolean;
}

/** What a write step gets: the unit of work, and the course's event and audit writers. */
export interface CourseWrite extends UnitOfWork {
  courseId: string;
  /** Appends a catalog event about the course, in this unit of work. */
  event<E extends CatalogEventType>(
    type: E,
    actorId: string | null,
    data: EventData<E>,
  ): Promise<void>;
  audit(entry: AuditEntry): Promise<void>;
}

/**
 * The one write sequence of the catalog: lock the course row → version guard → the change
 * (`work`, with its events and audit rows) → version bump → drop the course's cached views
 * and lists once the unit of work commits. Access is checked before, by `requireAccess`.
 */
export async function writeCourse<T>(
  uow: UnitOfWork,
  cache: Cache,
  courseId: string,
  options: CourseWriteOptions,
  work: (write: CourseWrite) => Promise<T>,
): Promise<T> {
  const { tx } = uow;
  const version = await lockCourseRow(tx, courseId, { deleted: options.deleted });
  if (version === undefined) throw courseNotFound();
  if (options.expected) assertVersion('Course', options.expected, version);
  const write: CourseWrite = {
    tx,
    afterCommit: uow.afterCommit,
    courseId,
    event: async (type, actorId, data) => {
      await appendCourseEvent(tx, type, courseId, actorId, data);
    },
    audit: (entry) => writeAudit(tx, entry),
  };
  const result = await work(write);
  if ((options.version ?? 'bump') === 'bump') await bumpCourseVersion(tx, courseId);
  uow.afterCommit(() => invalidateCourse(cache, courseId));
  return result;
}
