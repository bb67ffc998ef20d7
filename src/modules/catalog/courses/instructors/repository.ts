import { and, eq } from 'drizzle-orm';
import { userRoles, users } from '#platform/auth/tables.js';
import type { Executor } from '#platform/db/index.js';
import { courseInstructors } from '../../tables.js';

/** A user with their roles, to check who may teach. */
export async function findUserWithRoles(executor: Executor, id: string) {
  const rows = await executor
    .select({
      id: users.id,
      name: users.name,
      disabledAt: users.disabledAt,
      role: userRoles.role,
    })
    .from(users)
    .leftJoin(userRoles, eq(userRoles.userId, users.id))
    .where(eq(users.id, id));
  const [first] = rows;
  if (!first) return undefined;
  return {
    id: first.id,
    name: first.name,
    disabledAt: first.disabledAt,
    roles: rows.flatMap((r) => (r.role ? [r.role] : [])),
  };
}

export async function findInstructor(executor: Executor, courseId: string, userId: string) {
  const [row] = await executor
    .select()
    .from(courseInstructors)
    .where(and(eq(courseInstructors.courseId, courseId), eq(courseInstructors.userId, userId)));
  return row;
}

export async function insertInstructor(tx: Executor, courseId: string, userId: string) {
  await tx.insert(courseInstructors).values({ courseId, userId, role: 'co_instructor' });
}

export async function deleteInstructor(tx: Executor, courseId: string, userId: string) {
  await tx
    .delete(courseInstructors)
    .where(and(eq(courseInstructors.courseId, courseId), eq(courseInstructors.userId, userId)));
}
