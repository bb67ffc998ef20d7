import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { bufferSource } from './byte-source.js';
import { readFitsStructure } from './hdu-walker.js';
import { createPixelPass, readImagePlane } from './image-reader.js';
import { downsample, renderPreview } from './preview.js';
import { renderStreamedPreview } from './preview-stream.js';
import { stretchFunction } from './stretch.js';
import { imageHdu } from './testing/fits-writer.js';
import { zscale } from './zscale.js';

const decode = (png: Uint8Array) => PNG.sync.read(Buffer.from(png));

describe('renderPreview', () => {
  it('should put FITS row 1 at the bottom and make missing pixels transparent', () => {
    // 2×2: bottom row (FITS row 1) = [0, NaN], top row = [10, 10].
    const result = renderPreview(
      { width: 2, height: 2, data: Float64Array.from([0, Number.NaN, 10, 10]) },
      { stretch: 'linear' },
    );
    const png = decode(result.png);
    expect([png.width, png.height]).toEqual([2, 2]);
    const px = (x: number, y: number) => [
      ...png.data.subarray((y * 2 + x) * 4, (y * 2 + x) * 4 + 4),
    ];
    expect(px(0, 0)).toEqual([255, 255, 255, 255]);
    expect(px(1, 0)).toEqual([255, 255, 255, 255]);
    expect(px(0, 1)).toEqual([0, 0, 0, 255]);
    expect(px(1, 1)[3]).toBe(0);
    expect([result.vmin, result.vmax]).toEqual([0, 10]);
  });

  it('should downsample to the maximum size by block averages that skip missing values', () => {
    const data = new Float64Array(1000 * 10).map((_, i) => i % 1000);
    const result = renderPreview({ width: 1000, height: 10, data }, { size: 100, stretch: 'log' });
    expect([result.width, result.height, result.factor]).toEqual([100, 1, 10]);
    expect(decode(result.png).width).toBe(100);
    const small = downsample(
      { width: 3, height: 1, data: Float64Array.from([1, Number.NaN, 5]) },
      2,
    );
    expect([...small.data]).toEqual([1, 5]);
    const empty = downsample(
      { width: 2, height: 1, data: Float64Array.from([Number.NaN, Number.NaN]) },
      2,
    );
    expect(Number.isNaN(empty.data[0])).toBe(true);
  });

  it('should use astropy-like stretches that map 0 → 0 and 1 → 1, and grow as expected', () => {
    for (const name of ['linear', 'log', 'asinh'] as const) {
      const f = stretchFunction(name);
      expect(f(0)).toBe(0);
      expect(f(1)).toBeCloseTo(1, 12);
    }
    // astropy: LogStretch(a=1000)(0.01) = log(11)/log(1001); AsinhStretch(0.1)(0.01) = asinh(0.1)/asinh(10).
    expect(stretchFunction('log')(0.01)).toBeCloseTo(Math.log(11) / Math.log(1001), 12);
    expect(stretchFunction('asinh')(0.01)).toBeCloseTo(Math.asinh(0.1) / Math.asinh(10), 12);
  });

  it('should compute zscale like IRAF/astropy on noisy data with outliers', () => {
    // numpy: i = arange(5000.); v = 100 + 10*sin(i*12.9898)*cos(i*78.233); v[::97] = 5000
    // astropy ZScaleInterval().get_limits(v) → (90.01513048707888, 134.65876310348227)
    const v = Array.from({ length: 5000 }, (_, i) =>
      i % 97 === 0 ? 5000 : 100 + 10 * Math.sin(i * 12.9898) * Math.cos(i * 78.233),
    );
    const [lo, hi] = zscale(v);
    expect(lo).toBeCloseTo(90.01513048707888, 9);
    expect(hi).toBeCloseTo(134.65876310348227, 9);
    // Fewer samples than requested: every value is a sample; a clean ramp keeps its full range.
    expect(zscale([...Array.from({ length: 1000 }, (_, i) => i), 1e6, -1e6])).toEqual([0, 999]);
    expect(zscale([Number.NaN])).toEqual([0, 1]);
  });
});

describe('renderStreamedPreview', () => {
  it('should give the same PNG as the in-memory path, whatever the chunking', async () => {
    const width = 301;
    const height = 203;
    const values = Array.from({ length: width * height }, (_, i) =>
      i % 53 === 0
        ? Number.NaN
        : 100 + 10 * Math.sin(i * 12.9898) * Math.cos(i * 78.233) + (i % 997 === 0 ? 5000 : 0),
    );
    const source = bufferSource(imageHdu({ bitpix: -32, naxis: [width, height], values }));
    const hdu = (await readFitsStructure(source)).hdus[0]!;
    const plane = await readImagePlane(source, hdu);
    for (const stretch of ['zscale', 'linear', 'log', 'asinh'] as const) {
      const expected = renderPreview(plane, { stretch, size: 50 });
      const { pass } = await createPixelPass(source, hdu, {
        streaming: true,
        chunkBytes: 4 * 1000,
      });
      const streamed = await renderStreamedPreview(pass, width, height, { stretch, size: 50 });
      expect([streamed.width, streamed.height, streamed.factor]).toEqual([43, 29, 7]);
      expect([streamed.vmin, streamed.vmax]).toEqual([expected.vmin, expected.vmax]);
      expect(Buffer.from(streamed.png).equals(Buffer.from(expected.png))).toBe(true);
    }
  });
});
