import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoImage } from '#modules/archive/demo.js';
import { bufferSource, planIngest, separation } from '#modules/archive/fits/index.js';
import { countRows, createUserAndLogin } from '../helpers/factories.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';

describe('the archive of the demo school', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ SEED_DEMO: 'true' });
  });
  afterAll(async () => t?.close());

  it('should be alive on first start: images to search and preview', async () => {
    const images = await countRows(t, 'archive_images');
    expect(images).toBeGreaterThan(0);
    const learner = await createUserAndLogin(t, ['learner']);
    const list = await t.app.inject({
      url: '/api/v1/archive/images?limit=100',
      headers: learner.auth,
    });
    expect(list.json().data).toHaveLength(Math.min(images, 100));
    const onSky = list.json().data.find((i: { centre: unknown }) => i.centre !== null);
    const preview = await t.app.inject({ url: onSky.links.thumbnail, headers: learner.auth });
    expect(preview.statusCode).toBe(200);
    expect(preview.headers['content-type']).toBe('image/png');
  });

  it('should generate fields that sit where their object is', async () => {
    const [image] = await planIngest(
      bufferSource(demoImage({ name: 'M13', ra: 250.4235, dec: 36.4613, telescope: 'T' }, 7)),
    );
    expect(image!.object).toBe('M13');
    expect(separation(image!.centre!.ra, image!.centre!.dec, 250.4235, 36.4613)).toBeLessThan(1e-3);
    expect(image!.qa.grade).not.toBe('fail');
  });
});
