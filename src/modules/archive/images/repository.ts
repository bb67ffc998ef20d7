import { and, asc, desc, eq, gte, ilike, inArray, isNull, lte, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '#platform/db/index.js';
import { storedFiles } from '#platform/storage/index.js';
import { type Cone, coneCondition, footprintCandidates } from '../sky-search.js';
import {
  archiveFootprintCells,
  archiveHeaderCards,
  archiveImages,
  archiveProvenance,
  archiveQa,
  type PROVENANCE_RELATIONS,
} from '../tables.js';

export type ImageRow = typeof archiveImages.$inferSelect;
export type NewImageRow = typeof archiveImages.$inferInsert;
export type QaRow = typeof archiveQa.$inferSelect;
export type ProvenanceRelation = (typeof PROVENANCE_RELATIONS)[number];

/** An image with what every answer about it shows: its QA and its file. */
export interface ImageDetailRow extends ImageRow {
  qa: QaRow | null;
  filename: string;
  latestVersion: number;
}

const INSERT_CHUNK = 500;

async function insertChunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) await insert(rows.slice(i, i + INSERT_CHUNK));
}

/**
 * Serialises ingests of one product name (until the transaction ends), so two uploads of it
 * cannot both take the same next version.
 */
export async function lockProduct(tx: Executor, productName: string): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`archive:${productName}`}))`);
}

/** The latest live version of a product, with its images by HDU index; null when there is none. */
export async function latestVersionOf(
  tx: Executor,
  productName: string,
): Promise<{ version: number; images: Map<number, string> } | null> {
  const rows = await tx
    .select({
      id: archiveImages.id,
      version: archiveImages.productVersion,
      hduIndex: archiveImages.hduIndex,
    })
    .from(archiveImages)
    .where(eq(archiveImages.productName, productName))
    .orderBy(desc(archiveImages.productVersion));
  const top = rows[0];
  if (!top) return null;
  const images = new Map<number, string>();
  for (const r of rows) if (r.version === top.version) images.set(r.hduIndex, r.id);
  return { version: top.version, images };
}

export async function insertImage(
  tx: Executor,
  row: NewImageRow,
  cards: { position: number; keyword: string; value: string | null; comment: string | null }[],
  footprintCells: number[],
  qa: { grade: string; rule: string; reason: string | null },
): Promise<ImageRow> {
  const [image] = await tx.insert(archiveImages).values(row).returning();
  const id = image!.id;
  await insertChunked(cards, (chunk) =>
    tx.insert(archiveHeaderCards).values(chunk.map((c) => ({ ...c, imageId: id }))),
  );
  await insertChunked(footprintCells, (chunk) =>
    tx.insert(archiveFootprintCells).values(chunk.map((cell) => ({ imageId: id, cell }))),
  );
  await tx.insert(archiveQa).values({ imageId: id, ...qa });
  return image!;
}

const detailColumns = {
  image: archiveImages,
  qa: archiveQa,
  filename: storedFiles.filename,
  latestVersion: sql<number>`(SELECT max(v.product_version) FROM archive_images v WHERE v.product_name = ${archiveImages.productName} AND v.deleted_at IS NULL)`,
};

type DetailSelection = {
  image: ImageRow;
  qa: QaRow | null;
  filename: string;
  latestVersion: number;
};

const toDetail = (r: DetailSelection): ImageDetailRow => ({
  ...r.image,
  qa: r.qa,
  filename: r.filename,
  latestVersion: Number(r.latestVersion ?? r.image.productVersion),
});

const detailQuery = (executor: Executor) =>
  executor
    .select(detailColumns)
    .from(archiveImages)
    .innerJoin(storedFiles, eq(storedFiles.id, archiveImages.fileId))
    .leftJoin(archiveQa, eq(archiveQa.imageId, archiveImages.id));

/** A live image, or undefined. */
export async function findImage(
  executor: Executor,
  id: string,
): Promise<ImageDetailRow | undefined> {
  const [row] = await detailQuery(executor).where(
    and(eq(archiveImages.id, id), isNull(archiveImages.deletedAt)),
  );
  return row ? toDetail(row) : undefined;
}

export async function findImagesByIds(
  executor: Executor,
  ids: readonly string[],
): Promise<ImageDetailRow[]> {
  if (ids.length === 0) return [];
  const rows = await detailQuery(executor).where(
    and(inArray(archiveImages.id, [...ids]), isNull(archiveImages.deletedAt)),
  );
  const byId = new Map(rows.map((r) => [r.image.id, toDetail(r)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export type ImageSort = 'newest' | 'oldest' | 'observedAt' | '-observedAt' | 'distance';

export interface ImageFilters {
  cone?: Cone;
  /** Images whose footprint contains this point. */
  contains?: { ra: number; dec: number };
  minFrequencyHz?: number;
  maxFrequencyHz?: number;
  observedFrom?: Date;
  observedTo?: Date;
  object?: string;
  telescope?: string;
  instrument?: string;
  qaGrade?: string;
  productName?: string;
  /** Only the latest version of each product. */
  latestOnly?: boolean;
  keyword?: { keyword: string; value?: string };
  /** Only images of these stored files (a course's lesson files). */
  fileIds?: readonly string[];
}

/** Where a page ends: the sort key of its last row and the row's id. */
export interface ImageCursor {
  key: number | string | null;
  id: string;
}

const D2R = Math.PI / 180;

/** cos(separation) of each image centre from the cone's centre: larger is nearer. */
function closeness(cone: Cone): SQL<number> {
  const ra = cone.ra * D2R;
  const dec = cone.dec * D2R;
  const [x, y, z] = [Math.cos(dec) * Math.cos(ra), Math.cos(dec) * Math.sin(ra), Math.sin(dec)];
  return sql<number>`(${archiveImages.centreX} * ${x} + ${archiveImages.centreY} * ${y} + ${archiveImages.centreZ} * ${z})`;
}

const observedKey = sql<string>`coalesce(${archiveImages.observedAt}, '0001-01-01T00:00:00Z'::timestamptz)`;

function conditions(f: ImageFilters): SQL[] {
  const where: SQL[] = [isNull(archiveImages.deletedAt)];
  if (f.cone) where.push(coneCondition(f.cone));
  if (f.contains) where.push(footprintCandidates(f.contains.ra, f.contains.dec));
  if (f.minFrequencyHz !== undefined) where.push(gte(archiveImages.frequencyHz, f.minFrequencyHz));
  if (f.maxFrequencyHz !== undefined) where.push(lte(archiveImages.frequencyHz, f.maxFrequencyHz));
  if (f.observedFrom) where.push(gte(archiveImages.observedAt, f.observedFrom));
  if (f.observedTo) where.push(lte(archiveImages.observedAt, f.observedTo));
  if (f.object) where.push(ilike(archiveImages.object, escapeLike(f.object)));
  if (f.telescope) where.push(ilike(archiveImages.telescope, escapeLike(f.telescope)));
  if (f.instrument) where.push(ilike(archiveImages.instrument, escapeLike(f.instrument)));
  if (f.productName) where.push(eq(archiveImages.productName, f.productName));
  if (f.fileIds)
    where.push(f.fileIds.length ? inArray(archiveImages.fileId, [...f.fileIds]) : sql`false`);
  if (f.qaGrade) where.push(eq(archiveQa.grade, f.qaGrade));
  if (f.latestOnly)
    where.push(
      sql`${archiveImages.productVersion} = (SELECT max(v.product_version) FROM archive_images v WHERE v.product_name = ${archiveImages.productName} AND v.deleted_at IS NULL)`,
    );
  if (f.keyword) {
    const card = and(
      eq(archiveHeaderCards.imageId, archiveImages.id),
      eq(archiveHeaderCards.keyword, f.keyword.keyword),
      f.keyword.value === undefined ? undefined : eq(archiveHeaderCards.value, f.keyword.value),
    );
    where.push(sql`EXISTS (SELECT 1 FROM ${archiveHeaderCards} WHERE ${card})`);
  }
  return where;
}

/** Exact (case-insensitive) match: `%` and `_` in the value are literal. */
const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

/** One page of images matching the filters, `limit + 1` rows (see `pageOf`). */
export async function listImages(
  executor: Executor,
  filters: ImageFilters,
  sort: ImageSort,
  limit: number,
  after: ImageCursor | null,
): Promise<Array<ImageDetailRow & { sortKey: number | string | null }>> {
  const where = conditions(filters);
  let key: SQL;
  let direction: 'asc' | 'desc';
  if (sort === 'distance' && filters.cone) {
    key = closeness(filters.cone);
    direction = 'desc';
  } else if (sort === 'observedAt' || sort === '-observedAt') {
    key = observedKey;
    direction = sort === 'observedAt' ? 'asc' : 'desc';
  } else {
    key = sql`${archiveImages.id}`;
    direction = sort === 'oldest' ? 'asc' : 'desc';
  }
  const byId = sort === 'newest' || sort === 'oldest';
  if (after) {
    const cmp = direction === 'asc' ? sql`>` : sql`<`;
    if (byId) where.push(sql`${archiveImages.id} ${cmp} ${after.id}`);
    else {
      const value =
        sort === 'distance' ? sql`${after.key}::float8` : sql`${after.key}::timestamptz`;
      where.push(sql`(${key}, ${archiveImages.id}) ${cmp} (${value}, ${after.id}::uuid)`);
    }
  }
  const order = direction === 'asc' ? asc : desc;
  const rows = await executor
    .select({ ...detailColumns, sortKey: sql<number | string | null>`${key}` })
    .from(archiveImages)
    .innerJoin(storedFiles, eq(storedFiles.id, archiveImages.fileId))
    .leftJoin(archiveQa, eq(archiveQa.imageId, archiveImages.id))
    .where(and(...where))
    .orderBy(...(byId ? [order(archiveImages.id)] : [order(key), order(archiveImages.id)]))
    .limit(limit + 1);
  return rows.map((r) => ({ ...toDetail(r), sortKey: r.sortKey }));
}

export async function headerCards(executor: Executor, imageId: string, keyword?: string) {
  return executor
    .select({
      position: archiveHeaderCards.position,
      keyword: archiveHeaderCards.keyword,
      value: archiveHeaderCards.value,
      comment: archiveHeaderCards.comment,
    })
    .from(archiveHeaderCards)
    .where(
      and(
        eq(archiveHeaderCards.imageId, imageId),
        keyword === undefined ? undefined : eq(archiveHeaderCards.keyword, keyword),
      ),
    )
    .orderBy(asc(archiveHeaderCards.position));
}

/** Every live version of a product's image at one HDU index, oldest first. */
export async function versionsOf(executor: Executor, productName: string, hduIndex: number) {
  const rows = await detailQuery(executor)
    .where(
      and(
        eq(archiveImages.productName, productName),
        eq(archiveImages.hduIndex, hduIndex),
        isNull(archiveImages.deletedAt),
      ),
    )
    .orderBy(asc(archiveImages.productVersion));
  return rows.map(toDetail);
}

export interface ProvenanceEdge {
  parentId: string;
  childId: string;
  relation: string;
  createdAt: Date;
}

export async function insertProvenance(
  tx: Executor,
  edge: { parentId: string; childId: string; relation: ProvenanceRelation },
): Promise<boolean> {
  const rows = await tx
    .insert(archiveProvenance)
    .values(edge)
    .onConflictDoNothing()
    .returning({ parentId: archiveProvenance.parentId });
  return rows.length > 0;
}

/** Whether `descendantId` is reachable from `ancestorId` along provenance links (parent → child). */
export async function isDescendant(
  executor: Executor,
  ancestorId: string,
  descendantId: string,
): Promise<boolean> {
  const rows = await executor.execute(sql`
    WITH RECURSIVE down(id) AS (
      SELECT child_id FROM archive_provenance WHERE parent_id = ${ancestorId}
      UNION
      SELECT p.child_id FROM archive_provenance p JOIN down d ON p.parent_id = d.id
    )
    SELECT 1 AS found FROM down WHERE id = ${descendantId} LIMIT 1`);
  const list = Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows;
  return list.length > 0;
}

/**
 * The provenance graph around an image, both ways, up to `depth` links: every edge among live
 * images reachable from it through parents (ancestors) or children (descendants).
 */
export async function provenanceAround(
  executor: Executor,
  imageId: string,
  depth: number,
): Promise<{ ancestors: ProvenanceEdge[]; descendants: ProvenanceEdge[] }> {
  const walk = async (direction: 'up' | 'down') => {
    const edges: ProvenanceEdge[] = [];
    let frontier = [imageId];
    const seen = new Set(frontier);
    for (let level = 0; level < depth && frontier.length > 0; level++) {
      const found = await executor
        .select({
          parentId: archiveProvenance.parentId,
          childId: archiveProvenance.childId,
          relation: archiveProvenance.relation,
          createdAt: archiveProvenance.createdAt,
        })
        .from(archiveProvenance)
        .innerJoin(
          archiveImages,
          eq(
            archiveImages.id,
            direction === 'up' ? archiveProvenance.parentId : archiveProvenance.childId,
          ),
        )
        .where(
          and(
            inArray(
              direction === 'up' ? archiveProvenance.childId : archiveProvenance.parentId,
              frontier,
            ),
            isNull(archiveImages.deletedAt),
          ),
        )
        .orderBy(asc(archiveProvenance.createdAt));
      frontier = [];
      for (const edge of found) {
        edges.push(edge);
        const next = direction === 'up' ? edge.parentId : edge.childId;
        if (!seen.has(next)) {
          seen.add(next);
          frontier.push(next);
        }
      }
    }
    return edges;
  };
  return { ancestors: await walk('up'), descendants: await walk('down') };
}

/** Live images derived from this one (one link down), with the relation. */
export async function childrenOf(executor: Executor, imageId: string) {
  const links = await executor
    .select({ childId: archiveProvenance.childId, relation: archiveProvenance.relation })
    .from(archiveProvenance)
    .where(eq(archiveProvenance.parentId, imageId))
    .orderBy(asc(archiveProvenance.createdAt));
  const images = await findImagesByIds(
    executor,
    links.map((l) => l.childId),
  );
  const relationOf = new Map(links.map((l) => [l.childId, l.relation]));
  return images.map((image) => ({ image, relation: relationOf.get(image.id)! }));
}

export async function rateImage(
  tx: Executor,
  imageId: string,
  rating: { rating: number | null; comment: string | null; ratedBy: string; ratedAt: Date },
): Promise<QaRow | undefined> {
  const [row] = await tx
    .update(archiveQa)
    .set(rating)
    .where(eq(archiveQa.imageId, imageId))
    .returning();
  return row;
}

export async function softDeleteImage(tx: Executor, id: string, at: Date): Promise<boolean> {
  const rows = await tx
    .update(archiveImages)
    .set({ deletedAt: at })
    .where(and(eq(archiveImages.id, id), isNull(archiveImages.deletedAt)))
    .returning({ id: archiveImages.id });
  return rows.length > 0;
}

/** How many live images still use a stored file (several HDUs of one file share it). */
export async function liveImagesOfFile(executor: Executor, fileId: string): Promise<number> {
  const [row] = await executor
    .select({ n: sql<number>`count(*)::int` })
    .from(archiveImages)
    .where(and(eq(archiveImages.fileId, fileId), isNull(archiveImages.deletedAt)));
  return row?.n ?? 0;
}
