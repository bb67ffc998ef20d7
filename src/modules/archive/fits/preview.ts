import { PNG } from 'pngjs';
import type { ImagePlane } from './image-reader.js';
import { displayInterval, type StretchName, stretchFunction } from './stretch.js';

export interface PreviewOptions {
  stretch?: StretchName;
  /** Largest width or height of the PNG, in pixels (default 512); images are never enlarged. */
  size?: number;
}

export interface PreviewResult {
  png: Uint8Array;
  width: number;
  height: number;
  /** Physical values shown as black and white. */
  vmin: number;
  vmax: number;
  stretch: StretchName;
  /** Source pixels per preview pixel along each axis. */
  factor: number;
}

/** Block-averages a plane by an integer factor, ignoring missing values; blocks with none stay NaN. */
export function downsample(plane: ImagePlane, factor: number): ImagePlane {
  if (factor <= 1) return plane;
  const w = Math.ceil(plane.width / factor);
  const h = Math.ceil(plane.height / factor);
  const sum = new Float64Array(w * h);
  const count = new Uint32Array(w * h);
  const src = plane.data;
  for (let y = 0; y < plane.height; y++) {
    const row = Math.floor(y / factor) * w;
    const base = y * plane.width;
    for (let x = 0; x < plane.width; x++) {
      const v = src[base + x]!;
      if (!Number.isFinite(v)) continue;
      const o = row + Math.floor(x / factor);
      sum[o]! += v;
      count[o]!++;
    }
  }
  const data = new Float64Array(w * h);
  for (let i = 0; i < data.length; i++) data[i] = count[i]! > 0 ? sum[i]! / count[i]! : Number.NaN;
  return { width: w, height: h, data };
}

/** Renders a plane to a grey PNG; missing pixels are transparent, FITS row 1 is the bottom row. */
export function renderPreview(plane: ImagePlane, options: PreviewOptions = {}): PreviewResult {
  const stretch = options.stretch ?? 'zscale';
  const size = Math.max(1, Math.floor(options.size ?? 512));
  const factor = Math.max(1, Math.ceil(Math.max(plane.width, plane.height) / size));
  const [vmin, vmax] = displayInterval(plane.data, stretch);
  const small = downsample(plane, factor);
  const f = stretchFunction(stretch);
  const span = vmax - vmin;
  const png = new PNG({ width: small.width, height: small.height });
  const out = png.data;
  for (let y = 0; y < small.height; y++) {
    const srcRow = (small.height - 1 - y) * small.width;
    for (let x = 0; x < small.width; x++) {
      const v = small.data[srcRow + x]!;
      const o = (y * small.width + x) * 4;
      if (!Number.isFinite(v)) {
        out[o] = out[o + 1] = out[o + 2] = out[o + 3] = 0;
        continue;
      }
      let t = span > 0 ? (v - vmin) / span : 0.5;
      t = Math.min(1, Math.max(0, t));
      const g = Math.round(f(t) * 255);
      out[o] = out[o + 1] = out[o + 2] = g;
      out[o + 3] = 255;
    }
  }
  // Grey + alpha output: half the bytes of RGBA to deflate, same picture.
  const bytes = PNG.sync.write(png, { colorType: 4 });
  return {
    png: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    width: small.width,
    height: small.height,
    vmin,
    vmax,
    stretch,
    factor,
  };
}
