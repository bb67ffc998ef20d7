import { and, asc, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Executor } from '#platform/db/index.js';
import { type CategoryRow, categories, courses } from '../../tables.js';

export type CategoryWithCount = CategoryRow & { courseCount: number };

/**
 * Published, live courses in the category: what a visitor of the catalog would find there.
 * Spelled out qualified: Drizzle leaves column names unqualified in single-table selects, and
 * inside this subquery an unqualified `id` would be the course's.
 */
const publishedCourseCount = sql<number>`(select count(*)::int from "courses" c where c."category_id" = "categories"."id" and c."status" = 'published' and c."deleted_at" is null)`;

const categoryWithCountColumns = {
  id: categories.id,
  slug: categories.slug,
  name: categories.name,
  description: categories.description,
  position: categories.position,
  createdAt: categories.createdAt,
  updatedAt: categories.updatedAt,
  courseCount: publishedCourseCount,
};

/** Categories in display order (position, then id), after the cursor position. */
export async function listCategories(
  executor: Executor,
  options: { after?: { position: number; id: string }; limit: number },
): Promise<CategoryWithCount[]> {
  const { after } = options;
  return executor
    .select(categoryWithCountColumns)
    .from(categories)
    .where(
      after
        ? sql`(${categories.position}, ${categories.id}) > (${after.position}, ${after.id}::uuid)`
        : undefined,
    )
    .orderBy(asc(categories.position), asc(categories.id))
    .limit(options.limit);
}

export async function findCategoryWithCount(
  executor: Executor,
  id: string,
): Promise<CategoryWithCount | undefined> {
  const [row] = await executor
    .select(categoryWithCountColumns)
    .from(categories)
    .where(eq(categories.id, id));
  return row;
}

export async function categorySlugTaken(executor: Executor, slug: string, exceptId?: string) {
  const rows = await executor
    .select({ id: categories.id })
    .from(categories)
    .where(and(eq(categories.slug, slug), exceptId ? ne(categories.id, exceptId) : undefined))
    .limit(1);
  return rows.length > 0;
}

export async function insertCategory(
  tx: Executor,
  values: typeof categories.$inferInsert,
): Promise<CategoryRow> {
  const [row] = await tx.insert(categories).values(values).returning();
  return row!;
}

export async function updateCategory(
  tx: Executor,
  id: string,
  changes: Partial<Pick<CategoryRow, 'slug' | 'name' | 'description' | 'position'>>,
): Promise<boolean> {
  const rows = await tx
    .update(categories)
    .set(changes)
    .where(eq(categories.id, id))
    .returning({ id: categories.id });
  return rows.length > 0;
}

export async function deleteCategory(tx: Executor, id: string): Promise<void> {
  await tx.delete(categories).where(eq(categories.id, id));
}

/** Live courses of any status filed under the category (a deleted course does not hold it). */
export async function countCoursesIn(executor: Executor, id: string): Promise<number> {
  const [row] = await executor
    .select({ n: sql<number>`count(*)::int` })
    .from(courses)
    .where(and(eq(courses.categoryId, id), isNull(courses.deletedAt)));
  return row?.n ?? 0;
}
