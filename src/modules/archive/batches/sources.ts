import { readdir, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { validationError } from '#platform/errors/index.js';

const FITS_FILE = /\.(fits?|fts)$/i;
/** More files than this in one batch is a mistake (or a directory far larger than meant). */
export const MAX_BATCH_FILES = 10_000;

const refuse = (index: number, message: string) =>
  validationError(`files[${index}] ${message}`, [{ path: `/body/files/${index}`, message }]);

/** A path is inside the root once symlinks are resolved, or it is refused. */
const inside = (root: string, path: string) => path === root || path.startsWith(root + sep);

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && FITS_FILE.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/**
 * The files a batch names, as paths relative to `ARCHIVE_IMPORT_DIR`: each entry a file, or a
 * directory standing for the FITS files under it (sorted). Anything outside the directory —
 * `..`, an absolute path elsewhere, a symlink leading out — or missing is a 400 naming the entry.
 */
export async function resolveSources(
  importDir: string,
  files: readonly string[],
): Promise<string[]> {
  const root = await realpath(resolve(importDir));
  const out: string[] = [];
  for (const [i, entry] of files.entries()) {
    const candidate = isAbsolute(entry) ? entry : resolve(root, entry);
    let real: string;
    try {
      real = await realpath(candidate);
    } catch {
      throw refuse(i, 'does not exist under ARCHIVE_IMPORT_DIR');
    }
    if (!inside(root, real)) throw refuse(i, 'is outside ARCHIVE_IMPORT_DIR');
    const info = await stat(real);
    const found = info.isDirectory() ? await filesUnder(real) : [real];
    for (const file of found) {
      const realFile = await realpath(file);
      if (inside(root, realFile)) out.push(relative(root, realFile));
    }
    if (out.length > MAX_BATCH_FILES)
      throw refuse(i, `brings the batch over ${MAX_BATCH_FILES} files`);
  }
  if (out.length === 0)
    throw validationError('The batch names no FITS file', [
      { path: '/body/files', message: 'holds no file (directories count their .fits files)' },
    ]);
  return [...new Set(out)];
}
