import type { Static } from 'typebox';
import type { JobRecord } from './repository.js';
import type { JobSchema } from './schemas.js';

export type JobDto = Static<typeof JobSchema>;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toJobDto(row: JobRecord): JobDto {
  return {
    id: row.id,
    queue: row.queue,
    state: row.state,
    progress: row.progress,
    message: row.message,
    result: row.result ?? null,
    error: row.error,
    attempts: row.attempts,
    maxAttempts: row.maxAttempts,
    ownerId: row.ownerId,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    startedAt: iso(row.startedAt),
    finishedAt: iso(row.finishedAt),
  };
}
