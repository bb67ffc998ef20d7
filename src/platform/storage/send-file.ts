import type { FastifyReply, FastifyRequest } from 'fastify';
import { noneMatch } from '../http/etag.js';
import { parseRange } from './byte-range.js';
import type { FileStore } from './file-store.js';
import type { StoredFileRow } from './tables.js';

type ServedFile = Pick<
  StoredFileRow,
  'storageKey' | 'filename' | 'contentType' | 'sha256' | 'sizeBytes' | 'createdAt'
>;

/** `If-Range` holds when it names this version (strong ETag or exact date); absent holds too. */
function ifRangeHolds(request: FastifyRequest, etag: string, lastModified: string): boolean {
  const header = request.headers['if-range'];
  if (header === undefined) return true;
  const value = String(header).trim();
  return value === etag || value === lastModified;
}

/** `If-Modified-Since` only counts without `If-None-Match` (RFC 9110 §13.1.3). */
function notModifiedSince(request: FastifyRequest, modified: Date): boolean {
  const header = request.headers['if-modified-since'];
  if (header === undefined || request.headers['if-none-match'] !== undefined) return false;
  const since = Date.parse(header);
  return !Number.isNaN(since) && Math.floor(modified.getTime() / 1000) * 1000 <= since;
}

/** RFC 8187 `filename*`: encodeURIComponent leaves `'()*` alone, which the syntax forbids. */
const contentDisposition = (filename: string) =>
  `inline; filename*=UTF-8''${encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  )}`;

/**
 * Answers GET or HEAD for a stored file: its bytes with `ETag` (its SHA-256), `Last-Modified`
 * and `Accept-Ranges`; 304 for a matching `If-None-Match`; 206 with `Content-Range` for one
 * satisfiable `Range` (of several, the first satisfiable one), 416 with `bytes *\/size` when
 * none is. The bytes are streamed from the store, never read into memory.
 */
export async function sendStoredFile(
  request: FastifyRequest,
  reply: FastifyReply,
  store: FileStore,
  file: ServedFile,
) {
  const size = file.sizeBytes;
  const etag = `"${file.sha256}"`;
  const lastModified = file.createdAt.toUTCString();
  reply
    .header('ETag', etag)
    .header('Last-Modified', lastModified)
    .header('Accept-Ranges', 'bytes')
    .header('Cache-Control', 'private');
  if (noneMatch(request, etag) || notModifiedSince(request, file.createdAt))
    return reply.code(304).send();

  const wanted = ifRangeHolds(request, etag, lastModified)
    ? parseRange(request.headers.range, size)
    : ({ kind: 'whole' } as const);
  if (wanted.kind === 'unsatisfiable') {
    return reply
      .code(416)
      .header('Content-Range', `bytes */${size}`)
      .send({
        ok: false,
        error: {
          code: 'RANGE_NOT_SATISFIABLE',
          message: `The file has ${size} bytes; no requested range lies within them`,
        },
        requestId: request.id,
      });
  }
  const range = wanted.kind === 'partial' ? wanted.range : { start: 0, end: size - 1 };
  if (wanted.kind === 'partial')
    reply.code(206).header('Content-Range', `bytes ${range.start}-${range.end}/${size}`);
  reply
    .header('Content-Type', file.contentType)
    .header('Content-Length', String(range.end - range.start + 1))
    .header('Content-Disposition', contentDisposition(file.filename));
  if (request.method === 'HEAD' || size === 0) return reply.send();
  return reply.send(await store.open(file.storageKey, range));
}
