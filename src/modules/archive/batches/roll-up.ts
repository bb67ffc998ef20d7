import type { BatchCounts } from './repository.js';

export type BatchStatus = 'pending' | 'running' | 'done' | 'failed' | 'cancelled';

/**
 * A batch's status from its items': `done` when nothing is left and nothing failed, `failed`
 * when something failed, `cancelled` when it was cancelled with nothing failed, else `running`
 * (or `pending` before any item started).
 */
export function rollUp(c: BatchCounts, cancelled: boolean): BatchStatus {
  const left = c.pending + c.running;
  if (left > 0)
    return cancelled ? 'cancelled' : c.running + c.done + c.failed > 0 ? 'running' : 'pending';
  if (c.failed > 0) return 'failed';
  if (cancelled || c.cancelled > 0) return 'cancelled';
  return 'done';
}

/** Share of the items that are finished one way or another, 0–100. */
export function percentOf(c: BatchCounts): number {
  const total = c.pending + c.running + c.done + c.failed + c.cancelled;
  return total === 0 ? 100 : Math.round(((c.done + c.failed + c.cancelled) * 100) / total);
}
