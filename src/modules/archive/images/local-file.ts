import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FileStore } from '#platform/storage/index.js';

/**
 * Runs `work` with a path to the stored bytes of `storageKey`: the store's own file when it keeps
 * them locally, else a temporary copy removed afterwards. Worker threads read FITS files by path.
 */
export async function withLocalFile<T>(
  store: FileStore,
  storageKey: string,
  work: (path: string) => Promise<T>,
): Promise<T> {
  const local = store.localPath(storageKey);
  if (local !== null) return work(local);
  const dir = await mkdtemp(join(tmpdir(), 'lectern-archive-'));
  try {
    const path = join(dir, 'file.fits');
    await pipeline(await store.open(storageKey), createWriteStream(path));
    return await work(path);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
