import { open } from 'node:fs/promises';

/** Random-access bytes: a whole file in memory, or an open file read by offset. */
export interface ByteSource {
  readonly name: string;
  readonly size: number;
  /**
   * Reads up to `length` bytes at `offset`; fewer only at the end of the source. A file source
   * reads into `into` when given (at least `length` long), so streaming reuses one buffer;
   * an in-memory source returns a view instead.
   */
  read(offset: number, length: number, into?: Uint8Array): Promise<Uint8Array>;
  close(): Promise<void>;
}

/** Wraps bytes already in memory. */
export function bufferSource(bytes: Uint8Array, name = '<buffer>'): ByteSource {
  return {
    name,
    size: bytes.byteLength,
    async read(offset, length) {
      const start = Math.max(0, Math.min(offset, bytes.byteLength));
      return bytes.subarray(start, Math.min(bytes.byteLength, start + length));
    },
    async close() {},
  };
}

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
