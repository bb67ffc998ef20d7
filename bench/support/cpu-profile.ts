// A CPU profile of this thread while something runs, and its functions by self time.
import { Session } from 'node:inspector/promises';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Profiles this thread (sampling every `intervalUs`) while `run` runs. */
export async function profileWhile<T>(
  run: () => Promise<T>,
  intervalUs = 100,
): Promise<{ result: T; profile: CpuProfile }> {
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: intervalUs });
    await session.post('Profiler.start');
    const result = await run();
    const { profile } = await session.post('Profiler.stop');
    return { result, profile: profile as unknown as CpuProfile };
  } finally {
    session.disconnect();
  }
}

/** Where a frame's code lives: a package, a file of ours, or Node / the VM. */
function placeOf(url: string, functionName: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  const ours = /\/((?:src|bench)\/.*)$/.exec(url);
  if (ours) return ours[1]!;
  if (url.startsWith('node:')) return url;
  return `(${functionName || 'vm'})`;
}

/** The heaviest functions and places by self time, as shares of all samples. */
export function selfTimeTable(profile: CpuProfile, top: number) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const byFunction = new Map<string, number>();
  const byPlace = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const frame = byId.get(id)!.callFrame;
    const dt = profile.timeDeltas[i] ?? 0;
    const place = placeOf(frame.url, frame.functionName);
    const fn = `${frame.functionName || '(anonymous)'}  ${place}${frame.url ? `:${frame.lineNumber + 1}` : ''}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + dt);
    byPlace.set(place, (byPlace.get(place) ?? 0) + dt);
    total += dt;
  });
  const rank = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, t]) => `${((100 * t) / total).toFixed(1).padStart(5)} %  ${name}`);
  return { functions: rank(byFunction), places: rank(byPlace) };
}
