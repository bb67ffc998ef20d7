import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { storageDirFor } from '#platform/storage/index.js';
import type { TestUser } from '../helpers/factories.js';
import type { TestApp } from '../helpers/test-app.js';

/** An ISO base media `ftyp` box followed by `size - 24` random bytes: passes as an MP4. */
export function mp4Bytes(size = 600): Buffer {
  const head = Buffer.concat([
    Buffer.from([0, 0, 0, 0x18]),
    Buffer.from('ftypisom', 'latin1'),
    Buffer.from([0, 0, 2, 0]),
    Buffer.from('isomiso2', 'latin1'),
  ]);
  return Buffer.concat([head, randomBytes(Math.max(0, size - head.length))]);
}

export const webmBytes = (size = 300) =>
  Buffer.concat([
    Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81]),
    randomBytes(size - 8),
  ]);

export const oggBytes = (size = 300) =>
  Buffer.concat([Buffer.from('OggS', 'latin1'), Buffer.from([0, 2]), randomBytes(size - 6)]);

export const pngBytes = (size = 400) =>
  Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    randomBytes(size - 8),
  ]);

export const jpegBytes = (size = 400) =>
  Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(size - 4)]);

export interface FormFile {
  bytes: Buffer;
  type: string;
  name?: string;
  /** The form field; `file` unless set. */
  field?: string;
}

/**
 * A real `multipart/form-data` body (as a browser would send it), built with the platform's
 * FormData: fields before the file unless listed in `after`.
 */
export async function multipartBody(
  file: FormFile | undefined,
  fields: Record<string, string> = {},
  after: Record<string, string> = {},
) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  if (file)
    form.append(
      file.field ?? 'file',
      new Blob([new Uint8Array(file.bytes)], { type: file.type }),
      file.name ?? 'clip.mp4',
    );
  for (const [name, value] of Object.entries(after)) form.append(name, value);
  const request = new Request('http://localhost/', { method: 'POST', body: form });
  return {
    payload: Buffer.from(await request.arrayBuffer()),
    headers: { 'content-type': request.headers.get('content-type')! },
  };
}

/** POSTs a multipart body as `user` (anonymous without one). */
export async function postForm(
  t: TestApp,
  url: string,
  body: Awaited<ReturnType<typeof multipartBody>>,
  user?: TestUser,
) {
  return t.app.inject({
    method: 'POST',
    url,
    payload: body.payload,
    headers: { ...body.headers, ...(user?.auth ?? {}) },
  });
}

/** Every file under the app's storage directory, temporary ones included. */
export function storedFilesOnDisk(t: TestApp): string[] {
  const root = storageDirFor(t.app.lectern.config);
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}
