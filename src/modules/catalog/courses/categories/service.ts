import { writeAudit } from '#platform/audit/index.js';
import type { Principal } from '#platform/auth/index.js';
import type { Cache } from '#platform/cache/index.js';
import { type Database, inTransaction, isUniqueViolation } from '#platform/db/index.js';
import { conflict, notFound, validationError } from '#platform/errors/index.js';
import { decodeCursor, type Page, pageOf } from '#platform/http/pagination.js';
import { requireAccess } from '../../access.js';
import { CATEGORIES_TAG, COURSE_LISTS_TAG } from '../../cache-tags.js';
import { bumpCourseVersionsInCategory } from '../../course-version-repository.js';
import { slugify } from '../slug.js';
import { type CategoryDto, toCategoryDto } from './dto.js';
import * as repo from './repository.js';

export interface CategoryInput {
  name: string;
  slug?: string;
  description?: string;
  position?: number;
}

export type CategoryChanges = Partial<Omit<CategoryInput, 'description'>> & {
  description?: string | null;
};

const categoryNotFound = () => notFound('Category', 'CATEGORY_NOT_FOUND');
const slugTaken = (slug: string) =>
  conflict(`The slug "${slug}" is already used by another category`, 'SLUG_TAKEN', {
    details: [{ path: '/body/slug', message: 'is taken' }],
  });

function decodePosition(cursor: string) {
  const { p, id } = decodeCursor(cursor);
  if (typeof p !== 'number' || !Number.isInteger(p) || typeof id !== 'string' || id.length > 36)
    throw validationError(
      'The cursor is not valid',
      [{ path: '/querystring/cursor', message: 'is not a cursor this list produced' }],
      'INVALID_CURSOR',
    );
  return { position: p, id };
}

/** Categories of the catalog: public to read, managed by staff (`courses:manage_any`). */
export function createCategoryService({ db, cache }: { db: Database; cache: Cache }) {
  // A category's name and slug show in every course view and list that mentions it.
  const invalidate = () => cache.invalidateTags([CATEGORIES_TAG, COURSE_LISTS_TAG]);

  /** Runs a write; a concurrent request taking the same slug first is a 409 too. */
  async function writing<T>(slug: string | undefined, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (slug !== undefined && isUniqueViolation(error, 'categories_slug_unique'))
        throw slugTaken(slug);
      throw error;
    }
  }

  return {
    /** Public: `auth` may be null. */
    async list(
      _auth: Principal | null,
      query: { limit: number; cursor?: string },
    ): Promise<Page<CategoryDto>> {
      const rows = await repo.listCategories(db, {
        after: query.cursor ? decodePosition(query.cursor) : undefined,
        limit: query.limit + 1,
      });
      const page = pageOf(rows, query.limit, (last) => ({ p: last.position, id: last.id }));
      return { items: page.items.map(toCategoryDto), nextCursor: page.nextCursor };
    },

    /** Public: `auth` may be null. */
    async get(_auth: Principal | null, id: string): Promise<CategoryDto> {
      const row = await repo.findCategoryWithCount(db, id);
      if (!row) throw categoryNotFound();
      return toCategoryDto(row);
    },

    async create(auth: Principal | null, input: CategoryInput): Promise<CategoryDto> {
      await requireAccess(auth, 'courses:manage_any');
      const slug = input.slug ?? slugify(input.name, 'category');
      return writing(slug, () =>
        inTransaction(db, async ({ tx, afterCommit }) => {
          if (await repo.categorySlugTaken(tx, slug)) throw slugTaken(slug);
          const row = await repo.insertCategory(tx, {
            name: input.name,
            slug,
            description: input.description ?? null,
            position: input.position ?? 0,
          });
          await writeAudit(tx, {
            action: 'category.created',
            resourceType: 'category',
            resourceId: row.id,
            details: { name: row.name, slug },
          });
          afterCommit(invalidate);
          return toCategoryDto({ ...row, courseCount: 0 });
        }),
      );
    },

    async update(
      auth: Principal | null,
      id: string,
      changes: CategoryChanges,
    ): Promise<CategoryDto> {
      await requireAccess(auth, 'courses:manage_any');
      return writing(changes.slug, () =>
        inTransaction(db, async ({ tx, afterCommit }) => {
          const before = await repo.findCategoryWithCount(tx, id);
          if (!before) throw categoryNotFound();
          if (changes.slug !== undefined && (await repo.categorySlugTaken(tx, changes.slug, id)))
            throw slugTaken(changes.slug);
          await repo.updateCategory(tx, id, changes);
          // Each course filed here shows the category's name and slug: its ETag must move too.
          if (changes.name !== undefined || changes.slug !== undefined)
            await bumpCourseVersionsInCategory(tx, id);
          await writeAudit(tx, {
            action: 'category.updated',
            resourceType: 'category',
            resourceId: id,
            details: { fields: Object.keys(changes).sort() },
          });
          afterCommit(invalidate);
          return toCategoryDto((await repo.findCategoryWithCount(tx, id))!);
        }),
      );
    },

    /** Only an empty category can go (409 `CATEGORY_IN_USE`): courses would lose it silently. */
    async remove(auth: Principal | null, id: string): Promise<void> {
      await requireAccess(auth, 'courses:manage_any');
      await inTransaction(db, async ({ tx, afterCommit }) => {
        const category = await repo.findCategoryWithCount(tx, id);
        if (!category) throw categoryNotFound();
        const inUse = await repo.countCoursesIn(tx, id);
        if (inUse > 0)
          throw conflict(
            `${inUse} course(s) are filed under this category; move them first`,
            'CATEGORY_IN_USE',
            { details: [{ message: `${inUse} course(s) use it`, courseCount: inUse }] },
          );
        await repo.deleteCategory(tx, id);
        await writeAudit(tx, {
          action: 'category.deleted',
          resourceType: 'category',
          resourceId: id,
          details: { name: category.name, slug: category.slug },
        });
        afterCommit(invalidate);
      });
    },
  };
}

export type CategoryService = ReturnType<typeof createCategoryService>;
