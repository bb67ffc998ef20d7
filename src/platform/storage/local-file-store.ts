import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { notFound, payloadTooLarge } from '../errors/index.js';
import type { ByteRange, FileStat, FileStore, PutOptions, PutResult } from './file-store.js';

/** `ab/<32 hex>`: two hex characters of fan-out keep directories small. */
const KEY = /^[0-9a-f]{2}\/[0-9a-f]{32}$/;

function newKey(): string {
  const hex = randomUUID().replaceAll('-', '');
  return `${hex.slice(0, 2)}/${hex}`;
}

/**
 * A file store in a local directory (`DATA_DIR/files` by default). Each put streams into a
 * temporary file beside its final place and is renamed there only when complete, so a key never
 * names a partial file; a failed put removes its temporary file.
 */
export function createLocalFileStore(directory: string): FileStore {
  const root = resolve(directory);

  function pathOf(storageKey: string): string {
    // Keys come from the database, never from a request; refuse anything else all the same.
    if (!KEY.test(storageKey)) throw new Error(`invalid storage key ${JSON.stringify(storageKey)}`);
    const path = resolve(root, storageKey);
    if (!path.startsWith(root + sep)) throw new Error('storage key outside the store');
    return path;
  }

  return {
    async put(source, options: PutOptions): Promise<PutResult> {
      const storageKey = newKey();
      const target = pathOf(storageKey);
      await mkdir(dirname(target), { recursive: true });
      const temporary = join(dirname(target), `.${randomBytes(8).toString('hex')}.partial`);
      const hash = createHash('sha256');
      let sizeBytes = 0;
      const sink = createWriteStream(temporary, { flags: 'wx', flush: true });
      // The file must exist before any byte can fail: a stream still opening its file when the
      // put fails would create it after the clean-up below, leaving a stray partial file.
      await once(sink, 'ready');
      try {
        await pipeline(
          source,
          async function* count(chunks: AsyncIterable<Uint8Array>) {
            for await (const chunk of chunks) {
              sizeBytes += chunk.length;
              if (sizeBytes > options.maxBytes)
                throw payloadTooLarge(`The file is larger than ${options.maxBytes} bytes`);
              hash.update(chunk);
              yield chunk;
            }
          },
          sink,
        );
        await rename(temporary, target);
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      }
      return { storageKey, sizeBytes, sha256: hash.digest('hex') };
    },

    async open(storageKey: string, range?: ByteRange): Promise<Readable> {
      const path = pathOf(storageKey);
      let handle: Awaited<ReturnType<typeof open>>;
      try {
        handle = await open(path, 'r');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT')
          throw notFound('File', 'FILE_NOT_FOUND');
        throw error;
      }
      return handle.createReadStream(range ? { start: range.start, end: range.end } : {});
    },

    async stat(storageKey: string): Promise<FileStat | null> {
      try {
        const info = await stat(pathOf(storageKey));
        return info.isFile() ? { sizeBytes: info.size, modifiedAt: info.mtime } : null;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },

    async remove(storageKey: string): Promise<void> {
      await rm(pathOf(storageKey), { force: true });
    },

    localPath: pathOf,
  };
}
