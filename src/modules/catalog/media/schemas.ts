import { Type } from 'typebox';

export const StoredFileSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  filename: Type.String(),
  contentType: Type.String({ examples: ['video/mp4'] }),
  sizeBytes: Type.Integer({ minimum: 0 }),
  sha256: Type.String({ pattern: '^[0-9a-f]{64}$', description: 'hex SHA-256 of the bytes' }),
  url: Type.String({
    description: 'where the bytes are served (GET, HEAD, Range)',
    examples: ['/api/v1/files/0190a4b2-7c1e-7000-8000-000000000000'],
  }),
  createdAt: Type.String({ format: 'date-time' }),
});

const CourseRef = Type.String({
  minLength: 1,
  maxLength: 200,
  description: 'the course id or slug',
});

export const CourseParams = Type.Object({ id: CourseRef });
export const LessonParams = Type.Object({ id: CourseRef, lid: Type.String({ format: 'uuid' }) });
export const FileParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

/** The text fields of the video upload form (besides `file`). */
export const VideoUploadFields = Type.Object(
  {
    durationSeconds: Type.Optional(
      Type.Integer({ minimum: 0, maximum: 86_400, description: "sets the lesson's duration" }),
    ),
  },
  { additionalProperties: false },
);

/** The cover upload form has no field besides `file`. */
export const CoverUploadFields = Type.Object({}, { additionalProperties: false });

const FilePart = (description: string) =>
  Type.String({ format: 'binary', contentMediaType: 'application/octet-stream', description });

/** The video form as documented (the route streams it; it is not validated as a whole body). */
export const VideoUploadForm = Type.Object({
  file: FilePart('video/mp4, video/webm, video/ogg or video/quicktime; checked by magic bytes'),
  ...VideoUploadFields.properties,
});

export const CoverUploadForm = Type.Object({
  file: FilePart('image/png, image/jpeg or image/webp, at most 5 MB; checked by magic bytes'),
});

/** A response whose body is the file's bytes, in the media type it was stored with. */
export const FileBytes = (description: string, mediaTypes: readonly string[]) => ({
  description,
  content: Object.fromEntries(
    mediaTypes.map((type) => [type, { schema: { type: 'string', format: 'binary' } }]),
  ),
});
