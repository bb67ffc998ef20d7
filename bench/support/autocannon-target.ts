// One benchmark target measured with autocannon, after a short warm-up.
import autocannon from 'autocannon';
import { mainThreadCpuSeconds } from './thread-cpu.js';

export interface Load {
  duration: number;
  connections: number;
  /** Worker threads for autocannon, so its own work does not share the servers' loop. */
  workers: number;
}

/** Where to fire: a url, with fixed headers or a list of requests to rotate through. */
export interface Target {
  url: string;
  headers?: Record<string, string>;
  requests?: autocannon.Request[];
}

export interface TargetResult {
  target: string;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  /** Main-thread CPU microseconds per request served (Linux), null elsewhere. */
  cpuUsPerRequest: number | null;
}

export async function measureTarget(
  label: string,
  target: Target,
  load: Load,
): Promise<TargetResult> {
  // A short warm-up so JIT and caches are not part of the figures.
  await autocannon({ ...target, duration: 2, connections: load.connections });
  const cpuBefore = mainThreadCpuSeconds();
  const result = await autocannon({
    ...target,
    duration: load.duration,
    connections: load.connections,
    ...(load.workers > 0 ? { workers: load.workers } : {}),
  });
  const cpuAfter = mainThreadCpuSeconds();
  const served = result.requests.total;
  return {
    target: label,
    cpuUsPerRequest:
      cpuBefore === null || cpuAfter === null || served === 0
        ? null
        : ((cpuAfter - cpuBefore) * 1e6) / served,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

export function describeLoad(load: Load): string {
  return `autocannon: ${load.duration} s, ${load.connections} connections, ${load.workers} worker thread(s) per target\n`;
}
