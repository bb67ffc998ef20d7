import type { Static } from 'typebox';
import { type Auth, mayAccess, requireAccess, requirePrincipal } from '../auth/access.js';
import { type Database, inTransaction } from '../db/index.js';
import { conflict, forbidden, notFound } from '../errors/index.js';
import { decodeIdCursor, type Page, pageOf } from '../http/pagination.js';
import { type JobDto, toJobDto } from './dto.js';
import { PROBE_QUEUE } from './probe.js';
import { findRecord, type JobRecord, listRecords } from './repository.js';
import type { ListJobsQuery } from './schemas.js';
import type { JobQueue } from './types.js';

export type ListJobsInput = Static<typeof ListJobsQuery>;

/** The jobs API: a user sees and cancels their own jobs; `jobs:read`/`jobs:manage` see all. */
export function createJobsService({ db, jobs }: { db: Database; jobs: JobQueue }) {
  // Someone else's job is reported as missing, so ids cannot be probed.
  async function visible(auth: Auth, id: string): Promise<JobRecord> {
    const caller = requirePrincipal(auth);
    const job = await findRecord(db, id);
    if (!job || !mayAccess(caller, ['jobs:read', 'jobs:manage'], job))
      throw notFound('Job', 'JOB_NOT_FOUND');
    return job;
  }

  return {
    async get(auth: Auth, id: string): Promise<JobDto> {
      return toJobDto(await visible(auth, id));
    },

    /** The caller's own jobs, newest first. */
    async list(auth: Auth, input: ListJobsInput): Promise<Page<JobDto>> {
      const caller = requirePrincipal(auth);
      const rows = await listRecords(db, {
        ownerId: caller.userId,
        state: input.state,
        queue: input.queue,
        before: input.cursor ? decodeIdCursor(input.cursor) : undefined,
        limit: input.limit + 1,
      });
      return pageOf(rows.map(toJobDto), input.limit, (last) => ({ id: last.id }));
    },

    /** Enqueues `count` probe jobs in one transaction (the queue's self-test). */
    async probe(auth: Auth, count: number, sleepMs: number): Promise<string[]> {
      const caller = requireAccess(auth, 'jobs:manage');
      return inTransaction(db, async ({ tx }) => {
        const ids: string[] = [];
        for (let i = 0; i < count; i++) {
          const id = await jobs.enqueue(tx, PROBE_QUEUE, { sleepMs }, { ownerId: caller.userId });
          if (id) ids.push(id);
        }
        return ids;
      });
    },

    async cancel(auth: Auth, id: string): Promise<JobDto> {
      const job = await visible(auth, id);
      if (!mayAccess(auth, 'jobs:manage', job))
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
