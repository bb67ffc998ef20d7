import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalFileStore } from '#platform/storage/index.js';
import { voRoutes } from './routes.js';
import {
  memoryCatalog,
  smallFits,
  startVoTestServer,
  type VoTestServer,
  voImage,
} from './testing.js';

async function get(url: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { headers });
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    headers: response.headers,
    bytes: new Uint8Array(await response.arrayBuffer()),
    get text() {
      return new TextDecoder().decode(this.bytes);
    },
  };
}

const rowsOf = (xml: string) => xml.match(/<TR>/g)?.length ?? 0;

describe('voRoutes with public access', () => {
  let server: VoTestServer;
  let base: string;
  beforeAll(async () => {
    server = await startVoTestServer({ publicAccess: true, maxRecords: 50 });
    base = server.baseUrl;
  });
  afterAll(() => server.close());

  describe('GET /vo/scs', () => {
    it('should answer text/xml with the SCS columns, nearest first, and absolute access URLs', async () => {
      const r = await get(`${base}/vo/scs?ra=10.6847&dec=41.2689&sr=1`);
      expect(r.status).toBe(200);
      expect(r.type).toBe('text/xml; charset=utf-8');
      for (const ucd of ['ID_MAIN', 'POS_EQ_RA_MAIN', 'POS_EQ_DEC_MAIN'])
        expect(r.text.match(new RegExp(`ucd="${ucd}"`, 'g'))).toHaveLength(1);
      expect(rowsOf(r.text)).toBe(2);
      expect(r.text.indexOf('<TD>img-m31</TD>')).toBeLessThan(r.text.indexOf('<TD>img-m31-b</TD>'));
      expect(r.text).toContain(`<TD>${base}/vo/files/img-m31</TD>`);
      expect(r.text).toContain('<TD>m31 &lt;deep&gt; &amp; &quot;wide&quot; v1 [SCI]</TD>');
    });

    it('should answer usage errors with the SCS error VOTable naming the parameter', async () => {
      const r = await get(`${base}/vo/scs?RA=10&DEC=91&SR=1`);
      expect(r.status).toBe(200);
      expect(r.text).toContain(
        '<INFO name="Error" value="DEC: declination 91 is outside [-90, 90] degrees"/>',
      );
      expect(r.text).not.toContain('<TABLE>');
      const missing = await get(`${base}/vo/scs?RA=10&DEC=1`);
      expect(missing.text).toContain('SR is required');
    });

    it('should answer SR=0 with the columns and no rows (the SCS metadata query)', async () => {
      const r = await get(`${base}/vo/scs?RA=10.6847&DEC=41.2689&SR=0&VERB=3`);
      expect(r.status).toBe(200);
      expect(r.text).toContain('name="file_size"');
      expect(rowsOf(r.text)).toBe(0);
    });

    it('should honour MAXREC with an OVERFLOW after the table, and cap it at maxRecords', async () => {
      const r = await get(`${base}/vo/scs?RA=10.6847&DEC=41.2689&SR=180&MAXREC=1`);
      expect(rowsOf(r.text)).toBe(1);
      expect(r.text).toMatch(/<\/TABLE>\n<INFO name="QUERY_STATUS" value="OVERFLOW"\/>/);
      const all = await get(`${base}/vo/scs?RA=10.6847&DEC=41.2689&SR=180&MAXREC=100000`);
      expect(rowsOf(all.text)).toBe(3);
      expect(all.text).not.toContain('OVERFLOW');
    });
  });

  describe('GET /vo/sia', () => {
    it('should answer a VOTable with the SIA 1.0 columns', async () => {
      const r = await get(`${base}/vo/sia?POS=10.6847,41.2689&SIZE=0.5`);
      expect(r.status).toBe(200);
      expect(r.type).toBe('application/x-votable+xml; charset=utf-8');
      expect(r.text).toContain('<INFO name="QUERY_STATUS" value="OK"/>');
      for (const ucd of [
        'VOX:Image_Title',
        'VOX:Image_AccessReference',
        'VOX:Image_Format',
        'VOX:Image_Naxes',
        'VOX:Image_Naxis',
        'VOX:Image_Scale',
        'INST_ID',
        'VOX:Image_MJDateObs',
      ])
        expect(r.text).toContain(`ucd="${ucd}"`);
      expect(rowsOf(r.text)).toBe(2);
      expect(r.text).toContain('<TD>8 6</TD><TD>0.001 0.001</TD><TD>image/fits</TD>');
    });

    it('should describe itself for FORMAT=METADATA and return nothing for graphics only', async () => {
      const metadata = await get(`${base}/vo/sia?FORMAT=METADATA`);
      expect(metadata.text).toContain('name="INPUT:POS"');
      expect(rowsOf(metadata.text)).toBe(0);
      const graphic = await get(`${base}/vo/sia?POS=10.6847,41.2689&SIZE=0.5&FORMAT=GRAPHIC`);
      expect(rowsOf(graphic.text)).toBe(0);
    });

    it('should answer usage errors with QUERY_STATUS=ERROR and the message', async () => {
      const r = await get(`${base}/vo/sia?POS=10.6847&SIZE=0.5`);
      expect(r.status).toBe(200);
      expect(r.text).toContain(
        '<INFO name="QUERY_STATUS" value="ERROR">POS must be ra,dec in degrees (two numbers separated by a comma)</INFO>',
      );
    });
  });

  describe('GET /vo/sia2/query', () => {
    it('should answer ObsCore rows for a CIRCLE', async () => {
      const r = await get(
        `${base}/vo/sia2/query?POS=${encodeURIComponent('CIRCLE 10.6847 41.2689 0.5')}`,
      );
      expect(r.status).toBe(200);
      expect(r.type).toBe('application/x-votable+xml; charset=utf-8');
      expect(r.text).toContain('utype="obscore:Access.Reference"');
      expect(r.text).toContain('<TD>ivo://lectern/archive?img-m31</TD>');
      expect(r.text).toContain(
        '<TD>POLYGON ICRS 10.69 41.266 10.6794 41.266 10.6794 41.272 10.69 41.272</TD>',
      );
      expect(rowsOf(r.text)).toBe(2);
    });

    it('should answer usage errors with 400 and QUERY_STATUS=ERROR, as DALI says', async () => {
      const r = await get(`${base}/vo/sia2/query?POS=${encodeURIComponent('CIRCLE 10 20')}`);
      expect(r.status).toBe(400);
      expect(r.text).toContain(
        '<INFO name="QUERY_STATUS" value="ERROR">POS CIRCLE needs 3 numbers: CIRCLE ra dec radius</INFO>',
      );
    });

    it('should OR repeated POS values', async () => {
      const one = encodeURIComponent('CIRCLE 10.6847 41.2689 0.01');
      const two = encodeURIComponent('CIRCLE 23.4621 30.6599 0.01');
      const r = await get(`${base}/vo/sia2/query?POS=${one}&POS=${two}`);
      expect(rowsOf(r.text)).toBe(2);
      expect(r.text).toContain('<TD>ivo://lectern/archive?img-m33</TD>');
    });
  });

  it('should name the SIA v2 query endpoint in its VOSI capabilities', async () => {
    const r = await get(`${base}/vo/sia2/capabilities`);
    expect(r.status).toBe(200);
    expect(r.type).toBe('text/xml; charset=utf-8');
    expect(r.text).toContain('<capability standardID="ivo://ivoa.net/std/SIA#query-2.0">');
    expect(r.text).toContain(`<accessURL use="base">${base}/vo/sia2/query</accessURL>`);
  });

  describe('GET /vo/files/:id', () => {
    it('should download the stored FITS file with its ETag, ranges and conditional requests', async () => {
      const whole = await get(`${base}/vo/files/img-m31`);
      expect(whole.status).toBe(200);
      expect(whole.type).toBe('application/fits');
      expect(whole.bytes).toEqual(smallFits());
      const etag = whole.headers.get('etag') ?? '';
      expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
      const range = await get(`${base}/vo/files/img-m31`, { Range: 'bytes=0-8' });
      expect(range.status).toBe(206);
      expect(range.text).toBe('SIMPLE  =');
      expect((await get(`${base}/vo/files/img-m31`, { 'If-None-Match': etag })).status).toBe(304);
      const head = await fetch(`${base}/vo/files/img-m31`, { method: 'HEAD' });
      expect(head.headers.get('content-length')).toBe('5760');
    });

    it('should answer 404 for an image without a stored file', async () => {
      const r = await get(`${base}/vo/files/img-m31-b`);
      expect(r.status).toBe(404);
      expect(JSON.parse(r.text)).toMatchObject({ ok: false, error: { code: 'IMAGE_NOT_FOUND' } });
    });
  });
});

describe('voRoutes without public access', () => {
  let server: VoTestServer;
  let base: string;
  const key = 'good key&=';
  const query = `RA=10.6847&DEC=41.2689&SR=1`;
  beforeAll(async () => {
    server = await startVoTestServer({ publicAccess: false, authorize: async (k) => k === key });
    base = server.baseUrl;
  });
  afterAll(() => server.close());

  it('should answer 401 with the protocol error document without a key', async () => {
    const scs = await get(`${base}/vo/scs?${query}`);
    expect(scs.status).toBe(401);
    expect(scs.text).toContain(
      '<INFO name="Error" value="An API key is required: send it as ?key= or in the X-API-Key header"/>',
    );
    const sia2 = await get(`${base}/vo/sia2/query`);
    expect(sia2.status).toBe(401);
    expect(sia2.text).toContain('<INFO name="QUERY_STATUS" value="ERROR">An API key is required');
  });

  it('should answer 403 for a key that may not read the archive', async () => {
    const r = await get(`${base}/vo/sia?POS=10.6847,41.2689&SIZE=1&key=wrong`);
    expect(r.status).toBe(403);
    expect(r.text).toContain(
      '<INFO name="QUERY_STATUS" value="ERROR">This API key may not read the archive</INFO>',
    );
  });

  it('should serve a key in the query or the header and echo it in the access URLs', async () => {
    const encoded = encodeURIComponent(key);
    const inQuery = await get(`${base}/vo/scs?${query}&KEY=${encoded}`);
    expect(inQuery.status).toBe(200);
    expect(inQuery.text).toContain(`<TD>${base}/vo/files/img-m31?key=${encoded}</TD>`);
    const inHeader = await get(`${base}/vo/scs?${query}`, { 'X-API-Key': key });
    expect(inHeader.text).toContain(`<TD>${base}/vo/files/img-m31?key=${encoded}</TD>`);
  });

  it('should describe the capabilities to anyone, with the query URL keyed for a key holder', async () => {
    const anonymous = await get(`${base}/vo/sia2/capabilities`);
    expect(anonymous.status).toBe(200);
    expect(anonymous.text).toContain(`>${base}/vo/sia2/query</accessURL>`);
    const holder = await get(`${base}/vo/sia2/capabilities`, { 'X-API-Key': key });
    expect(holder.text).toContain(
      `>${base}/vo/sia2/query?key=${encodeURIComponent(key)}</accessURL>`,
    );
  });

  it('should guard the downloads by the same rule', async () => {
    expect((await get(`${base}/vo/files/img-m31`)).status).toBe(401);
    expect((await get(`${base}/vo/files/img-m31?key=wrong`)).status).toBe(403);
    const ok = await get(`${base}/vo/files/img-m31?key=${encodeURIComponent(key)}`);
    expect(ok.status).toBe(200);
    expect(ok.bytes).toEqual(smallFits());
  });
});

describe('voRoutes registered under a prefix, over a failing catalog', () => {
  it('should build URLs under the prefix and answer a failure with a 500 error document', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'lectern-vo-'));
    const app = Fastify({ logger: false });
    const working = memoryCatalog([voImage({ id: 'x' })], new Map());
    await app.register(voRoutes, {
      prefix: '/sky',
      catalog: {
        cone: async (q, limit) => {
          if (q.radius > 90) throw new Error('database down');
          return working.cone(q, limit);
        },
        file: working.file,
      },
      store: createLocalFileStore(directory),
      publicAccess: true,
      authorize: async () => false,
    });
    try {
      const found = await app.inject({
        url: '/sky/vo/scs?RA=10.6847&DEC=41.2689&SR=1',
        headers: { host: 'vo.example' },
      });
      expect(found.body).toContain('<TD>http://vo.example/sky/vo/files/x</TD>');
      const failed = await app.inject({ url: '/sky/vo/sia2/query?POS=CIRCLE%200%200%20100' });
      expect(failed.statusCode).toBe(500);
      expect(failed.body).toContain(
        '<INFO name="QUERY_STATUS" value="ERROR">The archive could not answer this query; try again later</INFO>',
      );
      expect(failed.body).not.toContain('database down');
    } finally {
      await app.close();
      await rm(directory, { recursive: true, force: true });
    }
  });
});
