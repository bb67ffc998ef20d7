import { Type } from 'typebox';
import { literalUnion } from '#platform/http/literal-union.js';
import { LimitQuerySchema } from '#platform/http/pagination.js';
import { BATCH_ITEM_STATUSES, BATCH_STATUSES } from '../tables.js';

const Uuid = Type.String({ format: 'uuid' });
const Counts = Type.Object({
  pending: Type.Integer(),
  running: Type.Integer(),
  done: Type.Integer(),
  failed: Type.Integer(),
  cancelled: Type.Integer(),
});

export const BatchSchema = Type.Object(
  {
    id: Uuid,
    status: literalUnion(BATCH_STATUSES, {
      description:
        '`done` when nothing is left and nothing failed, `failed` when something failed, `cancelled`, else `running` (`pending` before the first item)',
    }),
    productName: Type.Union([Type.String(), Type.Null()]),
    counts: Counts,
    total: Type.Integer(),
    percent: Type.Integer({ minimum: 0, maximum: 100 }),
    createdBy: Type.Union([Uuid, Type.Null()]),
    createdAt: Type.String({ format: 'date-time' }),
    completedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  },
  { title: 'ArchiveBatch' },
);

export const BatchItemSchema = Type.Object({
  id: Uuid,
  position: Type.Integer(),
  source: Type.String({ description: 'the file, relative to ARCHIVE_IMPORT_DIR' }),
  status: literalUnion(BATCH_ITEM_STATUSES),
  error: Type.Union([Type.String(), Type.Null()]),
  imageIds: Type.Array(Uuid),
  attempts: Type.Integer(),
  updatedAt: Type.String({ format: 'date-time' }),
});

export const BatchDetailSchema = Type.Object(
  { ...BatchSchema.properties, items: Type.Array(BatchItemSchema) },
  { title: 'ArchiveBatchDetail' },
);

export const CreateBatchBody = Type.Object(
  {
    files: Type.Array(Type.String({ minLength: 1, maxLength: 1024 }), {
      minItems: 1,
      maxItems: 1000,
      description:
        'files or directories (their FITS files, recursively) relative to ARCHIVE_IMPORT_DIR',
    }),
    productName: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 100,
        pattern: '^[^\\s/][^/]*$',
        description: 'prefix of the items’ product names (`<prefix>-<file name>`)',
      }),
    ),
  },
  { additionalProperties: false, examples: [{ files: ['2026-11-night-3/'] }] },
);

export const BatchParams = Type.Object({ id: Uuid });
export const ListBatchesQuery = Type.Object(LimitQuerySchema.properties, {
  additionalProperties: false,
});
