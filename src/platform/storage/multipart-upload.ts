import type { MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { Static, TObject } from 'typebox';
import Value from 'typebox/value';
import { payloadTooLarge, unsupportedMediaType, validationError } from '../errors/index.js';
import type { FileStore, PutResult } from './file-store.js';
import { safeFilename } from './filename.js';
import {
  matchesDeclaredType,
  normalizeMediaType,
  SNIFF_BYTES,
  sniffMediaType,
} from './magic-bytes.js';

/** What one upload form accepts. */
export interface UploadPolicy<F extends TObject> {
  maxBytes: number;
  /** Accepted declared types; the file's first bytes must show the same type. */
  contentTypes: readonly string[];
  /** The form's other fields (sent as strings, converted and checked against this). */
  fields: F;
}

export interface ReceivedUpload<T> extends PutResult {
  filename: string;
  contentType: string;
  fields: T;
}

/** The form field that carries the file. */
export const FILE_FIELD = 'file';

const fieldError = (name: string, message: string, code = 'VALIDATION_FAILED') =>
  validationError('The form is invalid', [{ path: `/body/${name}`, message }], code);

function checkFields<F extends TObject>(schema: F, raw: Record<string, string>): Static<F> {
  const converted = Value.Convert(schema, { ...raw }) as Record<string, unknown>;
  // Convert truncates "1.5" to 1: a number must read back as what was sent, or stay text.
  for (const [name, value] of Object.entries(converted))
    if (typeof value === 'number' && String(value) !== raw[name]) converted[name] = raw[name];
  const errors = [...Value.Errors(schema, converted)];
  if (errors.length > 0)
    throw validationError(
      'The form is invalid',
      errors.map((e) => ({ path: `/body${e.instancePath}`, message: e.message })),
    );
  return converted as Static<F>;
}

/** Passes the bytes through once their head shows the declared type (415 otherwise). */
async function* verifiedHead(source: AsyncIterable<Uint8Array>, declared: string) {
  let head = Buffer.alloc(0);
  let verified = false;
  const verify = () => {
    if (head.length === 0) throw fieldError(FILE_FIELD, 'is empty', 'EMPTY_FILE');
    if (!matchesDeclaredType(declared, sniffMediaType(head)))
      throw unsupportedMediaType(`The file's content is not ${declared}`);
    verified = true;
  };
  for await (const chunk of source) {
    if (verified) {
      yield chunk;
      continue;
    }
    head = Buffer.concat([head, chunk]);
    if (head.length < SNIFF_BYTES) continue;
    verify();
    yield head;
  }
  if (!verified) {
    verify();
    yield head;
  }
}

/**
 * Streams the one file of a `multipart/form-data` request into the store, never holding it in
 * memory, and reads the form's other fields. The declared type and the file's magic bytes must
 * both be acceptable (415), the file at most `maxBytes` (413), the fields valid (400); on any
 * failure nothing is left in the store. Needs `@fastify/multipart` in the route's scope.
 */
export async function receiveUpload<F extends TObject>(
  request: FastifyRequest,
  store: FileStore,
  policy: UploadPolicy<F>,
): Promise<ReceivedUpload<Static<F>>> {
  if (!request.isMultipart())
    throw unsupportedMediaType('Send the file as multipart/form-data in the field `file`');
  const raw: Record<string, string> = {};
  let stored: (PutResult & { filename: string; contentType: string }) | undefined;
  try {
    const parts = request.parts({
      // One byte over the limit reaches the store, which then refuses the file (413).
      limits: { fileSize: policy.maxBytes + 1, files: 1, fields: 20, fieldSize: 4096 },
    });
    for await (const part of parts) {
      if (part.type === 'field') {
        if (!Object.hasOwn(policy.fields.properties, part.fieldname))
          throw fieldError(
            part.fieldname,
            part.fieldname === FILE_FIELD ? 'must be a file' : 'is not a field of this form',
          );
        raw[part.fieldname] = String(part.value);
        checkFields(policy.fields, raw);
        continue;
      }
      stored = await storeFile(part, store, policy);
    }
    if (!stored) throw fieldError(FILE_FIELD, 'is required', 'FILE_REQUIRED');
    return { ...stored, fields: checkFields(policy.fields, raw) };
  } catch (error) {
    if (stored) await store.remove(stored.storageKey);
    discardRest(request);
    throw error;
  }
}

/**
 * After a refusal the client may still be sending: read the rest into nothing, or the paused
 * body would hold the connection (and a graceful shutdown) until the client gives up.
 */
function discardRest(request: FastifyRequest) {
  request.raw.unpipe();
  request.raw.resume();
}

async function storeFile<F extends TObject>(
  part: MultipartFile,
  store: FileStore,
  policy: UploadPolicy<F>,
) {
  if (part.fieldname !== FILE_FIELD)
    throw fieldError(part.fieldname, 'is not a field of this form');
  const contentType = normalizeMediaType(part.mimetype);
  if (!policy.contentTypes.includes(contentType))
    throw unsupportedMediaType(
      `Files of type ${contentType || 'unknown'} are not accepted here; send one of: ${policy.contentTypes.join(', ')}`,
    );
  const filename = safeFilename(part.filename);
  const put = await store.put(verifiedHead(part.file, contentType), {
    filename,
    contentType,
    maxBytes: policy.maxBytes,
  });
  // The store enforces the limit; a stream cut short by the parser must not pass as complete.
  if (part.file.truncated) {
    await store.remove(put.storageKey);
    throw payloadTooLarge(`The file is larger than ${policy.maxBytes} bytes`);
  }
  return { ...put, filename, contentType };
}
