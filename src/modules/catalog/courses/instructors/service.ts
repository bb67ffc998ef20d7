import { writeAudit } from '#platform/audit/index.js';
import type { Principal, Revocations } from '#platform/auth/index.js';
import type { Cache } from '#platform/cache/index.js';
import { type Database, inTransaction } from '#platform/db/index.js';
import { conflict, notFound, unprocessable } from '#platform/errors/index.js';
import { requireAccess } from '../../access.js';
import { writeCourse } from '../../course-write.js';
import { type InstructorDto, toInstructorDto } from '../dto.js';
import { instructorsOfCourses } from '../views-repository.js';
import * as repo from './repository.js';

/** Roles whose holders may teach a course. */
const TEACHING_ROLES = ['instructor', 'staff', 'admin'];

const NOT_OWNER_REFUSAL = 'Only the owner of the course or staff may change its instructors';

/** Who teaches a course: its owner and co-instructors. */
export function createInstructorService({
  db,
  cache,
  revocations,
}: {
  db: Database;
  cache: Cache;
  /** A removed co-instructor's sockets drop the course's topics before the removal answers. */
  revocations: Pick<Revocations, 'publish'>;
}) {
  return {
    async list(auth: Principal | null, idOrSlug: string): Promise<InstructorDto[]> {
      const course = await requireAccess(auth, 'course:read', { tx: db, course: idOrSlug });
      return (await instructorsOfCourses(db, [course.id])).map(toInstructorDto);
    },

    /** Adds a co-instructor: an existing, enabled user with the instructor role or above. */
    async add(auth: Principal | null, courseId: string, userId: string) {
      return inTransaction(db, async (uow) => {
        const { tx } = uow;
        const course = await requireAccess(auth, 'course:own', {
          tx,
          course: courseId,
          refusal: NOT_OWNER_REFUSAL,
        });
        return writeCourse(uow, cache, course.id, {}, async () => {
          const user = await repo.findUserWithRoles(tx, userId);
          if (!user)
            throw unprocessable(
              'There is no such user',
              [{ path: '/body/userId', message: 'names no user' }],
              'UNKNOWN_USER',
            );
          if (user.disabledAt || !user.roles.some((role) => TEACHING_ROLES.includes(role)))
            throw unprocessable(
              'Only enabled users with the instructor role (or staff, admin) can teach',
              [{ path: '/body/userId', message: 'is not an instructor' }],
              'NOT_AN_INSTRUCTOR',
            );
          if (await repo.findInstructor(tx, course.id, userId))
            throw conflict('This user already teaches the course', 'ALREADY_INSTRUCTOR');
          await repo.insertInstructor(tx, course.id, userId);
          await writeAudit(tx, {
            action: 'course.instructor_added',
            resourceType: 'course',
            resourceId: course.id,
            details: { userId },
          });
          return { userId, name: user.name, role: 'co_instructor' } satisfies InstructorDto;
        });
      });
    },

    /** Removes a co-instructor; the owner stays (409 `CANNOT_REMOVE_OWNER`). */
    async remove(auth: Principal | null, courseId: string, userId: string) {
      await inTransaction(db, async (uow) => {
        const { tx } = uow;
        const course = await requireAccess(auth, 'course:own', {
          tx,
          course: courseId,
          refusal: NOT_OWNER_REFUSAL,
        });
        return writeCourse(uow, cache, course.id, {}, async () => {
          const entry = await repo.findInstructor(tx, course.id, userId);
          if (!entry) throw notFound('Instructor', 'INSTRUCTOR_NOT_FOUND');
          if (entry.role === 'owner')
            throw conflict(
              'The owner of a course cannot be removed from it',
              'CANNOT_REMOVE_OWNER',
            );
          await repo.deleteInstructor(tx, course.id, userId);
          await writeAudit(tx, {
            action: 'course.instructor_removed',
            resourceType: 'course',
            resourceId: course.id,
            details: { userId },
          });
          uow.afterCommit(() => revocations.publish({ rights: [userId] }));
        });
      });
    },
  };
}

export type InstructorService = ReturnType<typeof createInstructorService>;
