import type { Realtime } from './realtime.js';
import { jobTopic } from './topics.js';

/** What the jobs module reports on each progress step (structurally its `JobProgressEvent`). */
export interface JobProgressReport {
  jobId: string;
  queue: string;
  ownerId: string | null;
  progress: number;
  message: string | null;
}

/**
 * Publishes a job's progress to `jobs:<id>` as a transient `job.progress` event: progress is
 * already stored on the job, so a client that misses some catches up from `GET /jobs/:id`.
 */
export async function publishJobProgress(
  realtime: Pick<Realtime, 'publish'>,
  report: JobProgressReport,
): Promise<void> {
  await realtime.publish([jobTopic(report.jobId)], {
    type: 'job.progress',
    subjectType: 'job',
    subjectId: report.jobId,
    actorId: null,
    data: {
      queue: report.queue,
      ownerId: report.ownerId,
      progress: report.progress,
      message: report.message,
    },
  });
}
