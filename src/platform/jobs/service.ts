import type { Principal } from '../auth/principal.js';
import { type Database, inTransaction } from '../db/index.js';
import { conflict, forbidden, notFound } from '../errors/index.js';
import { decodeIdCursor, pageMeta } from '../http/pagination.js';
import { type JobDto, toJobDto } from './dto.js';
import { PROBE_QUEUE } from './probe.js';
import { findRecord, type JobRecord, listRecords } from './repository.js';
import type { JobQueue, JobState } from './types.js';

export interface ListJobsInput {
  state?: JobState;
  queue?: string;
  limit: number;
  cursor?: string;
}

const isOwner = (principal: Principal, job: JobRecord) => job.ownerId === principal.userId;
const canRead = (principal: Principal, job: JobRecord) =>
  isOwner(principal, job) ||
  principal.permissions.has('jobs:read') ||
  principal.permissions.has('jobs:manage');
const canManage = (principal: Principal, job: JobRecord) =>
  isOwner(principal, job) || principal.permissions.has('jobs:manage');

/** The jobs API: a user sees and cancels their own jobs; `jobs:read`/`jobs:manage` see all. */
export function createJobsService({ db, jobs }: { db: Database; jobs: JobQueue }) {
  // Someone else's job is reported as missing, so ids cannot be probed.
  async function visible(principal: Principal, id: string): Promise<JobRecord> {
    const job = await findRecord(db, id);
    if (!job || !canRead(principal, job)) throw notFound('Job', 'JOB_NOT_FOUND');
    return job;
  }

  return {
    async get(principal: Principal, id: string): Promise<JobDto> {
      return toJobDto(await visible(principal, id));
    },

    /** The caller's own jobs, newest first. */
    async list(principal: Principal, input: ListJobsInput) {
      const rows = await listRecords(db, {
        ownerId: principal.userId,
        state: input.state,
        queue: input.queue,
        before: input.cursor ? decodeIdCursor(input.cursor) : undefined,
        limit: input.limit + 1,
      });
      const { items, meta } = pageMeta(rows, input.limit, (last) => ({ id: last.id }));
      return { items: items.map(toJobDto), meta };
    },

    /** Enqueues `count` probe jobs in one transaction (the queue's self-test). */
    async probe(principal: Principal, count: number, sleepMs: number): Promise<string[]> {
      return inTransaction(db, async ({ tx }) => {
        const ids: string[] = [];
        for (let i = 0; i < count; i++) {
          const id = await jobs.enqueue(
            tx,
            PROBE_QUEUE,
            { sleepMs },
            { ownerId: principal.userId },
          );
          if (id) ids.push(id);
        }
        return ids;
      });
    },

    async cancel(principal: Principal, id: string): Promise<JobDto> {
      const job = await visible(principal, id);
      if (!canManage(principal, job))
        throw forbidden('Only its owner or an admin may cancel this job');
      if (!(await jobs.cancel(id)))
        throw conflict(
          `Job has already ${job.state === 'cancelled' ? 'been cancelled' : 'finished'}`,
          'JOB_FINISHED',
        );
      return toJobDto((await findRecord(db, id)) as JobRecord);
    },
  };
}

export type JobsService = ReturnType<typeof createJobsService>;
