import { randomUUID } from 'node:crypto';
import { engagementCourses, engagementRegistrations } from '#modules/engagement/tables.js';
import type { TestApp } from '../helpers/test-app.js';

/** An engagement course, linked to a catalog course when given. */
export async function insertEngagementCourse(t: TestApp, catalogCourseId?: string) {
  const [course] = await t.database.db
    .insert(engagementCourses)
    .values({
      catalogCourseId: catalogCourseId ?? null,
      title: `Course ${randomUUID().slice(0, 6)}`,
    })
    .returning();
  return course!;
}

export async function register(t: TestApp, learnerId: string, courseId: string) {
  await t.database.db
    .insert(engagementRegistrations)
    .values({ learnerId, courseId, registeredAt: new Date() });
}
