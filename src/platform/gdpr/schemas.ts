import { Type } from 'typebox';
import { UserSchema } from '#platform/users/schemas.js';

const DateTime = Type.String({ format: 'date-time' });
const MaybeDateTime = Type.Union([DateTime, Type.Null()]);
const MaybeText = Type.Union([Type.String(), Type.Null()]);

const ExportedSession = Type.Object({
  id: Type.String({ format: 'uuid' }),
  userAgent: MaybeText,
  ip: MaybeText,
  createdAt: DateTime,
  lastUsedAt: DateTime,
  expiresAt: DateTime,
  revokedAt: MaybeDateTime,
  revokedReason: MaybeText,
});

const ExportedApiKey = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  prefix: Type.String({ description: 'the first characters of the key, as shown in lists' }),
  scopes: Type.Array(Type.String()),
  lastUsedAt: MaybeDateTime,
  revokedAt: MaybeDateTime,
  createdAt: DateTime,
});

const ExportedAuditRow = Type.Object({
  id: Type.String({ format: 'uuid' }),
  occurredAt: DateTime,
  actorType: Type.String(),
  actorId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
  action: Type.String(),
  resourceType: Type.String(),
  resourceId: MaybeText,
  outcome: Type.String(),
  ip: MaybeText,
  details: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
});

const ExportedJob = Type.Object({
  id: Type.String({ format: 'uuid' }),
  queue: Type.String(),
  state: Type.String(),
  progress: Type.Integer(),
  message: MaybeText,
  createdAt: DateTime,
  finishedAt: MaybeDateTime,
});

const ExportedFile = Type.Object({
  id: Type.String({ format: 'uuid' }),
  filename: Type.String(),
  contentType: Type.String(),
  sizeBytes: Type.Integer(),
  createdAt: DateTime,
  deletedAt: MaybeDateTime,
});

export const UserExportSchema = Type.Object(
  {
    user: UserSchema,
    sessions: Type.Array(ExportedSession, {
      description: 'every session, live or ended; never a token or its hash',
    }),
    apiKeys: Type.Array(ExportedApiKey, { description: 'metadata only; never the secret' }),
    audit: Type.Array(ExportedAuditRow, {
      description: 'audit rows of what the user did and of what was done to their account',
    }),
    jobs: Type.Array(ExportedJob, { description: 'jobs the user started' }),
    files: Type.Array(ExportedFile, { description: 'files the user uploaded (metadata)' }),
    modules: Type.Record(Type.String(), Type.Record(Type.String(), Type.Unknown()), {
      description:
        "Each module's part under its name. `catalog`: `enrolments`, `progress`, `attempts` (with the options chosen), `reviews`, `instructorships`, `authoredCourses`.",
    }),
  },
  { title: 'UserExport' },
);
