import type { Static } from 'typebox';
import { writeAudit } from '#platform/audit/index.js';
import { hasPermission } from '#platform/auth/access.js';
import type { Principal } from '#platform/auth/index.js';
import type { Cache } from '#platform/cache/index.js';
import type { Clock } from '#platform/clock/index.js';
import { type Database, inTransaction } from '#platform/db/index.js';
import {
  conflict,
  forbidden,
  notFound,
  unprocessable,
  validationError,
} from '#platform/errors/index.js';
import { decodeCursor, encodeCursor, type Page } from '#platform/http/pagination.js';
import type { ReceivedUpload, Storage } from '#platform/storage/index.js';
import { appendArchiveEvent } from '../events.js';
import { FitsError, type PlannedImage, separation } from '../fits/index.js';
import type { FitsPool } from '../fits-io/index.js';
import { footprintCells, footprintHolds, skyColumns } from '../sky-search.js';
import { type ImageDto, qaDto, toEdgeDto, toImageDto } from './dto.js';
import { createImageAccess } from './lesson-access.js';
import { withLocalFile } from './local-file.js';
import * as repo from './repository.js';
import type { IngestFields, ListImagesQuery } from './schemas.js';

export const IMAGES_TAG = 'archive:images';
const imageTag = (id: string) => `archive:image:${id}`;
const LIST_TTL_SECONDS = 60;

export interface ImageServiceDeps {
  db: Database;
  cache: Cache;
  storage: Storage;
  clock: Clock;
  /** The process's FITS worker threads. */
  fitsPool: FitsPool;
  requireChecksum: boolean;
}

/** The engine's complaint about a file, as the 422 the client gets (nothing is kept). */
export function fitsProblem(error: FitsError, field = 'file') {
  return unprocessable(
    `The file is not a readable FITS file: ${error.message}`,
    [{ path: `/body/${field}`, message: error.message, fitsCode: error.code, ...error.where }],
    'FITS_INVALID',
  );
}

const FITS_EXTENSION = /\.(fits?|fts)(\.gz)?$/i;

/** The product a file is a version of, when the uploader did not name one: its file name. */
export const productNameOf = (filename: string) =>
  filename.replace(FITS_EXTENSION, '').trim().slice(0, 200) || 'unnamed';

type ListQuery = Static<typeof ListImagesQuery>;

export function createImageService(deps: ImageServiceDeps) {
  const { db, cache, storage, clock, fitsPool } = deps;
  const access = createImageAccess(db, storage);

  const invalidate = (ids: readonly string[] = []) =>
    cache.invalidateTags([IMAGES_TAG, ...ids.map(imageTag)]);

  /** A live image the caller may read; 404 for one they may not, as for one that is not there. */
  async function requireImage(id: string, auth: Principal | null) {
    const image = await repo.findImage(db, id);
    if (!image || !(await access.mayRead(auth, image))) throw notFound('Image', 'IMAGE_NOT_FOUND');
    return image;
  }

  /** Reads a FITS file into planned rows in a worker; engine errors become 422s. */
  async function plan(storageKey: string): Promise<PlannedImage[]> {
    try {
      return await withLocalFile(storage.store, storageKey, (path) =>
        fitsPool.run({ kind: 'plan', path }),
      );
    } catch (error) {
      if (error instanceof FitsError) throw fitsProblem(error);
      throw error;
    }
  }

  function refuseUnusable(planned: PlannedImage[]) {
    if (planned.length === 0)
      throw unprocessable(
        'The file holds no image: no HDU has pixel data',
        [{ path: '/body/file', message: 'has no image HDU with data' }],
        'FITS_NO_IMAGE',
      );
    const failed = planned.find((p) => p.checksumStatus === 'failed');
    if (deps.requireChecksum && failed)
      throw unprocessable(
        `HDU ${failed.hduIndex} fails its checksum: ${failed.qa.reason}`,
        [
          {
            path: '/body/file',
            message: 'CHECKSUM or DATASUM does not match',
            hdu: failed.hduIndex,
          },
        ],
        'FITS_CHECKSUM_FAILED',
      );
  }

  /**
   * Stores one ingested file's images: a new version of its product (n + 1, the old versions
   * kept, each new image `reprocessed_as` from the same HDU of the previous version), with their
   * header cards, sky index, QA and events, all in one transaction.
   */
  async function store(
    actorId: string | null,
    upload: { storageKey: string; sizeBytes: number; sha256: string; filename: string },
    planned: PlannedImage[],
    fields: Static<typeof IngestFields>,
  ): Promise<ImageDto[]> {
    const productName = fields.productName ?? productNameOf(upload.filename);
    const ids = await inTransaction(db, async ({ tx, afterCommit }) => {
      if (fields.parentId && !(await repo.findImage(tx, fields.parentId)))
        throw unprocessable(
          'The parent image does not exist',
          [{ path: '/body/parentId', message: 'names no live image' }],
          'PARENT_NOT_FOUND',
        );
      await repo.lockProduct(tx, productName);
      const previous = await repo.latestVersionOf(tx, productName);
      const version = (previous?.version ?? 0) + 1;
      const file = await storage.record(tx, {
        ownerId: actorId,
        filename: upload.filename,
        contentType: 'application/fits',
        storageKey: upload.storageKey,
        sizeBytes: upload.sizeBytes,
        sha256: upload.sha256,
      });
      const created: string[] = [];
      for (const p of planned) {
        const sky = p.centre ? skyColumns(p.centre.ra, p.centre.dec) : {};
        const image = await repo.insertImage(
          tx,
          {
            productName,
            productVersion: version,
            fileId: file.id,
            fileSha256: upload.sha256,
            fileBytes: upload.sizeBytes,
            hduIndex: p.hduIndex,
            extName: p.extName,
            shape: p.shape,
            bitpix: p.bitpix,
            bunit: p.bunit,
            object: p.object,
            telescope: p.telescope,
            instrument: p.instrument,
            observedAt: p.observedAt ? new Date(p.observedAt) : null,
            frequencyHz: p.frequencyHz,
            bandwidthHz: p.bandwidthHz,
            beam: p.beam,
            noise: finite(p.noise),
            dynamicRange: finite(p.dynamicRange),
            stats: p.stats ? finiteStats(p.stats) : null,
            ...sky,
            pixelScaleDeg: p.pixelScaleDeg,
            footprint: p.footprint,
            checksumStatus: p.checksumStatus,
            warnings: p.warnings,
            uploadedBy: actorId,
          },
          p.cards,
          p.footprint ? footprintCells(p.footprint) : [],
          p.qa,
        );
        created.push(image.id);
        const data = {
          productName,
          productVersion: version,
          hduIndex: p.hduIndex,
          qaGrade: p.qa.grade,
        };
        await appendArchiveEvent(tx, 'image.ingested', image.id, actorId, data);
        const previousId = previous?.images.get(p.hduIndex);
        if (previousId) {
          await repo.insertProvenance(tx, {
            parentId: previousId,
            childId: image.id,
            relation: 'reprocessed_as',
          });
          await appendArchiveEvent(tx, 'image.versioned', image.id, actorId, {
            ...data,
            previousId,
          });
        }
        if (fields.parentId)
          await repo.insertProvenance(tx, {
            parentId: fields.parentId,
            childId: image.id,
            relation: fields.relation ?? 'derived_from',
          });
      }
      await writeAudit(tx, {
        action: 'archive.file_ingested',
        resourceType: 'stored_file',
        resourceId: file.id,
        details: { productName, productVersion: version, images: created.length },
      });
      afterCommit(() => invalidate());
      return created;
    });
    return (await repo.findImagesByIds(db, ids)).map((row) => toImageDto(row));
  }

  /**
   * One page of rows. The footprint index only names candidates (cells the footprint touches):
   * with a point filter, candidates are read on until `limit + 1` really contain the point.
   */
  async function fetchPage(
    filters: repo.ImageFilters,
    sort: repo.ImageSort,
    limit: number,
    after: repo.ImageCursor | null,
  ) {
    const point = filters.contains;
    if (!point) {
      const rows = await repo.listImages(db, filters, sort, limit, after);
      return { rows: rows.slice(0, limit), more: rows.length > limit };
    }
    const kept: Awaited<ReturnType<typeof repo.listImages>> = [];
    let from = after;
    for (;;) {
      const batch = await repo.listImages(db, filters, sort, limit, from);
      const seen = batch.slice(0, limit);
      for (const row of seen)
        if (footprintHolds(row.footprint, point.ra, point.dec)) kept.push(row);
      const last = seen.at(-1);
      if (kept.length > limit || batch.length <= limit || !last)
        return { rows: kept.slice(0, limit), more: kept.length > limit };
      from = { key: normaliseKey(last.sortKey), id: last.id };
    }
  }

  return {
    /**
     * Ingests one uploaded FITS file: parsed and checked in a worker thread, then stored as one
     * image per image HDU. A file the engine cannot read is a 422 and leaves nothing behind.
     */
    async ingestUpload(
      principal: Principal,
      receive: () => Promise<ReceivedUpload<Static<typeof IngestFields>>>,
    ): Promise<ImageDto[]> {
      const upload = await receive();
      try {
        const planned = await plan(upload.storageKey);
        refuseUnusable(planned);
        return await store(principal.userId, upload, planned, upload.fields);
      } catch (error) {
        await storage.discard(upload.storageKey);
        throw error;
      }
    },

    /** Ingests bytes already in the store (batch items); the caller discards them on failure. */
    async ingestStored(
      actorId: string | null,
      upload: { storageKey: string; sizeBytes: number; sha256: string; filename: string },
      fields: Static<typeof IngestFields>,
    ): Promise<ImageDto[]> {
      const planned = await plan(upload.storageKey);
      refuseUnusable(planned);
      return store(actorId, upload, planned, fields);
    },

    async list(auth: Principal | null, query: ListQuery): Promise<Page<ImageDto>> {
      const filters = filtersOf(query);
      if (query.courseId) {
        if (
          !(await access.mayManageCourse(auth, query.courseId)) &&
          !hasPermission(auth, 'archive:read')
        )
          throw forbidden('Only readers of the archive may search it');
        filters.fileIds = await access.courseFiles(query.courseId);
      }
      const sort = query.sort ?? 'newest';
      if (sort === 'distance' && !filters.cone)
        throw validationError(
          'Sorting by distance needs a cone: ra, dec and radius',
          [{ path: '/querystring/sort', message: 'distance needs ra, dec and radius' }],
          'SORT_NEEDS_CONE',
        );
      const after = query.cursor ? cursorOf(query.cursor) : null;
      const load = async (): Promise<Page<ImageDto>> => {
        const { rows, more } = await fetchPage(filters, sort, query.limit, after);
        const last = rows.at(-1);
        const cone = filters.cone;
        return {
          items: rows.map((row) =>
            toImageDto(
              row,
              cone && row.centreRa !== null && row.centreDec !== null
                ? separation(cone.ra, cone.dec, row.centreRa, row.centreDec)
                : undefined,
            ),
          ),
          nextCursor:
            more && last ? encodeCursor({ k: normaliseKey(last.sortKey), id: last.id }) : null,
        };
      };
      // Cone pages are what sky maps and VO clients repeat: cached until the next ingest, then
      // narrowed to what this caller may read (lesson images follow their lesson's rule).
      const page = filters.cone
        ? await cache.getOrLoad(`archive:list:${JSON.stringify(query)}`, load, {
            ttl: LIST_TTL_SECONDS,
            tags: [IMAGES_TAG],
          })
        : await load();
      const fileOf = (dto: ImageDto) => ({ fileId: dto.file.id, uploadedBy: dto.uploadedBy });
      const kept = new Set(
        (
          await access.readable(
            auth,
            page.items.map((dto) => ({ ...fileOf(dto), dto })),
          )
        ).map((k) => k.dto),
      );
      return { ...page, items: page.items.filter((dto) => kept.has(dto)) };
    },

    async get(auth: Principal | null, id: string): Promise<ImageDto> {
      await requireImage(id, auth);
      return cache.getOrLoad(
        `archive:image:${id}`,
        async () => {
          const row = await repo.findImage(db, id);
          if (!row) throw notFound('Image', 'IMAGE_NOT_FOUND');
          return toImageDto(row);
        },
        { tags: [IMAGES_TAG, imageTag(id)] },
      );
    },

    /** The image row itself (for serving its bytes). */
    requireImage,

    async header(auth: Principal | null, id: string, keyword?: string) {
      await requireImage(id, auth);
      return repo.headerCards(db, id, keyword?.toUpperCase());
    },

    async versions(auth: Principal | null, id: string): Promise<ImageDto[]> {
      const image = await requireImage(id, auth);
      const rows = await repo.versionsOf(db, image.productName, image.hduIndex);
      return (await access.readable(auth, rows)).map((row) => toImageDto(row));
    },

    async children(auth: Principal | null, id: string) {
      await requireImage(id, auth);
      const rows = await repo.childrenOf(db, id);
      const readable = new Set(
        await access.readable(
          auth,
          rows.map((r) => r.image),
        ),
      );
      return rows
        .filter((r) => readable.has(r.image))
        .map(({ image, relation }) => ({
          relation: relation as 'derived_from' | 'mosaic_of' | 'reprocessed_as',
          image: toImageDto(image),
        }));
    },

    async provenance(auth: Principal | null, id: string, depth: number) {
      await requireImage(id, auth);
      const graph = await repo.provenanceAround(db, id, depth);
      const named = new Set<string>();
      for (const e of [...graph.ancestors, ...graph.descendants]) {
        named.add(e.parentId);
        named.add(e.childId);
      }
      named.delete(id);
      const images = await access.readable(auth, await repo.findImagesByIds(db, [...named]));
      return {
        imageId: id,
        ancestors: graph.ancestors.map(toEdgeDto),
        descendants: graph.descendants.map(toEdgeDto),
        images: images.map((row) => toImageDto(row)),
      };
    },

    /** Records that `childId` was made from `parentId`; refuses links that would make a cycle. */
    async linkParent(
      principal: Principal,
      childId: string,
      body: { parentId: string; relation: repo.ProvenanceRelation },
    ) {
      const child = await requireImage(childId, principal);
      mayChange(principal, child);
      if (body.parentId === childId)
        throw unprocessable(
          'An image cannot be its own parent',
          [{ path: '/body/parentId', message: 'is the image itself' }],
          'PROVENANCE_CYCLE',
        );
      // Read before the transaction: on PGlite the root handle waits while one is open.
      const parent = await repo.findImage(db, body.parentId);
      if (parent && !(await access.mayRead(principal, parent)))
        throw unprocessable(
          'The parent image does not exist',
          [{ path: '/body/parentId', message: 'names no live image' }],
          'PARENT_NOT_FOUND',
        );
      return inTransaction(db, async ({ tx, afterCommit }) => {
        if (!(await repo.findImage(tx, body.parentId)))
          throw unprocessable(
            'The parent image does not exist',
            [{ path: '/body/parentId', message: 'names no live image' }],
            'PARENT_NOT_FOUND',
          );
        if (await repo.isDescendant(tx, childId, body.parentId))
          throw unprocessable(
            'The link would make a cycle: the parent is already derived from this image',
            [{ path: '/body/parentId', message: 'descends from the image' }],
            'PROVENANCE_CYCLE',
          );
        const added = await repo.insertProvenance(tx, { ...body, childId });
        if (!added) throw conflict('The images are already linked so', 'PROVENANCE_EXISTS');
        await writeAudit(tx, {
          action: 'archive.provenance_linked',
          resourceType: 'archive_image',
          resourceId: childId,
          details: { ...body },
        });
        afterCommit(() => invalidate([childId, body.parentId]));
        return { parentId: body.parentId, childId, relation: body.relation };
      });
    },

    async qa(auth: Principal | null, id: string) {
      const { qa } = await requireImage(id, auth);
      if (!qa) throw notFound('Image QA', 'QA_NOT_FOUND');
      return qaDto(qa);
    },

    async rate(
      principal: Principal,
      id: string,
      body: { rating: number | null; comment?: string | null },
    ) {
      await requireImage(id, principal);
      return inTransaction(db, async ({ tx, afterCommit }) => {
        const row = await repo.rateImage(tx, id, {
          rating: body.rating,
          comment: body.comment ?? null,
          ratedBy: principal.userId,
          ratedAt: clock.now(),
        });
        if (!row) throw notFound('Image QA', 'IMAGE_NOT_FOUND');
        await writeAudit(tx, {
          action: 'archive.image_rated',
          resourceType: 'archive_image',
          resourceId: id,
          details: { rating: body.rating },
        });
        afterCommit(() => invalidate([id]));
        return qaDto(row);
      });
    },

    /** Makes the image the file of a `file` lesson: its readers become the lesson's. */
    async attachToLesson(
      principal: Principal,
      id: string,
      target: { courseId: string; lessonId: string },
    ) {
      const image = await requireImage(id, principal);
      if (!(await access.mayManageCourse(principal, target.courseId)))
        throw forbidden(
          "Only the course's instructors may attach images to its lessons",
          'COURSE_ACCESS_DENIED',
        );
      return inTransaction(db, async ({ tx, afterCommit }) => {
        const outcome = await access.attach(tx, {
          ...target,
          fileId: image.fileId,
          by: principal.userId,
        });
        if (outcome === 'lesson_not_found')
          throw unprocessable(
            'The course has no such lesson',
            [{ path: '/body/lessonId', message: 'names no lesson of the course' }],
            'LESSON_NOT_FOUND',
          );
        if (outcome === 'not_a_file_lesson')
          throw conflict('Only lessons of kind `file` take an archive image', 'LESSON_NOT_FILE');
        await writeAudit(tx, {
          action: 'archive.image_attached',
          resourceType: 'archive_image',
          resourceId: id,
          details: { ...target },
        });
        afterCommit(() => invalidate([id]));
        return { imageId: id, ...target, fileUrl: `/api/v1/files/${image.fileId}` };
      });
    },

    /** Soft-deletes an image; its file stops being served once no live image of it is left. */
    async remove(principal: Principal, id: string): Promise<void> {
      const image = await requireImage(id, principal);
      mayChange(principal, image);
      await inTransaction(db, async ({ tx, afterCommit }) => {
        if (!(await repo.softDeleteImage(tx, id, clock.now())))
          throw notFound('Image', 'IMAGE_NOT_FOUND');
        if ((await repo.liveImagesOfFile(tx, image.fileId)) === 0)
          await storage.softDelete(tx, image.fileId);
        await writeAudit(tx, {
          action: 'archive.image_deleted',
          resourceType: 'archive_image',
          resourceId: id,
          details: { productName: image.productName, productVersion: image.productVersion },
        });
        afterCommit(() => invalidate([id]));
      });
    },
  };
}

export type ImageService = ReturnType<typeof createImageService>;

/** The uploader may change their images; `archive:manage` may change any. */
function mayChange(principal: Principal, image: { uploadedBy: string | null }) {
  if (hasPermission(principal, 'archive:manage')) return;
  if (image.uploadedBy !== null && image.uploadedBy === principal.userId) return;
  throw forbidden('Only the uploader or an archive manager may change this image');
}

const finite = (v: number | null) => (v === null || Number.isFinite(v) ? v : null);
const finiteStats = (stats: Record<string, number | null>) =>
  Object.fromEntries(Object.entries(stats).map(([k, v]) => [k, finite(v)]));

/** Sort keys travel in cursors as numbers or ISO strings. */
function normaliseKey(key: unknown): number | string | null {
  if (key === null || key === undefined) return null;
  if (key instanceof Date) return key.toISOString();
  if (typeof key === 'number' || typeof key === 'string') return key;
  return String(key);
}

function cursorOf(cursor: string): repo.ImageCursor {
  const value = decodeCursor(cursor);
  const { k, id } = value;
  if (typeof id !== 'string' || !(k === null || typeof k === 'number' || typeof k === 'string'))
    throw validationError(
      'The cursor is not valid',
      [{ path: '/querystring/cursor', message: 'is not a cursor this list produced' }],
      'INVALID_CURSOR',
    );
  return { key: k, id };
}

function filtersOf(q: ListQuery): repo.ImageFilters {
  const coneParts = [q.ra, q.dec, q.radius].filter((v) => v !== undefined).length;
  if (coneParts !== 0 && coneParts !== 3)
    throw validationError(
      'A cone search needs ra, dec and radius together',
      [
        {
          path: `/querystring/${q.ra === undefined ? 'ra' : q.dec === undefined ? 'dec' : 'radius'}`,
          message: 'is required with the other cone parameters',
        },
      ],
      'CONE_INCOMPLETE',
    );
  if ((q.containsRa === undefined) !== (q.containsDec === undefined))
    throw validationError(
      'A footprint search needs containsRa and containsDec together',
      [
        {
          path: `/querystring/${q.containsRa === undefined ? 'containsRa' : 'containsDec'}`,
          message: 'is required with the other',
        },
      ],
      'POINT_INCOMPLETE',
    );
  const filters: repo.ImageFilters = {};
  if (coneParts === 3) filters.cone = { ra: q.ra!, dec: q.dec!, radius: q.radius! };
  if (q.containsRa !== undefined && q.containsDec !== undefined)
    filters.contains = { ra: q.containsRa, dec: q.containsDec };
  if (q.minFrequencyHz !== undefined) filters.minFrequencyHz = q.minFrequencyHz;
  if (q.maxFrequencyHz !== undefined) filters.maxFrequencyHz = q.maxFrequencyHz;
  if (q.observedFrom) filters.observedFrom = new Date(q.observedFrom);
  if (q.observedTo) filters.observedTo = new Date(q.observedTo);
  if (q.object) filters.object = q.object;
  if (q.telescope) filters.telescope = q.telescope;
  if (q.instrument) filters.instrument = q.instrument;
  if (q.qaGrade) filters.qaGrade = q.qaGrade;
  if (q.productName) filters.productName = q.productName;
  if (q.latest) filters.latestOnly = true;
  if (q.keyword)
    filters.keyword = { keyword: q.keyword, ...(q.value === undefined ? {} : { value: q.value }) };
  return filters;
}
