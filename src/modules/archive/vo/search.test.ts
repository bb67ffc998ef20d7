import { describe, expect, it } from 'vitest';
import type { VoCatalog, VoImage } from './catalog.js';
import { type ImageSearch, searchImages } from './search.js';
import { memoryCatalog, voImage } from './testing.js';

/** Images along the equator at RA 0.1, 0.2, … with every other one called "odd". */
const row = (n: number): VoImage[] =>
  Array.from({ length: n }, (_, i) =>
    voImage({ id: `i${i}`, centreRa: 0.1 * (i + 1), centreDec: 0, object: i % 2 ? 'odd' : 'even' }),
  );

function counting(images: VoImage[]) {
  const limits: number[] = [];
  const inner = memoryCatalog(images, new Map());
  const catalog: VoCatalog = {
    cone: (query, limit, filters) => {
      limits.push(limit);
      return inner.cone(query, limit, filters);
    },
    file: inner.file,
  };
  return { catalog, limits };
}

const search = (overrides: Partial<ImageSearch>): ImageSearch => ({
  regions: [{ shape: 'circle', ra: 0, dec: 0, radius: 5 }],
  intersect: 'center',
  marginDeg: 0,
  keep: () => true,
  maxrec: 100,
  scanLimit: 1000,
  ...overrides,
});

describe('searchImages', () => {
  it('should ask for MAXREC+1 rows and report OVERFLOW when there were more', async () => {
    const { catalog, limits } = counting(row(10));
    const result = await searchImages(catalog, search({ maxrec: 3 }));
    expect(result.images.map((i) => i.id)).toEqual(['i0', 'i1', 'i2']);
    expect(result.overflow).toBe(true);
    expect(limits).toEqual([4]);
  });

  it('should not report OVERFLOW when everything fitted', async () => {
    const { catalog } = counting(row(3));
    expect((await searchImages(catalog, search({ maxrec: 3 }))).overflow).toBe(false);
  });

  it('should fetch more candidates while the exact filters leave too few', async () => {
    const { catalog, limits } = counting(row(40));
    const result = await searchImages(
      catalog,
      search({ maxrec: 5, keep: (image) => image.object === 'odd' && image.centreRa > 2 }),
    );
    expect(result.images.map((i) => i.id)).toEqual(['i21', 'i23', 'i25', 'i27', 'i29']);
    expect(result.overflow).toBe(true);
    expect(limits).toEqual([6, 12, 24, 48]);
  });

  it('should call it an overflow when the scan limit stops the search short', async () => {
    const { catalog } = counting(row(40));
    const result = await searchImages(
      catalog,
      search({ maxrec: 5, scanLimit: 10, keep: (image) => image.centreRa > 3 }),
    );
    expect(result).toEqual({ images: [], overflow: true });
  });

  it('should answer MAXREC=0 without asking the catalog', async () => {
    const { catalog, limits } = counting(row(3));
    expect(await searchImages(catalog, search({ maxrec: 0 }))).toEqual({
      images: [],
      overflow: false,
    });
    expect(limits).toEqual([]);
  });

  it('should OR several regions, each image once, and search the whole sky with none', async () => {
    const { catalog } = counting(row(10));
    const two = await searchImages(
      catalog,
      search({
        regions: [
          { shape: 'circle', ra: 0.1, dec: 0, radius: 0.15 },
          { shape: 'circle', ra: 0.2, dec: 0, radius: 0.15 },
        ],
      }),
    );
    expect(two.images.map((i) => i.id)).toEqual(['i0', 'i1', 'i2']);
    expect((await searchImages(catalog, search({ regions: [] }))).images).toHaveLength(10);
  });

  it('should widen the candidate cone by the margin when footprints decide', async () => {
    const big = voImage({
      id: 'big',
      centreRa: 3,
      centreDec: 0,
      footprint: [
        [0.5, -0.5],
        [5.5, -0.5],
        [5.5, 0.5],
        [0.5, 0.5],
      ],
    });
    const { catalog } = counting([big]);
    const region = { shape: 'circle', ra: 0, dec: 0, radius: 1 } as const;
    const narrow = await searchImages(
      catalog,
      search({ regions: [region], intersect: 'overlaps' }),
    );
    expect(narrow.images).toEqual([]);
    const wide = await searchImages(
      catalog,
      search({ regions: [region], intersect: 'overlaps', marginDeg: 2.5 }),
    );
    expect(wide.images.map((i) => i.id)).toEqual(['big']);
  });
});
