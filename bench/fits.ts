// `npm run bench -- fits [--repeat N] [--seconds S] [--no-astropy] [--no-stream] [--stream-mb M]`
//
// For each shared sample file: header + statistics (every image HDU, physical values in double
// precision: count, NaN count, min, max, mean, median, std, rms, sigma-clipped mean/std) and a
// 512-px zscale PNG preview, timed in-process (median of repeated runs after warm-up), with MB/s
// over the file size (1 MB = 10^6 bytes). Beside it the same work by astropy + numpy, timed inside
// Python (bench/fits-astropy.py). Then a 100 MB float32 image's statistics in streaming mode,
// in a child process so its peak RSS is its own.
import { spawnSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readdirSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  computeStats,
  createPixelPass,
  imageStats,
  isImageHdu,
  type PixelStats,
  readFitsStructure,
  readImagePlane,
  renderPreview,
} from '#modules/archive/fits/index.js';
import { headerBytes } from '#modules/archive/fits/testing/fits-writer.js';
import { openFileSource, previewFile } from '#modules/archive/fits-io/index.js';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const root = fileURLToPath(new URL('../', import.meta.url));
const dataDir = resolve(root, '../shared/data/fits');
const PYTHON = '/usr/bin/python3';

async function headerAndStats(path: string): Promise<PixelStats[]> {
  const source = await openFileSource(path);
  try {
    const file = await readFitsStructure(source);
    const out: PixelStats[] = [];
    for (const hdu of file.hdus) {
      if (!isImageHdu(hdu)) continue;
      out.push(await imageStats(source, hdu));
    }
    return out;
  } finally {
    await source.close();
  }
}

async function preview(path: string): Promise<number> {
  const source = await openFileSource(path);
  try {
    const file = await readFitsStructure(source);
    const hdu = file.hdus.find(isImageHdu);
    if (!hdu) return 0;
    const plane = await readImagePlane(source, hdu, 0);
    return renderPreview(plane, { stretch: 'zscale', size: 512 }).png.length;
  } finally {
    await source.close();
  }
}

async function timed<T>(work: () => Promise<T>, minRuns: number, minSeconds: number) {
  for (let i = 0; i < 3; i++) await work(); // warm-up: let the JIT compile the hot loops
  const times: number[] = [];
  const start = performance.now();
  let result: T | undefined;
  while (
    times.length < minRuns ||
    (performance.now() - start < minSeconds * 1000 && times.length < 1000)
  ) {
    const t0 = performance.now();
    result = await work();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { ms: times[times.length >> 1]!, runs: times.length, result: result as T };
}

interface PythonFile {
  headerStatsSeconds: number;
  previewSeconds: number | null;
  stats: Record<string, number>[];
}
type PythonReport = {
  astropy: string;
  numpy: string;
  png: boolean;
  files: Record<string, PythonFile>;
};

function hasAstropy(): boolean {
  return spawnSync(PYTHON, ['-c', 'import astropy, numpy'], { stdio: 'ignore' }).status === 0;
}

function ensureAstropy(): string | null {
  if (!existsSync(PYTHON)) return `${PYTHON} not found`;
  if (hasAstropy()) return null;
  console.error('astropy missing: installing Debian python3-astropy python3-numpy (apt-get)…');
  const update = spawnSync('apt-get', ['update'], { stdio: 'ignore' });
  const install = spawnSync('apt-get', ['install', '-y', 'python3-astropy', 'python3-numpy'], {
    stdio: 'ignore',
  });
  if (update.status !== 0 || install.status !== 0 || !hasAstropy()) {
    return 'could not install python3-astropy with apt-get (not root, or no network)';
  }
  return null;
}

function runAstropy(files: string[], repeat: number, seconds: number): PythonReport | string {
  const why = ensureAstropy();
  if (why) return why;
  const r = spawnSync(
    PYTHON,
    [
      join(root, 'bench/fits-astropy.py'),
      '--repeat',
      String(repeat),
      '--seconds',
      String(seconds),
      ...files,
    ],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  if (r.status !== 0) return `astropy run failed: ${r.stderr.trim().split('\n').pop()}`;
  return JSON.parse(r.stdout) as PythonReport;
}

const pad = (s: string | number, n: number) => String(s).padStart(n);
const mbps = (bytes: number, ms: number) => bytes / 1e6 / (ms / 1000);

function relDiff(a: number | null | undefined, b: number | undefined): number {
  if (a === null || a === undefined || b === undefined) return 0;
  return Math.abs(a - b) / Math.max(1e-300, Math.abs(b));
}

/** Writes a float32 image of about `mb` megabytes in 1 MB slices (never the whole array in memory). */
function writeBigImage(path: string, mb: number): number {
  const side = Math.floor(Math.sqrt((mb * 1024 * 1024) / 4));
  const header = headerBytes([
    ['SIMPLE', true],
    ['BITPIX', -32],
    ['NAXIS', 2],
    ['NAXIS1', side],
    ['NAXIS2', side],
    ['BUNIT', 'Jy/beam'],
  ]);
  const fd = openSync(path, 'w');
  writeSync(fd, header);
  const rows = Math.max(1, Math.floor((1 << 20) / (side * 4)));
  const buf = new Uint8Array(rows * side * 4);
  const dv = new DataView(buf.buffer);
  let seed = 12345;
  for (let y = 0; y < side; y += rows) {
    const n = Math.min(rows, side - y) * side;
    for (let i = 0; i < n; i++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      const u = seed / 4294967296;
      // Noise around 100 with rare bright sources and some missing pixels.
      const v = i % 9973 === 0 ? Number.NaN : u > 0.999 ? 1000 * u : 100 + 10 * (u - 0.5);
      dv.setFloat32(i * 4, v, false);
    }
    writeSync(fd, buf, 0, n * 4);
  }
  const dataBytes = side * side * 4;
  const padding = (2880 - (dataBytes % 2880)) % 2880;
  if (padding) writeSync(fd, new Uint8Array(padding));
  closeSync(fd);
  return side;
}

/** Child-process side of the streamed preview figure: prints JSON with time and memory. */
async function previewChild(path: string): Promise<void> {
  const before = process.memoryUsage().rss;
  const t0 = performance.now();
  const result = await previewFile({ path, stretch: 'zscale', size: 512 });
  const ms = performance.now() - t0;
  const peakRss = process.resourceUsage().maxRSS * 1024;
  process.stdout.write(
    JSON.stringify({
      ms,
      baselineRss: before,
      peakRss,
      width: result.width,
      height: result.height,
    }),
  );
}

/** Child-process side of the streaming figure: prints JSON with time and memory. */
async function streamChild(path: string): Promise<void> {
  const before = process.memoryUsage().rss;
  const maxBefore = process.resourceUsage().maxRSS * 1024;
  const t0 = performance.now();
  const source = await openFileSource(path);
  const file = await readFitsStructure(source);
  const hdu = file.hdus[0]!;
  const cpu0 = process.cpuUsage();
  const { pass, streaming } = await createPixelPass(source, hdu, { streaming: true });
  let passes = 0;
  const stats = await computeStats((visit) => {
    passes++;
    return pass(visit);
  });
  await source.close();
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const peak = process.resourceUsage().maxRSS * 1024;
  process.stdout.write(
    JSON.stringify({
      ms,
      cpuMs,
      passes,
      streaming,
      baselineRss: before,
      maxRssBefore: maxBefore,
      peakRss: peak,
      stats,
    }),
  );
}

async function streamFigure(mb: number, withAstropy: boolean): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'lectern-fits-bench-'));
  try {
    const path = join(dir, `big-${mb}mb.fits`);
    const side = writeBigImage(path, mb);
    const size = statSync(path).size;
    console.log(
      `\nStreaming statistics: ${side}x${side} float32, ${(size / 1e6).toFixed(1)} MB (${path})`,
    );
    const r = spawnSync(
      process.execPath,
      [...process.execArgv, fileURLToPath(import.meta.url), '--stream-child', path],
      {
        encoding: 'utf8',
        maxBuffer: 16 * 1024 * 1024,
      },
    );
    if (r.status !== 0) {
      console.log(`  streaming child failed: ${r.stderr.trim()}`);
      return;
    }
    const c = JSON.parse(r.stdout) as {
      ms: number;
      cpuMs: number;
      passes: number;
      baselineRss: number;
      maxRssBefore: number;
      peakRss: number;
      stats: PixelStats;
    };
    const extra = c.peakRss - Math.max(c.baselineRss, 0);
    console.log(
      `  lectern: ${(c.ms / 1000).toFixed(2)} s wall (${(c.cpuMs / 1000).toFixed(2)} s CPU, ${c.passes} passes over the file), ${mbps(size, c.ms).toFixed(0)} MB/s, peak RSS ${(c.peakRss / 2 ** 20).toFixed(1)} MiB, baseline ${(c.baselineRss / 2 ** 20).toFixed(1)} MiB → extra ${(extra / 2 ** 20).toFixed(1)} MiB (target < 64 MB)`,
    );
    const s = c.stats;
    console.log(
      `  stats: n ${s.count}, NaN ${s.nanCount}, min ${s.min}, max ${s.max}, mean ${s.mean}, median ${s.median}, std ${s.std}`,
    );
    const pr = spawnSync(
      process.execPath,
      [...process.execArgv, fileURLToPath(import.meta.url), '--preview-child', path],
      { encoding: 'utf8' },
    );
    if (pr.status === 0) {
      const p = JSON.parse(pr.stdout) as {
        ms: number;
        baselineRss: number;
        peakRss: number;
        width: number;
        height: number;
      };
      console.log(
        `  streamed zscale preview (${p.width}x${p.height} PNG): ${(p.ms / 1000).toFixed(2)} s, peak RSS ${(p.peakRss / 2 ** 20).toFixed(1)} MiB → extra ${((p.peakRss - p.baselineRss) / 2 ** 20).toFixed(1)} MiB`,
      );
    } else console.log(`  preview child failed: ${pr.stderr.trim()}`);
    if (withAstropy && !ensureAstropy()) {
      const py = spawnSync(
        PYTHON,
        [
          '-c',
          `import resource,time,sys,numpy as np\nfrom astropy.io import fits\nt=time.perf_counter()\nd=fits.getdata(sys.argv[1]).astype(np.float64)\nv=d[np.isfinite(d)]\nr=(v.min(),v.max(),v.mean(),np.median(v),v.std())\nprint(time.perf_counter()-t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss*1024)`,
          path,
        ],
        { encoding: 'utf8' },
      );
      if (py.status === 0) {
        const [sec, rss] = py.stdout.trim().split(/\s+/).map(Number);
        console.log(
          `  astropy+numpy (in memory, no clipping): ${sec!.toFixed(2)} s, ${(size / 1e6 / sec!).toFixed(0)} MB/s, peak RSS ${(rss! / 2 ** 20).toFixed(0)} MiB`,
        );
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  if (flag('--preview-child')) {
    await previewChild(args[args.indexOf('--preview-child') + 1]!);
    return;
  }
  if (flag('--stream-child')) {
    await streamChild(args[args.indexOf('--stream-child') + 1]!);
    return;
  }
  const repeat = option('--repeat', 5);
  const seconds = option('--seconds', 0.5);
  if (!existsSync(dataDir)) {
    console.log(`sample files not found at ${dataDir}; skipping the per-file table`);
  } else {
    const files = readdirSync(dataDir)
      .filter((f) => f.endsWith('.fits'))
      .sort()
      .map((f) => join(dataDir, f));
    const py = flag('--no-astropy') ? 'skipped (--no-astropy)' : runAstropy(files, repeat, seconds);
    if (typeof py === 'string') console.log(`astropy comparison skipped: ${py}`);
    else
      console.log(
        `astropy ${py.astropy}, numpy ${py.numpy} (Debian, ${PYTHON}), timed inside Python`,
      );
    console.log(
      `node ${process.version}; median of ≥${repeat} runs / ≥${seconds}s per figure after 3 warm-up runs\n`,
    );
    console.log(
      `${'file'.padEnd(34)} ${pad('MB', 6)} | ${pad('hdr+stats ms', 12)} ${pad('MB/s', 7)} | ${pad('astropy ms', 10)} ${pad('MB/s', 7)} ${pad('speed-up', 8)} | ${pad('preview ms', 10)} ${pad('astropy', 8)} | max rel diff`,
    );
    let ours = 0;
    let theirs = 0;
    let bytes = 0;
    for (const path of files) {
      const size = statSync(path).size;
      const stats = await timed(() => headerAndStats(path), repeat, seconds);
      const prev = await timed(() => preview(path), repeat, seconds);
      const p = typeof py === 'string' ? undefined : py.files[path];
      let diff = 0;
      if (p) {
        stats.result.forEach((s, i) => {
          const q = p.stats[i];
          if (!q) return;
          for (const k of [
            'min',
            'max',
            'mean',
            'median',
            'std',
            'robustMean',
            'robustStd',
          ] as const) {
            diff = Math.max(diff, relDiff(s[k], q[k]));
          }
        });
        ours += stats.ms;
        theirs += p.headerStatsSeconds * 1000;
        bytes += size;
      }
      const am = p ? p.headerStatsSeconds * 1000 : Number.NaN;
      console.log(
        `${path.split('/').pop()!.padEnd(34)} ${pad((size / 1e6).toFixed(3), 6)} | ${pad(stats.ms.toFixed(2), 12)} ${pad(mbps(size, stats.ms).toFixed(1), 7)} | ${pad(p ? am.toFixed(2) : '-', 10)} ${pad(p ? mbps(size, am).toFixed(1) : '-', 7)} ${pad(p ? `${(am / stats.ms).toFixed(1)}x` : '-', 8)} | ${pad(prev.ms.toFixed(2), 10)} ${pad(p?.previewSeconds ? (p.previewSeconds * 1000).toFixed(2) : '-', 8)} | ${p ? diff.toExponential(1) : '-'}`,
      );
    }
    if (theirs > 0) {
      console.log(
        `\nall files, header+stats: lectern ${ours.toFixed(1)} ms (${mbps(bytes, ours).toFixed(1)} MB/s), astropy ${theirs.toFixed(1)} ms (${mbps(bytes, theirs).toFixed(1)} MB/s): ${(theirs / ours).toFixed(1)}x (target ≥ 2x)`,
      );
      console.log(
        'max rel diff: largest relative difference of min/max/mean/median/std/clipped stats vs numpy (astropy scales BSCALE data in float32, lectern in float64)',
      );
    }
  }
  if (!flag('--no-stream')) await streamFigure(option('--stream-mb', 100), !flag('--no-astropy'));
}

await main();
