import type { FastifyRequest } from 'fastify';
import type { VoOptions } from './catalog.js';
import { type QueryParams, queryKeyOf } from './params.js';

export type VoAccess =
  | { allowed: true /** The caller's key, to echo in the URLs handed back to it. */; key?: string }
  | { allowed: false; status: 401 | 403; message: string };

/**
 * Who may use the VO endpoints: anyone when access is public; otherwise a caller whose key
 * (`?key=`, any case of the name, else the X-API-Key header) `authorize` accepts.
 */
export function createVoAccess({
  publicAccess,
  authorize,
}: Pick<VoOptions, 'publicAccess' | 'authorize'>) {
  return async function accessOf(request: FastifyRequest): Promise<VoAccess> {
    if (publicAccess) return { allowed: true };
    const header = request.headers['x-api-key'];
    const key =
      queryKeyOf(request.query as QueryParams) ??
      (typeof header === 'string' && header.trim() !== '' ? header.trim() : undefined);
    if (!key)
      return {
        allowed: false,
        status: 401,
        message: 'An API key is required: send it as ?key= or in the X-API-Key header',
      };
    if (!(await authorize(key)))
      return { allowed: false, status: 403, message: 'This API key may not read the archive' };
    return { allowed: true, key };
  };
}
