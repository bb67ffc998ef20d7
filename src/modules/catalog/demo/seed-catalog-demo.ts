import { inArray, sql } from 'drizzle-orm';
import { users } from '#platform/auth/tables.js';
import { type Database, type Executor, inTransaction, newId } from '#platform/db/index.js';
import { DEMO_INSTRUCTORS, DEMO_LEARNERS } from '#platform/seed/demo-people.js';
import type { SeedLogger } from '#platform/seed/index.js';
import { lockSeeding } from '#platform/seed/seed-lock.js';
import { courses } from '../tables.js';
import { buildDemoCatalog } from './build-demo-catalog.js';
import { insertDemoRows } from './insert-rows.js';

export interface CatalogDemoSummary {
  categories: number;
  courses: number;
  lessons: number;
  enrolments: number;
  quizAttempts: number;
  reviews: number;
}

/**
 * Seeds the demo catalog for the demo school: categories, six published courses and a draft,
 * enrolments, progress, quiz attempts and reviews of the demo learners. Does nothing unless the
 * demo instructors and learners exist and the catalog is empty, so it is safe on every start.
 */
export async function seedCatalogDemo(
  db: Database,
  log: SeedLogger,
  now: Date = new Date(),
): Promise<CatalogDemoSummary | null> {
  const started = performance.now();
  const summary = await inTransaction(db, async ({ tx }) => {
    // Two processes starting together on one PostgreSQL: the second waits, then finds courses.
    await lockSeeding(tx);
    if (await anyCourse(tx)) return null;
    const people = await demoPeople(tx);
    if (!people) return null;
    const rows = buildDemoCatalog({ ...people, now, newId });
    await insertDemoRows(tx, rows);
    return {
      categories: rows.categories.length,
      courses: rows.courses.length,
      lessons: rows.lessons.length,
      enrolments: rows.enrolments.length,
      quizAttempts: rows.quizAttempts.length,
      reviews: rows.courseReviews.length,
    };
  });
  if (summary)
    log.info(
      { ...summary, ms: Math.round(performance.now() - started) },
      `Demo catalog seeded: ${summary.courses} courses, ${summary.lessons} lessons, ${summary.enrolments} enrolments, ${summary.reviews} reviews`,
    );
  return summary;
}

async function anyCourse(tx: Executor): Promise<boolean> {
  const found = await tx.select({ id: courses.id }).from(courses).limit(1);
  return found.length > 0;
}

/** The demo people's ids in the demo's own order, or null unless every one of them exists. */
async function demoPeople(
  tx: Executor,
): Promise<{ instructorIds: string[]; learnerIds: string[] } | null> {
  const emails = [...DEMO_INSTRUCTORS, ...DEMO_LEARNERS].map((p) => p.email.toLowerCase());
  const found = await tx
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(inArray(sql`lower(${users.email})`, emails));
  const idByEmail = new Map(found.map((u) => [u.email.toLowerCase(), u.id]));
  const ids = emails.map((email) => idByEmail.get(email));
  if (ids.some((id) => id === undefined)) return null;
  const all = ids as string[];
  return {
    instructorIds: all.slice(0, DEMO_INSTRUCTORS.length),
    learnerIds: all.slice(DEMO_INSTRUCTORS.length),
  };
}
