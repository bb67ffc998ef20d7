import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { sendStoredFile } from '#platform/storage/index.js';
import { createVoAccess } from './access.js';
import { CAPABILITIES_CONTENT_TYPE, sia2Capabilities } from './capabilities.js';
import type { VoImage, VoOptions } from './catalog.js';
import {
  parseScsQuery,
  parseSia1Query,
  parseSia2Query,
  type QueryParams,
  VoParamError,
} from './params.js';
import { SCS_CONTENT_TYPE, scsError, scsResult } from './scs.js';
import { searchImages } from './search.js';
import { dalError, sia1Result, VOTABLE_CONTENT_TYPE } from './sia1.js';
import { sia2Hint, sia2Keeps, sia2Result } from './sia2.js';

const DEFAULT_MAXREC = 1000;
const DEFAULT_MAX_RECORDS = 10_000;
/** How far outside a region an image's centre may lie and its footprint still be found. */
const FOOTPRINT_MARGIN_DEG = 2;

type Protocol = 'scs' | 'sia' | 'sia2';

/**
 * The IVOA Virtual Observatory endpoints at `/vo` (relative to the prefix it is registered
 * under): Simple Cone Search 1.03 (`/vo/scs`), Simple Image Access 1.0 (`/vo/sia`) and 2.0
 * (`/vo/sia2/query`, with VOSI `/vo/sia2/capabilities`), and `/vo/files/:id`, where their access
 * URLs download an image's FITS file.
 *
 * They are hidden from the OpenAPI document: their parameters, answers (VOTable XML) and errors
 * are specified by the IVOA standards, not by the API's JSON conventions. They are declared
 * `public` for the platform's guard because access is decided here: open when `publicAccess`,
 * otherwise an API key (`?key=` or `X-API-Key`) that `authorize` accepts. Without one the
 * protocols answer their error document with 401 (no key) or 403 (a key without the right).
 * When access is not public, access URLs and the capabilities' query URL carry the caller's own
 * key as `?key=`, so a VO client that only keeps URLs can download; it is only ever echoed to
 * the caller who sent it.
 */
export const voRoutes: FastifyPluginAsync<VoOptions> = async (app, options) => {
  const { catalog, store } = options;
  const authority = options.authority ?? 'lectern';
  const hardMax = options.maxRecords ?? DEFAULT_MAX_RECORDS;
  const root = `${app.prefix}/vo`;
  const route = { config: { public: true }, schema: { hide: true } } as const;

  const accessOf = createVoAccess(options);

  const baseOf = (request: FastifyRequest) => `${request.protocol}://${request.host}${root}`;
  const withKey = (url: string, key: string | undefined) =>
    key === undefined ? url : `${url}?key=${encodeURIComponent(key)}`;
  const accessUrlFor = (request: FastifyRequest, key: string | undefined) => (image: VoImage) =>
    withKey(`${baseOf(request)}/files/${encodeURIComponent(image.id)}`, key);

  function fail(reply: FastifyReply, protocol: Protocol, status: number, message: string) {
    const body = protocol === 'scs' ? scsError(message) : dalError(message);
    return reply
      .code(status)
      .header('Content-Type', protocol === 'scs' ? SCS_CONTENT_TYPE : VOTABLE_CONTENT_TYPE)
      .header('Cache-Control', 'no-store')
      .send(body);
  }

  /** Runs a query handler, answering access, usage and internal errors as the protocol says. */
  function voQuery(
    protocol: Protocol,
    answer: (request: FastifyRequest, key: string | undefined) => Promise<string>,
  ) {
    return async (request: FastifyRequest, reply: FastifyReply) => {
      try {
        const access = await accessOf(request);
        if (!access.allowed) return fail(reply, protocol, access.status, access.message);
        const body = await answer(request, access.key);
        return reply
          .header('Content-Type', protocol === 'scs' ? SCS_CONTENT_TYPE : VOTABLE_CONTENT_TYPE)
          .header('Cache-Control', 'no-store')
          .send(body);
      } catch (error) {
        // SCS 1.03 and SIA 1.0 put usage errors in a 200 VOTable, as their clients expect; DALI
        // (SIA 2.0) sends them with 400.
        if (error instanceof VoParamError)
          return fail(reply, protocol, protocol === 'sia2' ? 400 : 200, error.message);
        request.log.error({ err: error }, 'VO query failed');
        return fail(
          reply,
          protocol,
          500,
          'The archive could not answer this query; try again later',
        );
      }
    };
  }

  app.get(
    '/vo/scs',
    route,
    voQuery('scs', async (request, key) => {
      const query = parseScsQuery(request.query as QueryParams, DEFAULT_MAXREC, hardMax);
      const { images, overflow } = await searchImages(catalog, {
        regions: [{ shape: 'circle', ra: query.ra, dec: query.dec, radius: query.radius }],
        intersect: 'center',
        marginDeg: 0,
        keep: () => true,
        // SR=0 is how SCS clients ask for the columns alone (pyvo's `columns` does).
        maxrec: query.radius === 0 ? 0 : query.maxrec,
        scanLimit: hardMax,
      });
      return scsResult(query, images, { accessUrl: accessUrlFor(request, key) }, overflow);
    }),
  );

  app.get(
    '/vo/sia',
    route,
    voQuery('sia', async (request, key) => {
      const query = parseSia1Query(request.query as QueryParams, DEFAULT_MAXREC, hardMax);
      const ctx = { accessUrl: accessUrlFor(request, key) };
      if (query.metadata) return sia1Result([], ctx, false, true);
      if (!query.wantsFits) return sia1Result([], ctx, false);
      const { images, overflow } = await searchImages(catalog, {
        regions: [query.region],
        intersect: query.intersect,
        marginDeg: FOOTPRINT_MARGIN_DEG,
        keep: () => true,
        maxrec: query.maxrec,
        scanLimit: hardMax,
      });
      return sia1Result(images, ctx, overflow);
    }),
  );

  app.get(
    '/vo/sia2/query',
    route,
    voQuery('sia2', async (request, key) => {
      const query = parseSia2Query(request.query as QueryParams, DEFAULT_MAXREC, hardMax);
      const ctx = {
        accessUrl: accessUrlFor(request, key),
        publisherDid: (image: VoImage) => `ivo://${authority}/archive?${image.id}`,
      };
      const { images, overflow } = await searchImages(catalog, {
        regions: query.regions,
        intersect: 'overlaps',
        marginDeg: FOOTPRINT_MARGIN_DEG,
        hint: sia2Hint(query),
        keep: sia2Keeps(query, ctx),
        maxrec: query.maxrec,
        scanLimit: hardMax,
      });
      return sia2Result(images, ctx, overflow);
    }),
  );

  // VOSI capabilities describe the service, not the archive's content: open to every caller.
  app.get('/vo/sia2/capabilities', route, async (request, reply) => {
    const access = await accessOf(request);
    const key = access.allowed ? access.key : undefined;
    const base = baseOf(request);
    return reply.header('Content-Type', CAPABILITIES_CONTENT_TYPE).send(
      sia2Capabilities({
        capabilities: `${base}/sia2/capabilities`,
        query: withKey(`${base}/sia2/query`, key),
      }),
    );
  });

  app.route<{ Params: { id: string } }>({
    method: ['GET', 'HEAD'],
    url: '/vo/files/:id',
    ...route,
    handler: async (request, reply) => {
      const access = await accessOf(request);
      if (!access.allowed)
        return reply.code(access.status).send({
          ok: false,
          error: {
            code: access.status === 401 ? 'UNAUTHORIZED' : 'FORBIDDEN',
            message: access.message,
          },
          requestId: request.id,
        });
      const file = await catalog.file(request.params.id);
      if (!file)
        return reply.code(404).send({
          ok: false,
          error: { code: 'IMAGE_NOT_FOUND', message: 'No live archive image has this id' },
          requestId: request.id,
        });
      return sendStoredFile(request, reply, store, file);
    },
  });
};
