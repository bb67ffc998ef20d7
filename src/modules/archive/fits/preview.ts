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

/** Accumulates block averages of a plane fed in row-major pieces (in memory or streamed). */
export class BlockAverager {
  readonly outWidth: number;
  readonly outHeight: number;
  private readonly sum: Float64Array;
  private readonly count: Uint32Array;

  constructor(
    readonly width: number,
    readonly height: number,
    readonly factor: number,
  ) {
    this.outWidth = Math.ceil(width / factor);
    this.outHeight = Math.ceil(height / factor);
    this.sum = new Float64Array(this.outWidth * this.outHeight);
    this.count = new Uint32Array(this.outWidth * this.outHeight);
  }

  /** Adds values of pixels `start`, `start + 1`, … (row-major, FITS row 1 first); missing ones are skipped. */
  add(values: Float64Array, start: number): void {
    const { width, factor, outWidth, sum, count } = this;
    let x = start % width;
    let y = (start - x) / width;
    let row = Math.floor(y / factor) * outWidth;
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (v >= -Number.MAX_VALUE && v <= Number.MAX_VALUE) {
        const o = row + Math.floor(x / factor);
        sum[o]! += v;
        count[o]!++;
      }
      if (++x === width) {
        x = 0;
        y++;
        row = Math.floor(y / factor) * outWidth;
      }
    }
  }

  result(): ImagePlane {
    const data = new Float64Array(this.sum.length);
    for (let i = 0; i < data.length; i++) {
      data[i] = this.count[i]! > 0 ? this.sum[i]! / this.count[i]! : Number.NaN;
    }
    return { width: this.outWidth, height: this.outHeight, data };
  }
}

/** Block-averages a plane by an integer factor, ignoring missing values; blocks with none stay NaN. */
export function downsample(plane: ImagePlane, factor: number): ImagePlane {
  if (factor <= 1) return plane;
  const averager = new BlockAverager(plane.width, plane.height, factor);
  averager.add(plane.data, 0);
  return averager.result();
}

/** Source pixels per preview pixel so that neither side exceeds `size`. */
export function previewFactor(width: number, height: number, size = 512): number {
  return Math.max(1, Math.ceil(Math.max(width, height) / Math.max(1, Math.floor(size))));
}

/** Encodes an already downsampled plane through the stretch; missing pixels are transparent. */
export function encodePreview(
  small: ImagePlane,
  vmin: number,
  vmax: number,
  stretch: StretchName,
  factor: number,
): PreviewResult {
  const f = stretchFunction(stretch);
  const span = vmax - vmin;
  const png = new PNG({ width: small.width, height: small.height });
  const out = png.data;
  for (let y = 0; y < small.height; y++) {
    // PNG rows run top-down; FITS row 1 is the bottom of the picture.
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

/** Renders a plane to a grey PNG; missing pixels are transparent, FITS row 1 is the bottom row. */
export function renderPreview(plane: ImagePlane, options: PreviewOptions = {}): PreviewResult {
  const stretch = options.stretch ?? 'zscale';
  const factor = previewFactor(plane.width, plane.height, options.size);
  const [vmin, vmax] = displayInterval(plane.data, stretch);
  return encodePreview(downsample(plane, factor), vmin, vmax, stretch, factor);
}
