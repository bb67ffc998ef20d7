/**
 * At most `size` tasks at once; the others wait in arrival order. The process's CPU-heavy work
 * (FITS parsing and rendering in worker threads) goes through one of these, so a burst of
 * requests queues instead of starting a thread each and oversubscribing the cores.
 */
export function createConcurrencyLimit(size: number) {
  const capacity = Math.max(1, size);
  let running = 0;
  const waiting: Array<() => void> = [];
  const release = () => {
    const next = waiting.shift();
    // A woken waiter inherits the slot of the task that released it.
    if (next) next();
    else running--;
  };
  return {
    capacity,
    /** Tasks running and waiting now. */
    load: () => ({ running, waiting: waiting.length }),
    async run<T>(task: () => Promise<T>): Promise<T> {
      if (running >= capacity) await new Promise<void>((go) => waiting.push(go));
      else running++;
      try {
        return await task();
      } finally {
        release();
      }
    },
  };
}

export type ConcurrencyLimit = ReturnType<typeof createConcurrencyLimit>;
