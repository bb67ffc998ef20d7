import { Type } from 'typebox';
import { literalUnion } from '#platform/http/literal-union.js';
import { LimitQuerySchema } from '#platform/http/pagination.js';
import { PROVENANCE_RELATIONS, QA_GRADES } from '../tables.js';

const Uuid = Type.String({ format: 'uuid' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);
const Literals = <const T extends readonly string[]>(values: T, description?: string) =>
  literalUnion(values, description ? { description } : {});
const Ra = Type.Number({
  minimum: 0,
  maximum: 360,
  description: 'right ascension, degrees (ICRS)',
});
const Dec = Type.Number({ minimum: -90, maximum: 90, description: 'declination, degrees (ICRS)' });

export const QaSchema = Type.Object(
  {
    grade: Literals(QA_GRADES),
    rule: Type.String({
      description: 'the automatic rule that gave the grade',
      examples: ['checksum'],
    }),
    reason: Nullable(Type.String()),
    rating: Nullable(Type.Integer({ minimum: 1, maximum: 5, description: 'a human rating' })),
    comment: Nullable(Type.String()),
    ratedBy: Nullable(Uuid),
    ratedAt: Nullable(Type.String({ format: 'date-time' })),
  },
  { title: 'ImageQa' },
);

export const ImageSchema = Type.Object(
  {
    id: Uuid,
    productName: Type.String({ examples: ['m31-vla-1.4ghz'] }),
    productVersion: Type.Integer({ minimum: 1 }),
    latest: Type.Boolean({ description: 'whether this is the newest version of the product' }),
    hduIndex: Type.Integer({ minimum: 0, description: 'the HDU of the file this image is' }),
    extName: Nullable(Type.String()),
    shape: Type.Array(Type.Integer(), { description: 'axis lengths in FITS order (NAXIS1, …)' }),
    bitpix: Type.Integer({ examples: [-32] }),
    bunit: Nullable(Type.String()),
    object: Nullable(Type.String()),
    telescope: Nullable(Type.String()),
    instrument: Nullable(Type.String()),
    observedAt: Nullable(Type.String({ format: 'date-time' })),
    frequencyHz: Nullable(Type.Number()),
    bandwidthHz: Nullable(Type.Number()),
    beam: Nullable(
      Type.Object({ majorDeg: Type.Number(), minorDeg: Type.Number(), paDeg: Type.Number() }),
    ),
    noise: Nullable(Type.Number({ description: 'robust standard deviation of the pixels' })),
    dynamicRange: Nullable(Type.Number({ description: 'peak over noise' })),
    stats: Nullable(Type.Record(Type.String(), Nullable(Type.Number()))),
    centre: Nullable(Type.Object({ ra: Type.Number(), dec: Type.Number() })),
    pixelScaleArcsec: Nullable(Type.Number()),
    footprint: Nullable(
      Type.Array(Type.Array(Type.Number(), { minItems: 2, maxItems: 2 }), {
        description: 'the sky positions [ra, dec] of the image corners',
      }),
    ),
    checksumStatus: Literals(['ok', 'absent', 'failed'] as const),
    warnings: Type.Array(Type.Object({ code: Type.String(), message: Type.String() })),
    qa: Nullable(QaSchema),
    file: Type.Object({
      id: Uuid,
      filename: Type.String(),
      sizeBytes: Type.Integer(),
      sha256: Type.String(),
    }),
    links: Type.Object({
      self: Type.String(),
      fits: Type.String(),
      preview: Type.String(),
      thumbnail: Type.String(),
      header: Type.String(),
    }),
    uploadedBy: Nullable(Uuid),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
    distanceDeg: Type.Optional(
      Type.Number({ description: 'cone searches: separation of the centre from the cone centre' }),
    ),
  },
  { title: 'ArchiveImage' },
);

export const ImageParams = Type.Object({ id: Uuid });

export const IMAGE_SORTS = ['newest', 'oldest', 'observedAt', '-observedAt', 'distance'] as const;

export const ListImagesQuery = Type.Object(
  {
    ...LimitQuerySchema.properties,
    ra: Type.Optional(Ra),
    dec: Type.Optional(Dec),
    radius: Type.Optional(
      Type.Number({
        exclusiveMinimum: 0,
        maximum: 180,
        description: 'cone search radius in degrees, with `ra` and `dec` (all three or none)',
      }),
    ),
    containsRa: Type.Optional(Ra),
    containsDec: Type.Optional(Dec),
    minFrequencyHz: Type.Optional(Type.Number({ minimum: 0 })),
    maxFrequencyHz: Type.Optional(Type.Number({ minimum: 0 })),
    observedFrom: Type.Optional(Type.String({ format: 'date-time' })),
    observedTo: Type.Optional(Type.String({ format: 'date-time' })),
    object: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    telescope: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    instrument: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    qaGrade: Type.Optional(Literals(QA_GRADES)),
    productName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    keyword: Type.Optional(
      Type.String({
        pattern: '^[A-Z0-9_-]{1,8}$',
        description: 'images whose header has this keyword (with `value`: that value)',
      }),
    ),
    value: Type.Optional(Type.String({ maxLength: 200 })),
    courseId: Type.Optional(
      Type.String({ format: 'uuid', description: 'images attached to the lessons of this course' }),
    ),
    latest: Type.Optional(
      Type.Boolean({ default: false, description: 'only the newest version of each product' }),
    ),
    sort: Type.Optional(
      Literals(
        IMAGE_SORTS,
        '`newest` (default), `oldest`, `observedAt`, `-observedAt`, or `distance` (nearest first; cone searches only)',
      ),
    ),
  },
  { additionalProperties: false },
);

export const IngestFields = Type.Object({
  productName: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 200,
      pattern: '^[^\\s/][^/]*$',
      description: 'the product the file is a version of; default: the file name without extension',
    }),
  ),
  parentId: Type.Optional(Uuid),
  relation: Type.Optional(Literals(PROVENANCE_RELATIONS)),
});

export const IngestForm = Type.Object({
  file: Type.String({ format: 'binary', description: 'the FITS file' }),
  ...IngestFields.properties,
});

export const HeaderQuery = Type.Object(
  { keyword: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_-]{1,8}$' })) },
  { additionalProperties: false },
);

export const HeaderCardSchema = Type.Object({
  position: Type.Integer(),
  keyword: Type.String(),
  value: Nullable(Type.String()),
  comment: Nullable(Type.String()),
});

export const EdgeSchema = Type.Object({
  parentId: Uuid,
  childId: Uuid,
  relation: Literals(PROVENANCE_RELATIONS),
  createdAt: Type.String({ format: 'date-time' }),
});

export const ProvenanceSchema = Type.Object(
  {
    imageId: Uuid,
    ancestors: Type.Array(EdgeSchema),
    descendants: Type.Array(EdgeSchema),
    images: Type.Array(ImageSchema, { description: 'every image the edges name' }),
  },
  { title: 'ImageProvenance' },
);

export const ProvenanceQuery = Type.Object(
  { depth: Type.Integer({ minimum: 1, maximum: 20, default: 5 }) },
  { additionalProperties: false },
);

export const LinkParentBody = Type.Object(
  { parentId: Uuid, relation: Literals(PROVENANCE_RELATIONS) },
  {
    additionalProperties: false,
    examples: [{ parentId: '0191f3a2-5b7c-7d4e-8f00-112233445566', relation: 'derived_from' }],
  },
);

export const LinkSchema = Type.Object({
  parentId: Uuid,
  childId: Uuid,
  relation: Literals(PROVENANCE_RELATIONS),
});

export const AttachLessonBody = Type.Object(
  { courseId: Uuid, lessonId: Uuid },
  {
    additionalProperties: false,
    examples: [
      {
        courseId: '0191f3a2-5b7c-7d4e-8f00-112233445566',
        lessonId: '0191f3a2-5b7c-7d4e-8f00-665544332211',
      },
    ],
  },
);

export const LessonAttachmentSchema = Type.Object({
  imageId: Uuid,
  courseId: Uuid,
  lessonId: Uuid,
  fileUrl: Type.String({ description: 'where the lesson serves the file, by its rule' }),
});

export const ChildSchema = Type.Object({
  relation: Literals(PROVENANCE_RELATIONS),
  image: ImageSchema,
});

export const RateBody = Type.Object(
  {
    rating: Nullable(Type.Integer({ minimum: 1, maximum: 5 })),
    comment: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
  },
  { additionalProperties: false, examples: [{ rating: 4, comment: 'clean, slight sidelobes' }] },
);

export const PreviewQuery = Type.Object(
  {
    stretch: Type.Optional(Literals(['zscale', 'asinh', 'linear', 'log'] as const)),
    size: Type.Optional(
      Type.Integer({ minimum: 16, maximum: 2048, description: 'longest side in pixels (512)' }),
    ),
    plane: Type.Optional(Type.Integer({ minimum: 0, description: 'plane of a cube (0)' })),
  },
  { additionalProperties: false },
);

export const CutoutQuery = Type.Object(
  {
    ra: Type.Optional(Ra),
    dec: Type.Optional(Dec),
    x: Type.Optional(
      Type.Number({ description: 'centre column, 1-based FITS pixel (instead of ra/dec)' }),
    ),
    y: Type.Optional(Type.Number({ description: 'centre row, 1-based FITS pixel' })),
    width: Type.Number({ exclusiveMinimum: 0, description: 'in `unit`' }),
    height: Type.Number({ exclusiveMinimum: 0, description: 'in `unit`' }),
    unit: Type.Optional(Literals(['arcsec', 'arcmin', 'pixel'] as const, 'arcsec by default')),
    format: Type.Optional(Literals(['fits', 'png'] as const, 'fits by default')),
    stretch: Type.Optional(Literals(['zscale', 'asinh', 'linear', 'log'] as const)),
    plane: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false },
);

export const StatsQuery = Type.Object(
  { plane: Type.Optional(Type.Integer({ minimum: 0 })) },
  { additionalProperties: false },
);

export const StatsSchema = Type.Object({
  imageId: Uuid,
  plane: Nullable(Type.Integer()),
  stats: Type.Record(Type.String(), Nullable(Type.Number())),
});

/** A binary response as OpenAPI documents it (the handler sends the bytes itself). */
export const Binary = (description: string, mediaType: string) => ({
  description,
  content: { [mediaType]: { schema: { type: 'string', format: 'binary' } } },
});
