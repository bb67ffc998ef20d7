import type { Worker } from 'node:worker_threads';
import { spawnWorker, workerModuleUrl } from '#platform/workers/spawn-worker.js';
import {
  type CutoutResult,
  FitsError,
  type FitsErrorCode,
  type FitsLocation,
  type InspectReport,
  type PlannedImage,
  type PreviewResult,
} from '../fits/index.js';
import type { FileCutoutRequest } from './cutout-file.js';
import type { FilePreviewRequest } from './preview-file.js';
import type { FileStatsRequest } from './stats-file.js';

export type FitsTask =
  | { kind: 'plan'; path: string }
  | { kind: 'preview'; request: FilePreviewRequest }
  | { kind: 'stats'; request: FileStatsRequest }
  | { kind: 'cutout'; request: FileCutoutRequest };

interface Answers {
  plan: PlannedImage[];
  preview: PreviewResult & { hdu: number };
  stats: InspectReport['hdus'][number];
  cutout: CutoutResult & { png?: Uint8Array };
}

type Reply =
  | { id: number; ok: true; result: unknown }
  | {
      id: number;
      ok: false;
      error: { message: string; code?: FitsErrorCode; where?: FitsLocation };
    };

interface Pending {
  id: number;
  task: FitsTask;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  busy: Pending | null;
}

/**
 * The process's FITS worker threads: at most `size` long-lived workers, each doing one task at
 * a time (parse for ingest, preview, statistics, cutout); more tasks wait in arrival order. A
 * worker is started on first need and kept, so a task costs its work, not a thread start (in a
 * source checkout a new worker loads the module graph through tsx: some 300 ms). A worker that
 * dies fails its task and is replaced on the next one.
 */
export function createFitsPool(size: number) {
  const capacity = Math.max(1, size);
  const slots: Slot[] = [];
  const queue: Pending[] = [];
  let nextId = 1;
  let closed = false;

  function start(): Slot {
    const worker = spawnWorker(workerModuleUrl('task-worker', import.meta.url));
    const slot: Slot = { worker, busy: null };
    worker.on('message', (reply: Reply) => {
      const task = slot.busy;
      if (!task || task.id !== reply.id) return;
      slot.busy = null;
      worker.unref();
      if (reply.ok) task.resolve(reply.result);
      else {
        const e = reply.error;
        task.reject(
          e.code
            ? new FitsError(e.code, e.message.replace(/ \([^)]*\)$/, ''), e.where ?? {})
            : new Error(e.message),
        );
      }
      dispatch();
    });
    const lost = (error: Error) => {
      const i = slots.indexOf(slot);
      if (i >= 0) slots.splice(i, 1);
      slot.busy?.reject(error);
      slot.busy = null;
      dispatch();
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(new Error(`the FITS worker exited with code ${code}`)));
    worker.unref();
    slots.push(slot);
    return slot;
  }

  function dispatch() {
    while (queue.length > 0 && !closed) {
      const slot = slots.find((s) => s.busy === null) ?? (slots.length < capacity ? start() : null);
      if (!slot) return;
      const next = queue.shift()!;
      slot.busy = next;
      slot.worker.ref();
      slot.worker.postMessage({ id: next.id, task: next.task });
    }
  }

  return {
    capacity,
    /** Tasks running and waiting now. */
    load: () => ({ running: slots.filter((s) => s.busy).length, waiting: queue.length }),

    run<K extends FitsTask['kind']>(task: Extract<FitsTask, { kind: K }>): Promise<Answers[K]> {
      if (closed) return Promise.reject(new Error('the FITS worker pool is closed'));
      return new Promise<Answers[K]>((resolve, reject) => {
        queue.push({ id: nextId++, task, resolve: resolve as (v: unknown) => void, reject });
        dispatch();
      });
    },

    /** Stops every worker; waiting and running tasks fail. */
    async close(): Promise<void> {
      closed = true;
      for (const p of queue.splice(0)) p.reject(new Error('the FITS worker pool is closed'));
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}

export type FitsPool = ReturnType<typeof createFitsPool>;
