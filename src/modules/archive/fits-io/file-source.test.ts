import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bufferSource } from '../fits/index.js';
import { openFileSource } from './file-source.js';

const dir = mkdtempSync(join(tmpdir(), 'lectern-fits-source-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('byte sources', () => {
  const bytes = Uint8Array.from({ length: 10_000 }, (_, i) => i % 251);
  const path = join(dir, 'bytes.bin');
  writeFileSync(path, bytes);

  it('should read the same ranges from a file on disk, in memory and from a buffer', async () => {
    const onDisk = await openFileSource(path, { inMemoryLimit: 0 });
    const inMemory = await openFileSource(path);
    const buffer = bufferSource(bytes);
    for (const source of [onDisk, inMemory, buffer]) {
      expect(source.size).toBe(10_000);
      expect([...(await source.read(250, 5))]).toEqual([250, 0, 1, 2, 3]);
      expect((await source.read(9_990, 100)).length).toBe(10);
      expect((await source.read(20_000, 10)).length).toBe(0);
      await source.close();
    }
  });

  it('should read into the caller’s buffer when reading from disk', async () => {
    const source = await openFileSource(path, { inMemoryLimit: 0 });
    const into = new Uint8Array(64);
    const got = await source.read(1000, 64, into);
    expect(got.buffer).toBe(into.buffer);
    expect(got[0]).toBe(1000 % 251);
    await source.close();
  });

  it('should fail clearly on a missing file', async () => {
    await expect(openFileSource(join(dir, 'nope.fits'))).rejects.toThrow(/ENOENT/);
  });
});
