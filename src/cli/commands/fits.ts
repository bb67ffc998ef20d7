import { writeFile } from 'node:fs/promises';
import { type Command, InvalidArgumentError, Option } from 'commander';
import {
  FitsError,
  type InspectReport,
  inspectFits,
  readFitsStructure,
  STRETCHES,
  type StretchName,
  verifyHdu,
} from '#modules/archive/fits/index.js';
import { openFileSource, previewInWorker } from '#modules/archive/fits-io/index.js';
import { formatInspectReport } from './fits-format.js';

function nonNegativeInt(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value) || !Number.isSafeInteger(n)) {
      throw new InvalidArgumentError(`${name} must be a whole number ≥ 0`);
    }
    return n;
  };
}

function positiveInt(name: string) {
  return (value: string): number => {
    const n = nonNegativeInt(name)(value);
    if (n === 0) throw new InvalidArgumentError(`${name} must be at least 1`);
    return n;
  };
}

/** Runs a command body; FITS errors become a one-line message on stderr and exit code 1. */
async function run(body: () => Promise<number>): Promise<void> {
  try {
    process.exitCode = await body();
  } catch (err) {
    if (err instanceof FitsError || (err instanceof Error && 'code' in err)) {
      console.error(`lectern fits: ${err.message}`);
      process.exitCode = 1;
      return;
    }
    throw err;
  }
}

/** Registers `lectern fits …` (inspect, preview, verify). */
export function registerFitsCommands(program: Command): void {
  const fits = program
    .command('fits')
    .description('FITS archive engine: inspect, preview and verify FITS files');

  fits
    .command('inspect')
    .description(
      "every HDU's summary, WCS, statistics (physical values, double precision) and warnings",
    )
    .argument('<file>', 'FITS file')
    .option('--hdu <n>', 'only this HDU (0-based)', nonNegativeInt('--hdu'))
    .option(
      '--plane <k>',
      'statistics of this 2-D plane of a cube (0-based)',
      nonNegativeInt('--plane'),
    )
    .option('--no-stats', 'headers only: no statistics or checksums, data bytes are not read')
    .option('--json', 'print JSON')
    .action(
      (file: string, opts: { hdu?: number; plane?: number; stats: boolean; json?: boolean }) =>
        run(async () => {
          // Header-only runs keep the file on disk and read just the header blocks.
          const source = await openFileSource(file, opts.stats ? {} : { inMemoryLimit: 0 });
          let report: InspectReport;
          try {
            report = await inspectFits(source, {
              ...(opts.hdu !== undefined ? { hdu: opts.hdu } : {}),
              ...(opts.plane !== undefined ? { plane: opts.plane } : {}),
              stats: opts.stats,
              checksums: opts.stats,
            });
          } finally {
            await source.close();
          }
          if (opts.json) console.log(JSON.stringify(report, jsonReplacer, 2));
          else console.log(formatInspectReport(report));
          for (const hdu of report.hdus)
            for (const w of hdu.warnings) console.error(`warning: ${w}`);
          for (const w of report.warnings) console.error(`warning: ${w}`);
          return 0;
        }),
    );

  fits
    .command('preview')
    .description('render a PNG preview of an image plane (rendered in a worker thread)')
    .argument('<file>', 'FITS file')
    .requiredOption('--out <file.png>', 'where to write the PNG')
    .option('--hdu <n>', 'HDU index (default: the first with image data)', nonNegativeInt('--hdu'))
    .option('--plane <k>', '2-D plane of a cube (0-based)', nonNegativeInt('--plane'), 0)
    .addOption(
      new Option('--stretch <name>', 'display stretch').choices([...STRETCHES]).default('zscale'),
    )
    .option('--size <px>', 'largest side of the PNG in pixels', positiveInt('--size'), 512)
    .action(
      (
        file: string,
        opts: { out: string; hdu?: number; plane: number; stretch: StretchName; size: number },
      ) =>
        run(async () => {
          const result = await previewInWorker({
            path: file,
            ...(opts.hdu !== undefined ? { hdu: opts.hdu } : {}),
            plane: opts.plane,
            stretch: opts.stretch,
            size: opts.size,
          });
          await writeFile(opts.out, result.png);
          console.log(
            `${opts.out}: ${result.width}x${result.height} PNG from HDU ${result.hdu}, ${result.stretch} ${result.vmin}..${result.vmax}, 1:${result.factor}`,
          );
          return 0;
        }),
    );

  fits
    .command('verify')
    .description('check CHECKSUM and DATASUM of every HDU; exits 1 when one fails')
    .argument('<file>', 'FITS file')
    .option('--json', 'print JSON')
    .action((file: string, opts: { json?: boolean }) =>
      run(async () => {
        const source = await openFileSource(file);
        try {
          const structure = await readFitsStructure(source);
          const reports = [];
          for (const hdu of structure.hdus) reports.push(await verifyHdu(source, hdu));
          const failed = reports.some((r) => r.checksumOk === false || r.datasumOk === false);
          const checked = reports.some((r) => r.checksumOk !== null || r.datasumOk !== null);
          if (opts.json) {
            console.log(JSON.stringify({ ok: !failed, checked, hdus: reports }, null, 2));
          } else {
            for (const r of reports) {
              const cs =
                r.checksumOk === null
                  ? 'no CHECKSUM'
                  : r.checksumOk
                    ? 'CHECKSUM ok'
                    : 'CHECKSUM FAILED';
              const ds =
                r.datasumOk === null
                  ? 'no DATASUM'
                  : r.datasumOk
                    ? 'DATASUM ok'
                    : `DATASUM FAILED (header ${r.expectedDatasum}, data ${r.dataSum})`;
              console.log(`HDU ${r.hdu}: ${cs}, ${ds}`);
            }
            console.log(
              failed ? 'FAILED' : checked ? 'OK' : 'OK (nothing to verify: no CHECKSUM/DATASUM)',
            );
          }
          return failed ? 1 : 0;
        } finally {
          await source.close();
        }
      }),
    );
}

function jsonReplacer(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number' && !Number.isFinite(value)) return null;
  return value;
}
