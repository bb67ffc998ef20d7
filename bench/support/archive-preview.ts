// The preview figure: a large float32 image uploaded over HTTP, then its PNG previews requested
// from a child process while this process (the server's) samples its own event-loop delay.
import { spawn } from 'node:child_process';
import { mkdtempSync, openAsBlob, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type IntervalHistogram, monitorEventLoopDelay } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { writeLargeImage } from './archive-image.js';
import type { ArchiveBench } from './archive-server.js';
import { uploadFits } from './archive-server.js';
import { type FigureRow, ms } from './archive-stats.js';

export const LOOP_TARGET_MS = 20;
const STRETCHES = ['asinh', 'linear', 'log'] as const;

interface Done {
  name: string;
  ms: number;
  status: number;
  bytes: number;
}

const p99Of = (h: IntervalHistogram) => h.percentile(99) / 1e6;
const maxOf = (h: IntervalHistogram) => h.max / 1e6;

async function idleLoopDelay(milliseconds: number): Promise<IntervalHistogram> {
  const h = monitorEventLoopDelay({ resolution: 1 });
  h.enable();
  await new Promise((resolve) => setTimeout(resolve, milliseconds));
  h.disable();
  return h;
}

/** Runs the child client; `first` samples the first render only, `renders` every uncached one. */
function runClient(bench: ArchiveBench, requests: { name: string; path: string }[]) {
  const first = monitorEventLoopDelay({ resolution: 1 });
  const renders = monitorEventLoopDelay({ resolution: 1 });
  const client = fileURLToPath(new URL('./archive-preview-client.ts', import.meta.url));
  const child = spawn(
    process.execPath,
    [
      ...process.execArgv,
      client,
      JSON.stringify({ origin: bench.origin, auth: bench.auth, requests }),
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const done: Done[] = [];
  const sampled = (name: string) => [
    ...(name === 'first zscale' ? [first] : []),
    ...(name === 'cached zscale' ? [] : [renders]),
  ];
  return new Promise<{ done: Done[]; first: IntervalHistogram; renders: IntervalHistogram }>(
    (resolve, reject) => {
      createInterface({ input: child.stdout! }).on('line', (line) => {
        const message = JSON.parse(line) as { event: 'start' | 'done' } & Done;
        if (message.event === 'start') {
          for (const h of sampled(message.name)) h.enable();
          child.stdin!.write('go\n');
        } else {
          for (const h of sampled(message.name)) h.disable();
          done.push(message);
        }
      });
      child.on('error', reject);
      child.on('exit', (code) =>
        code === 0
          ? resolve({ done, first, renders })
          : reject(new Error(`preview client exited with ${code}`)),
      );
    },
  );
}

export async function previewFigures(bench: ArchiveBench, side: number): Promise<FigureRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'lectern-archive-bench-'));
  try {
    const path = join(dir, `large-${side}.fits`);
    const size = writeLargeImage(path, side);
    console.log(
      `\nPreview of a ${side} × ${side} float32 image (${(size / 1e6).toFixed(1)} MB), requested from a child process`,
    );
    const upload = await uploadFits(
      bench.origin,
      bench.auth,
      await openAsBlob(path),
      'large.fits',
      `large-${Date.now().toString(36)}`,
    );
    if (upload.status !== 201)
      throw new Error(`upload of the large image answered ${upload.status} ${upload.code}`);
    console.log(
      `  upload + ingest over HTTP: ${(upload.ms / 1000).toFixed(2)} s (${(size / 1e6 / (upload.ms / 1000)).toFixed(0)} MB/s)`,
    );
    const id = upload.imageIds[0]!;
    const idle = await idleLoopDelay(1000);
    const preview = (stretch: string) =>
      `/api/v1/archive/images/${id}/preview.png?stretch=${stretch}`;
    const { done, first, renders } = await runClient(bench, [
      { name: 'first zscale', path: preview('zscale') },
      { name: 'cached zscale', path: preview('zscale') },
      ...STRETCHES.map((s) => ({ name: `first ${s}`, path: preview(s) })),
    ]);
    for (const d of done)
      console.log(
        `  ${d.name.padEnd(14)} ${ms(d.ms).padStart(9)} ms  ${d.status}  ${d.bytes} bytes of PNG`,
      );
    console.log(
      `  event-loop delay (this process, resolution 1 ms): idle p99 ${ms(p99Of(idle))} ms; first render p99 ${ms(p99Of(first))} / max ${ms(maxOf(first))} ms; all ${1 + STRETCHES.length} renders p99 ${ms(p99Of(renders))} / max ${ms(maxOf(renders))} ms`,
    );
    const byName = new Map(done.map((d) => [d.name, d]));
    const bad = done.filter((d) => d.status !== 200);
    const others = STRETCHES.map((s) => ms(byName.get(`first ${s}`)?.ms ?? Number.NaN)).join(' / ');
    const target = `p99 < ${LOOP_TARGET_MS} ms`;
    return [
      {
        figure: `preview ${side}²: upload + ingest`,
        value: `${(upload.ms / 1000).toFixed(2)} s, ${(size / 1e6 / (upload.ms / 1000)).toFixed(0)} MB/s`,
      },
      {
        figure: `preview ${side}²: first render (zscale)`,
        value: `${ms(byName.get('first zscale')?.ms ?? Number.NaN)} ms`,
        target: 'status 200',
        met: bad.length === 0,
      },
      {
        figure: `preview ${side}²: cached`,
        value: `${ms(byName.get('cached zscale')?.ms ?? Number.NaN)} ms`,
      },
      { figure: `preview ${side}²: ${STRETCHES.join(' / ')} renders`, value: `${others} ms` },
      { figure: 'event-loop delay, idle (baseline)', value: `p99 ${ms(p99Of(idle))} ms` },
      {
        figure: 'event-loop delay, first render',
        value: `p99 ${ms(p99Of(first))} ms (max ${ms(maxOf(first))})`,
        target,
        met: p99Of(first) < LOOP_TARGET_MS,
      },
      {
        figure: 'event-loop delay, all renders',
        value: `p99 ${ms(p99Of(renders))} ms (max ${ms(maxOf(renders))})`,
        target,
        met: p99Of(renders) < LOOP_TARGET_MS,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
