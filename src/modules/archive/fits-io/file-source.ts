import { open } from 'node:fs/promises';
import { type ByteSource, bufferSource } from '../fits/index.js';

/** Files up to this size are read whole: one syscall beats many small reads. */
export const DEFAULT_IN_MEMORY_LIMIT = 16 * 1024 * 1024;

export interface OpenSourceOptions {
  /** Files larger than this are read by offset instead of loaded whole (bytes). */
  inMemoryLimit?: number;
}

/** Opens a file as a byte source; large files stay on disk and are read in chunks. */
export async function openFileSource(
  path: string,
  options: OpenSourceOptions = {},
): Promise<ByteSource> {
  const limit = options.inMemoryLimit ?? DEFAULT_IN_MEMORY_LIMIT;
  const opened = await open(path, 'r');
  let size: number;
  let whole: Uint8Array | undefined;
  try {
    size = (await opened.stat()).size;
    if (size <= limit) whole = await opened.readFile();
  } catch (err) {
    await opened.close();
    throw err;
  }
  if (whole) {
    await opened.close();
    return bufferSource(whole, path);
  }
  const close = () => opened.close();
  return {
    name: path,
    size,
    async read(offset, length, into) {
      const want = Math.max(0, Math.min(length, size - offset));
      const out = into && into.length >= want ? into.subarray(0, want) : new Uint8Array(want);
      let done = 0;
      while (done < want) {
        const { bytesRead } = await opened.read(out, done, want - done, offset + done);
        if (bytesRead === 0) break;
        done += bytesRead;
      }
      return done === want ? out : out.subarray(0, done);
    },
    close,
  };
}
