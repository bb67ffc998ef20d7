import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import cliProgress from 'cli-progress';
import { type Command, InvalidArgumentError } from 'commander';
import { OPERATOR, standaloneArchive } from '#modules/archive/standalone.js';
import { migrateUp } from '#platform/db/index.js';
import { AppError } from '#platform/errors/index.js';
import { cliConfig, withDatabase } from '../context.js';

const FITS_FILE = /\.(fits?|fts)$/i;

const numberIn =
  (name: string, min: number, max: number, openMin = false) =>
  (value: string) => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n > max || (openMin ? n <= min : n < min))
      throw new InvalidArgumentError(
        `${name} must be a number ${openMin ? '>' : '≥'} ${min} and ≤ ${max}`,
      );
    return n;
  };

/** The files named: each argument a file, or a directory standing for its FITS files. */
async function expand(paths: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const p of paths) {
    const full = resolve(p);
    const info = await stat(full);
    if (!info.isDirectory()) files.push(full);
    else
      for (const e of await readdir(full, { withFileTypes: true, recursive: true }))
        if (e.isFile() && FITS_FILE.test(e.name)) files.push(join(e.parentPath, e.name));
  }
  return [...new Set(files)].sort();
}

const why = (error: unknown) =>
  error instanceof AppError
    ? `${error.message}${error.details?.[0] ? ` [${error.code}]` : ''}`
    : error instanceof Error
      ? error.message
      : String(error);

export function registerArchiveCommands(program: Command): void {
  const archive = program.command('archive').description('the FITS image archive');

  archive
    .command('ingest')
    .description('ingest FITS files (or directories of them) into the archive, as the server would')
    .argument('<paths...>', 'FITS files or directories')
    .option('--product <name>', 'the product every file is a version of (default: each file name)')
    .action(async (paths: string[], options: { product?: string }) => {
      const config = cliConfig();
      const files = await expand(paths);
      if (files.length === 0) {
        console.error('lectern archive: no FITS file among the paths');
        process.exitCode = 1;
        return;
      }
      const sizes = await Promise.all(files.map(async (f) => (await stat(f)).size));
      const totalBytes = sizes.reduce((a, b) => a + b, 0);
      let failed = 0;
      await withDatabase(config, async (database) => {
        await migrateUp(database.db);
        const { images, storage, close } = standaloneArchive(config, database.db);
        const bar = new cliProgress.SingleBar(
          {
            stream: process.stderr,
            format: '{bar} {value}/{total} files | {mb}/{totalMb} MB | {file}',
            barsize: 20,
            hideCursor: true,
            noTTYOutput: true,
            notTTYSchedule: 5000,
          },
          cliProgress.Presets.shades_classic,
        );
        const totalMb = (totalBytes / 1e6).toFixed(1);
        let doneBytes = 0;
        bar.start(files.length, 0, { mb: '0.0', totalMb, file: '' });
        try {
          for (const [i, file] of files.entries()) {
            bar.update(i, { file: basename(file), mb: (doneBytes / 1e6).toFixed(1), totalMb });
            const put = await storage.store.put(createReadStream(file), {
              filename: basename(file),
              contentType: 'application/fits',
              maxBytes: config.UPLOAD_MAX_BYTES,
            });
            try {
              const made = await images.ingestStored(
                null,
                { ...put, filename: basename(file) },
                options.product ? { productName: options.product } : {},
              );
              for (const image of made)
                console.log(
                  `${file}\tHDU ${image.hduIndex}\t${image.productName} v${image.productVersion}\t${image.qa?.grade ?? '-'}\t${image.id}`,
                );
            } catch (error) {
              await storage.discard(put.storageKey);
              failed++;
              console.error(`lectern archive: ${file}: ${why(error)}`);
            }
            doneBytes += sizes[i]!;
          }
          bar.update(files.length, { file: 'done', mb: (doneBytes / 1e6).toFixed(1), totalMb });
        } finally {
          bar.stop();
          await close();
        }
      });
      console.error(
        `ingested ${files.length - failed} of ${files.length} file(s)${failed ? `; ${failed} failed` : ''}`,
      );
      process.exitCode = failed > 0 ? 1 : 0;
    });

  archive
    .command('search')
    .description(
      'cone search: the images centred within --radius degrees of (--ra, --dec), nearest first',
    )
    .requiredOption('--ra <deg>', 'right ascension, degrees', numberIn('--ra', 0, 360))
    .requiredOption('--dec <deg>', 'declination, degrees', numberIn('--dec', -90, 90))
    .requiredOption('--radius <deg>', 'radius, degrees', numberIn('--radius', 0, 180, true))
    .option('--limit <n>', 'at most this many images (1–100)', numberIn('--limit', 1, 100), 20)
    .option('--json', 'print the images as JSON')
    .action(
      async (options: {
        ra: number;
        dec: number;
        radius: number;
        limit: number;
        json?: boolean;
      }) => {
        const config = cliConfig();
        await withDatabase(config, async (database) => {
          const { images, close } = standaloneArchive(config, database.db);
          try {
            const page = await images.list(OPERATOR, {
              ra: options.ra,
              dec: options.dec,
              radius: options.radius,
              limit: Math.floor(options.limit),
              sort: 'distance',
            });
            if (options.json) {
              console.log(JSON.stringify(page.items, null, 2));
              return;
            }
            console.log(
              ['id', 'product', 'version', 'hdu', 'object', 'ra', 'dec', 'distance″'].join('\t'),
            );
            for (const i of page.items)
              console.log(
                [
                  i.id,
                  i.productName,
                  i.productVersion,
                  i.hduIndex,
                  i.object ?? '-',
                  i.centre?.ra.toFixed(6),
                  i.centre?.dec.toFixed(6),
                  ((i.distanceDeg ?? 0) * 3600).toFixed(2),
                ].join('\t'),
              );
            console.error(
              `${page.items.length} image(s)${page.nextCursor ? ' (more beyond --limit)' : ''}`,
            );
          } finally {
            await close();
          }
        });
      },
    );
}
