import { type SQL, sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from '#platform/auth/tables.js';
import { idColumn, softDelete, timestampColumn, timestamps } from '#platform/db/columns.js';
import { storedFiles } from '#platform/storage/tables.js';

/** `<column> IN ('a', 'b', …)`: a check constraint over one of the const arrays below. */
const isOneOf = (column: SQL | AnyPgColumn, values: readonly string[]) =>
  sql`${column} IN (${sql.raw(values.map((value) => `'${value}'`).join(', '))})`;

/** HEALPix NESTED order of `sky_cell` (nside 1024, cells about 3.4′ across). */
export const SKY_INDEX_ORDER = 10;
/** HEALPix order of the footprint cells (nside 64, about 55′): coarse, since footprints are large. */
export const FOOTPRINT_INDEX_ORDER = 6;

export const QA_GRADES = ['good', 'warn', 'fail'] as const;
export const CHECKSUM_STATUSES = ['ok', 'absent', 'failed'] as const;
export const PROVENANCE_RELATIONS = ['derived_from', 'mosaic_of', 'reprocessed_as'] as const;
export const BATCH_STATUSES = ['pending', 'running', 'done', 'failed', 'cancelled'] as const;
export const BATCH_ITEM_STATUSES = ['pending', 'running', 'done', 'failed', 'cancelled'] as const;

/** One row per image HDU of an ingested file. */
export const archiveImages = pgTable(
  'archive_images',
  {
    id: idColumn(),
    productName: text('product_name').notNull(),
    productVersion: integer('product_version').notNull().default(1),
    fileId: uuid('file_id')
      .notNull()
      .references(() => storedFiles.id, { onDelete: 'restrict' }),
    fileSha256: text('file_sha256').notNull(),
    fileBytes: bigint('file_bytes', { mode: 'number' }).notNull(),
    hduIndex: integer('hdu_index').notNull(),
    extName: text('ext_name'),
    shape: jsonb('shape').$type<number[]>().notNull(),
    bitpix: smallint('bitpix').notNull(),
    bunit: text('bunit'),
    object: text('object'),
    telescope: text('telescope'),
    instrument: text('instrument'),
    observedAt: timestampColumn('observed_at'),
    frequencyHz: doublePrecision('frequency_hz'),
    bandwidthHz: doublePrecision('bandwidth_hz'),
    beam: jsonb('beam').$type<{ majorDeg: number; minorDeg: number; paDeg: number }>(),
    noise: doublePrecision('noise'),
    dynamicRange: doublePrecision('dynamic_range'),
    stats: jsonb('stats').$type<Record<string, number | null>>(),
    centreRa: doublePrecision('centre_ra'),
    centreDec: doublePrecision('centre_dec'),
    /** Unit vector of the centre, so the exact cone filter is a dot product. */
    centreX: doublePrecision('centre_x'),
    centreY: doublePrecision('centre_y'),
    centreZ: doublePrecision('centre_z'),
    /** HEALPix NESTED cell of the centre at SKY_INDEX_ORDER. */
    skyCell: bigint('sky_cell', { mode: 'number' }),
    pixelScaleDeg: doublePrecision('pixel_scale_deg'),
    footprint: jsonb('footprint').$type<[number, number][]>(),
    checksumStatus: text('checksum_status').notNull(),
    warnings: jsonb('warnings').$type<{ code: string; message: string }[]>().notNull().default([]),
    uploadedBy: uuid('uploaded_by').references(() => users.id, { onDelete: 'set null' }),
    ...timestamps(),
    ...softDelete(),
  },
  (t) => [
    uniqueIndex('archive_images_product_version_hdu').on(
      t.productName,
      t.productVersion,
      t.hduIndex,
    ),
    index('archive_images_sky_cell').on(t.skyCell),
    index('archive_images_observed_at').on(t.observedAt),
    index('archive_images_frequency').on(t.frequencyHz),
    index('archive_images_object').on(t.object),
    index('archive_images_file').on(t.fileId),
    check('archive_images_checksum_status', isOneOf(t.checksumStatus, CHECKSUM_STATUSES)),
    check(
      'archive_images_centre_range',
      sql`${t.centreDec} IS NULL OR ${t.centreDec} BETWEEN -90 AND 90`,
    ),
  ],
);

/** The image's header cards, one row each, searchable by keyword. */
export const archiveHeaderCards = pgTable(
  'archive_header_cards',
  {
    imageId: uuid('image_id')
      .notNull()
      .references(() => archiveImages.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    keyword: text('keyword').notNull(),
    value: text('value'),
    comment: text('comment'),
  },
  (t) => [
    primaryKey({ columns: [t.imageId, t.position] }),
    index('archive_header_cards_keyword').on(t.keyword, t.value),
  ],
);

/** Footprint cells at FOOTPRINT_INDEX_ORDER: which images may cover a given point. */
export const archiveFootprintCells = pgTable(
  'archive_footprint_cells',
  {
    imageId: uuid('image_id')
      .notNull()
      .references(() => archiveImages.id, { onDelete: 'cascade' }),
    cell: integer('cell').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.imageId, t.cell] }),
    index('archive_footprint_cells_cell').on(t.cell),
  ],
);

export const archiveProvenance = pgTable(
  'archive_provenance',
  {
    parentId: uuid('parent_id')
      .notNull()
      .references(() => archiveImages.id, { onDelete: 'cascade' }),
    childId: uuid('child_id')
      .notNull()
      .references(() => archiveImages.id, { onDelete: 'cascade' }),
    relation: text('relation').notNull(),
    createdAt: timestampColumn('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.parentId, t.childId, t.relation] }),
    index('archive_provenance_child').on(t.childId),
    check('archive_provenance_relation', isOneOf(t.relation, PROVENANCE_RELATIONS)),
    check('archive_provenance_not_self', sql`${t.parentId} <> ${t.childId}`),
  ],
);

/** QA: the automatic grade with the rule that gave it, and an optional human rating. */
export const archiveQa = pgTable(
  'archive_qa',
  {
    imageId: uuid('image_id')
      .primaryKey()
      .references(() => archiveImages.id, { onDelete: 'cascade' }),
    grade: text('grade').notNull(),
    rule: text('rule').notNull(),
    reason: text('reason'),
    rating: smallint('rating'),
    comment: text('comment'),
    ratedBy: uuid('rated_by').references(() => users.id, { onDelete: 'set null' }),
    ratedAt: timestampColumn('rated_at'),
    ...timestamps(),
  },
  (t) => [
    index('archive_qa_grade').on(t.grade),
    check('archive_qa_grade_values', isOneOf(t.grade, QA_GRADES)),
    check('archive_qa_rating_range', sql`${t.rating} IS NULL OR ${t.rating} BETWEEN 1 AND 5`),
  ],
);

export const archiveBatches = pgTable(
  'archive_batches',
  {
    id: idColumn(),
    status: text('status').notNull().default('pending'),
    productName: text('product_name'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    completedAt: timestampColumn('completed_at'),
    ...timestamps(),
  },
  (t) => [check('archive_batches_status', isOneOf(t.status, BATCH_STATUSES))],
);

export const archiveBatchItems = pgTable(
  'archive_batch_items',
  {
    id: idColumn(),
    batchId: uuid('batch_id')
      .notNull()
      .references(() => archiveBatches.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    source: text('source').notNull(),
    status: text('status').notNull().default('pending'),
    error: text('error'),
    imageIds: jsonb('image_ids').$type<string[]>().notNull().default([]),
    attempts: integer('attempts').notNull().default(0),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('archive_batch_items_position').on(t.batchId, t.position),
    index('archive_batch_items_status').on(t.batchId, t.status),
    check('archive_batch_items_status_values', isOneOf(t.status, BATCH_ITEM_STATUSES)),
  ],
);

/** Rendered previews kept in storage, keyed by their parameters. */
export const archivePreviews = pgTable(
  'archive_previews',
  {
    imageId: uuid('image_id')
      .notNull()
      .references(() => archiveImages.id, { onDelete: 'cascade' }),
    paramsKey: text('params_key').notNull(),
    fileId: uuid('file_id')
      .notNull()
      .references(() => storedFiles.id, { onDelete: 'cascade' }),
    etag: text('etag').notNull(),
    createdAt: timestampColumn('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.imageId, t.paramsKey] })],
);
