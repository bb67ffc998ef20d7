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
