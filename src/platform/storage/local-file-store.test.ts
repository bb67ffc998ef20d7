import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../errors/index.js';
import type { FileStore } from './file-store.js';
import { createLocalFileStore } from './local-file-store.js';

let root: string;
let store: FileStore;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'lectern-store-'));
  store = createLocalFileStore(root);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** Every file under the store's directory, temporary ones included. */
function filesIn(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

const chunks = (...parts: string[]) => Readable.from(parts.map((p) => Buffer.from(p)));
const options = { filename: 'a.txt', contentType: 'text/plain', maxBytes: 1024 };

describe('createLocalFileStore', () => {
  describe('put', () => {
    it('should stream the bytes in and report their size and SHA-256', async () => {
      const put = await store.put(chunks('hello ', 'world'), options);
      expect(put.sizeBytes).toBe(11);
      expect(put.sha256).toBe(createHash('sha256').update('hello world').digest('hex'));
      expect(put.storageKey).toMatch(/^[0-9a-f]{2}\/[0-9a-f]{32}$/);
      expect(filesIn(root)).toEqual([join(root, put.storageKey)]);
      expect(readFileSync(join(root, put.storageKey), 'utf8')).toBe('hello world');
    });

    it('should refuse more than maxBytes with a 413 and leave no file behind', async () => {
      const error = await store
        .put(chunks('0123456789', '0123456789'), { ...options, maxBytes: 15 })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('PAYLOAD_TOO_LARGE');
      expect(filesIn(root)).toEqual([]);
    });

    it('should accept exactly maxBytes', async () => {
      const put = await store.put(chunks('0123456789'), { ...options, maxBytes: 10 });
      expect(put.sizeBytes).toBe(10);
    });

    it('should remove the temporary file when the source fails', async () => {
      async function* failing() {
        yield Buffer.from('partial bytes');
        throw new Error('connection reset');
      }
      await expect(store.put(failing(), options)).rejects.toThrow('connection reset');
      expect(filesIn(root)).toEqual([]);
    });

    it('should never use the filename in the path', async () => {
      const put = await store.put(chunks('x'), { ...options, filename: '../../../etc/passwd' });
      expect(put.storageKey).not.toContain('..');
      expect(filesIn(root)).toEqual([join(root, put.storageKey)]);
    });
  });

  describe('open', () => {
    it('should stream the whole file or an inclusive range of it', async () => {
      const { storageKey } = await store.put(chunks('0123456789'), options);
      expect(await text(await store.open(storageKey))).toBe('0123456789');
      expect(await text(await store.open(storageKey, { start: 2, end: 5 }))).toBe('2345');
      expect(await text(await store.open(storageKey, { start: 9, end: 9 }))).toBe('9');
    });

    it('should answer 404 for a missing key', async () => {
      const error = await store.open(`ab/${'0'.repeat(32)}`).catch((e: unknown) => e);
      expect((error as AppError).code).toBe('FILE_NOT_FOUND');
    });

    it.each([
      '../outside',
      '../../etc/passwd',
      'ab/../../etc/passwd',
      '/etc/passwd',
      `ab/${'0'.repeat(31)}/`,
      `AB/${'0'.repeat(32)}`,
      '',
    ])('should refuse the key %j (no path traversal)', async (key) => {
      await expect(store.open(key)).rejects.toThrow(/invalid storage key/);
      await expect(store.stat(key)).rejects.toThrow(/invalid storage key/);
      await expect(store.remove(key)).rejects.toThrow(/invalid storage key/);
    });
  });

  describe('stat and remove', () => {
    it('should report size and time, and nothing once removed', async () => {
      const { storageKey } = await store.put(chunks('abc'), options);
      expect(await store.stat(storageKey)).toEqual({
        sizeBytes: 3,
        modifiedAt: expect.any(Date),
      });
      await store.remove(storageKey);
      expect(await store.stat(storageKey)).toBeNull();
      await expect(store.remove(storageKey)).resolves.toBeUndefined();
      expect(filesIn(root)).toEqual([]);
    });
  });
});
