import type { Static } from 'typebox';
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
import { conflict, forbidden, preconditionRequired, unauthorized } from '#platform/errors/index.js';
import { etagOf } from '#platform/http/etag.js';
import { type Page, pageOf } from '#platform/http/pagination.js';
import { courseNotFound, findLiveCourse, requireAccess } from '../access.js';
import { CATEGORIES_TAG, COURSE_LISTS_TAG, courseTag } from '../cache-tags.js';
import { currentCourseVersion } from '../course-version-repository.js';
import { writeCourse } from '../course-write.js';
import { COURSE_STATUSES } from '../tables.js';
import { loadCourseDto, withIncludes } from './course-views.js';
import type { CourseDto } from './dto.js';
import {
  decodeListCursor,
  includeKey,
  listCacheKey,
  parseInclude,
  resolveSort,
} from './list-query.js';
import * as repo from './repository.js';
import type {
  CreateCourseBody,
  ListCoursesQuery as ListCoursesQuerySchema,
  UpdateCourseBody,
} from './schemas.js';
import { normalizeTag, normalizeTags, refuseUuidSlug } from './slug.js';
import { listCourseViews } from './views-repository.js';
import type { CourseStatus } from './workflow.js';
import {
  freeSlugFrom,
  refuseForeignCover,
  resolveCategoryId,
  retryOnSlugRace,
  slugTaken,
} from './write-support.js';

export interface CourseServiceDeps {
  db: Database;
  cache: Cache;
  clock: Clock;
}

export type ListCoursesQuery = Static<typeof ListCoursesQuerySchema>;
export type CreateCourseInput = Static<typeof CreateCourseBody>;
export type UpdateCourseInput = Static<typeof UpdateCourseBody>;

/** Days a deleted course can still be restored; the nightly purge removes it after that. */
export const RESTORE_WINDOW_DAYS = 30;
const DAY_MS = 86_400_000;

/**
 * Which courses a caller may list: the public catalog (published only, cached), a staff view in
 * any status, or the caller's own courses (`mine`) in any status.
 */
function listScope(auth: Principal | null, query: ListCoursesQuery) {
  const statuses = (status: ListCoursesQuery['status']): readonly CourseStatus[] =>
    status === undefined || status === 'all' ? COURSE_STATUSES : [status];
  if (query.mine) {
    const caller = requirePrincipal(auth);
    if (!caller.permissions.has('courses:manage'))
      throw forbidden('Only instructors have courses of their own', 'PERMISSION_DENIED');
    return { cacheable: false, statuses: statuses(query.status), taughtBy: caller.userId };
  }
  if (query.status !== undefined && query.status !== 'published') {
    if (!auth) throw unauthorized('Listing unpublished courses needs courses:manage_any');
    if (!auth.permissions.has('courses:manage_any'))
      throw forbidden('Listing unpublished courses needs courses:manage_any', 'PERMISSION_DENIED');
    return { cacheable: false, statuses: statuses(query.status), taughtBy: undefined };
  }
  return { cacheable: true, statuses: ['published'] as const, taughtBy: undefined };
}

export function createCourseService({ db, cache, clock }: CourseServiceDeps) {
  // Which course an id or slug names, and whether everybody may read it, is cached too: a
  // published course's detail then costs no query at all. Every course write drops
  // COURSE_LISTS_TAG (invalidateCourse), so a slug change, unpublish or delete is seen at once.
  const readableCourse = async (
    auth: Principal | null,
    idOrSlug: string,
    includeParam?: string,
  ) => {
    const ref = await cache.getOrLoad(
      `catalog:course-ref:${idOrSlug}`,
      async () => {
        const found = await findLiveCourse(db, idOrSlug);
        if (!found) throw courseNotFound();
        return { id: found.id, status: found.status };
      },
      { tags: [COURSE_LISTS_TAG] },
    );
    const courseId =
      ref.status === 'published'
        ? ref.id
        : (await requireAccess(auth, 'course:read', { tx: db, course: idOrSlug })).id;
    return { courseId, include: parseInclude(includeParam) };
  };

  return {
    /** A page of the catalog (or of a staff or instructor view of it). */
    async list(auth: Principal | null, query: ListCoursesQuery): Promise<Page<CourseDto>> {
      const scope = listScope(auth, query);
      const sort = resolveSort(query.sort, query.q);
      const include = parseInclude(query.include);
      const after = query.cursor ? decodeListCursor(query.cursor, sort) : undefined;
      const load = async () => {
        const rows = await listCourseViews(db, {
          statuses: scope.statuses,
          q: query.q,
          categorySlug: query.category,
          level: query.level,
          tag: query.tag === undefined ? undefined : normalizeTag(query.tag),
          instructorId: query.instructorId,
          language: query.language,
          taughtBy: scope.taughtBy,
          sort,
          after,
          limit: query.limit + 1,
        });
        const page = pageOf(rows, query.limit, (last) => ({
          s: sort,
          k: last.sortKey,
          id: last.id,
        }));
        return { items: await withIncludes(db, page.items, include), nextCursor: page.nextCursor };
      };
      if (!scope.cacheable) return load();
      const key = listCacheKey({
        q: query.q,
        category: query.category,
        level: query.level,
        tag: query.tag === undefined ? undefined : normalizeTag(query.tag),
        instructorId: query.instructorId,
        language: query.language,
        sort,
        include: includeKey(include),
        limit: query.limit,
        cursor: query.cursor,
      });
      return cache.getOrLoad(key, load, { tags: [COURSE_LISTS_TAG, CATEGORIES_TAG] });
    },

    /**
     * One course by id or slug (drafts and archived ones only for their instructors and staff),
     * serialized by `serialize` (the route's response serializer), with its ETag: the hot path
     * of the catalog. What a course shows is the same for every reader who
     * may see it, so the body is cached as sent and a hit is a lookup, not a render.
     */
    async getSerialized(
      auth: Principal | null,
      idOrSlug: string,
      includeParam: string | undefined,
      serialize: (course: CourseDto) => string,
    ): Promise<{ etag: string; body: string }> {
      const { courseId, include } = await readableCourse(auth, idOrSlug, includeParam);
      const text = await cache.getOrLoadText(
        `catalog:course-body:${courseId}:${includeKey(include)}`,
        async () => {
          const course = await loadCourseDto(db, courseId, include);
          return `${etagOf(course)}\n${serialize(course)}`;
        },
        { tags: [courseTag(courseId), CATEGORIES_TAG] },
      );
      const split = text.indexOf('\n');
      return { etag: text.slice(0, split), body: text.slice(split + 1) };
    },

    /** A new draft course; the caller becomes its owner. */
    async create(auth: Principal | null, input: CreateCourseInput): Promise<CourseDto> {
      const caller = await requireAccess(auth, 'courses:create');
      const tags = normalizeTags(input.tags ?? []);
      if (input.slug !== undefined) refuseUuidSlug(input.slug);
      return retryOnSlugRace(input.slug, () =>
        inTransaction(db, async (uow) => {
          const { tx } = uow;
          const categoryId = await resolveCategoryId(tx, input);
          if (input.slug !== undefined && (await repo.slugTaken(tx, input.slug)))
            throw slugTaken(input.slug);
          const slug = input.slug ?? (await freeSlugFrom(tx, input.title));
          const course = await repo.insertCourse(tx, {
            title: input.title,
            slug,
            summary: input.summary ?? null,
            description: input.description ?? null,
            categoryId: categoryId ?? null,
            level: input.level,
            language: input.language,
            createdBy: caller.userId,
            updatedBy: caller.userId,
          });
          await repo.replaceTags(tx, course.id, tags);
          await repo.addInstructor(tx, course.id, caller.userId, 'owner');
          // A new course: its version starts fresh; the sequence drops the lists on commit.
          return writeCourse(uow, cache, course.id, { version: 'none' }, async (write) => {
            await write.event('course.created', caller.userId, { title: course.title, slug });
            await write.audit({
              action: 'course.created',
              resourceType: 'course',
              resourceId: course.id,
              details: { title: course.title, slug },
            });
            return loadCourseDto(tx, course.id);
          });
        }),
      );
    },

    /**
     * Changes a course. `expected` (from `If-Match`) is required: without it two editors would
     * silently overwrite each other.
     */
    async update(
      auth: Principal | null,
      id: string,
      expected: ExpectedVersion | undefined,
      patch: UpdateCourseInput,
    ): Promise<CourseDto> {
      return retryOnSlugRace(patch.slug, () =>
        inTransaction(db, async (uow) => {
          const { tx } = uow;
          const course = await requireAccess(auth, 'course:manage', { tx, course: id });
          const caller = requirePrincipal(auth);
          if (expected === undefined)
            throw preconditionRequired(
              `Changing a course needs If-Match with the version you read, e.g. If-Match: "${course.version}"`,
            );
          return writeCourse(uow, cache, course.id, { expected, version: 'row' }, async (write) => {
            if (patch.slug !== undefined && patch.slug !== course.slug) {
              refuseUuidSlug(patch.slug);
              if (await repo.slugTaken(tx, patch.slug, course.id)) throw slugTaken(patch.slug);
            }
            if (patch.coverFileId !== undefined) refuseForeignCover(course, patch.coverFileId);
            const tags = patch.tags === undefined ? undefined : normalizeTags(patch.tags);
            const categoryId = await resolveCategoryId(tx, patch);
            const updated = await repo.updateCourse(
              tx,
              course.id,
              course.version,
              {
                title: patch.title,
                slug: patch.slug,
                summary: patch.summary,
                description: patch.description,
                categoryId,
                level: patch.level,
                language: patch.language,
                coverFileId: patch.coverFileId,
              },
              caller.userId,
            );
            if (!updated) staleVersion('Course', await currentCourseVersion(tx, course.id));
            if (tags) await repo.replaceTags(tx, course.id, tags);
            await write.audit({
              action: 'course.updated',
              resourceType: 'course',
              resourceId: course.id,
              details: { fields: Object.keys(patch).sort(), version: updated.version },
            });
            return loadCourseDto(tx, course.id);
          });
        }),
      );
    },

    /**
     * Soft delete, by the owner or staff: the course disappears everywhere but can be restored.
     * An `If-Match` is optional but honoured (412 when stale).
     */
    async remove(auth: Principal | null, id: string, expected?: ExpectedVersion) {
      await inTransaction(db, async (uow) => {
        const { tx } = uow;
        const course = await requireAccess(auth, 'course:own', {
          tx,
          course: id,
          refusal: 'Only the owner of the course or staff may delete it',
        });
        const caller = requirePrincipal(auth);
        await writeCourse(uow, cache, course.id, { expected, version: 'row' }, async (write) => {
          const deleted = await repo.updateCourse(
            tx,
            course.id,
            course.version,
            { deletedAt: clock.now() },
            caller.userId,
          );
          if (!deleted) staleVersion('Course', await currentCourseVersion(tx, course.id));
          await write.event('course.deleted', caller.userId, {
            title: course.title,
            slug: course.slug,
          });
          await write.audit({
            action: 'course.deleted',
            resourceType: 'course',
            resourceId: course.id,
            details: { title: course.title, slug: course.slug },
          });
        });
      });
    },

    /** Brings back a course deleted less than `RESTORE_WINDOW_DAYS` ago; admins only. */
    async restore(auth: Principal | null, id: string): Promise<CourseDto> {
      const caller = requirePrincipal(auth);
      if (!caller.roles.includes('admin') || !caller.permissions.has('courses:manage_any'))
        throw forbidden('Only admins may restore deleted courses', 'ADMIN_ONLY');
      const now = clock.now();
      return inTransaction(db, async (uow) => {
        const { tx } = uow;
        const course = await repo.findCourseById(tx, id);
        if (!course) throw courseNotFound();
        return writeCourse(
          uow,
          cache,
          course.id,
          { version: 'row', deleted: true },
          async (write) => {
            const { deletedAt } = course;
            if (!deletedAt) throw conflict('The course is not deleted', 'COURSE_NOT_DELETED');
            if (deletedAt.getTime() < now.getTime() - RESTORE_WINDOW_DAYS * DAY_MS)
              throw conflict(
                `The course was deleted more than ${RESTORE_WINDOW_DAYS} days ago and can no longer be restored`,
                'RESTORE_WINDOW_EXPIRED',
              );
            const restored = await repo.updateCourse(
              tx,
              course.id,
              course.version,
              { deletedAt: null },
              caller.userId,
            );
            if (!restored) staleVersion('Course', await currentCourseVersion(tx, course.id));
            await write.event('course.restored', caller.userId, {
              title: course.title,
              slug: course.slug,
            });
            await write.audit({
              action: 'course.restored',
              resourceType: 'course',
              resourceId: course.id,
              details: { deletedAt: deletedAt.toISOString() },
            });
            return loadCourseDto(tx, course.id);
          },
        );
      });
    },
  };
}

export type CourseService = ReturnType<typeof createCourseService>;
