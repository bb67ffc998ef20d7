import type { ByteSource } from './byte-source.js';
import { FitsError } from './errors.js';
import type { Hdu } from './hdu-walker.js';
import { decodePixels } from './pixel-decoder.js';
import { type Scaling, scalingOf } from './scaling.js';

/** Image axes: width = NAXIS1, height = NAXIS2, planes = product of NAXIS3…n (1 for 2-D). */
export interface ImageGeometry {
  width: number;
  height: number;
  planes: number;
  bytesPerPixel: number;
}

export interface ImagePlane {
  width: number;
  height: number;
  /** Physical values, row by row from FITS row 1 (bottom) up; NaN where missing. */
  data: Float64Array;
}

/** Reads chunks of physical values; called once per statistics pass. */
export type PixelPass = (visit: (chunk: Float64Array) => void) => Promise<void>;

export function isImageHdu(hdu: Hdu): boolean {
  return (
    (hdu.type === 'primary' || hdu.type === 'image') && hdu.naxis.length > 0 && hdu.dataSize > 0
  );
}

export function imageGeometry(hdu: Hdu): ImageGeometry {
  if (!isImageHdu(hdu)) {
    throw new FitsError('FITS_NOT_IMAGE', `HDU is a ${hdu.type} with no image data`, {
      hdu: hdu.index,
    });
  }
  const [width = 1, height = 1, ...rest] = hdu.naxis;
  return {
    width,
    height: hdu.naxis.length >= 2 ? height : 1,
    planes: rest.reduce((a, b) => a * b, 1),
    bytesPerPixel: Math.abs(hdu.bitpix) / 8,
  };
}

/** Byte range of one 2-D plane (0-based, NAXIS3 fastest), or of the whole array when plane is undefined. */
export function pixelByteRange(hdu: Hdu, plane?: number): { offset: number; length: number } {
  const g = imageGeometry(hdu);
  if (plane === undefined) {
    return { offset: hdu.dataOffset, length: g.width * g.height * g.planes * g.bytesPerPixel };
  }
  if (!Number.isInteger(plane) || plane < 0 || plane >= g.planes) {
    throw new FitsError(
      'FITS_BAD_ARGUMENT',
      `plane ${plane} is out of range: the image has ${g.planes} plane(s)`,
      { hdu: hdu.index },
    );
  }
  const planeBytes = g.width * g.height * g.bytesPerPixel;
  return { offset: hdu.dataOffset + plane * planeBytes, length: planeBytes };
}

/** Reads one 2-D plane (default the first) into memory as physical values. */
export async function readImagePlane(
  source: ByteSource,
  hdu: Hdu,
  plane = 0,
  scaling: Scaling = scalingOf(hdu),
): Promise<ImagePlane> {
  const g = imageGeometry(hdu);
  const range = pixelByteRange(hdu, plane);
  const data = new Float64Array(g.width * g.height);
  await forEachChunk(source, range, g.bytesPerPixel, DEFAULT_CHUNK_BYTES, (bytes, at) => {
    decodePixels(bytes, hdu.bitpix, scaling, data, at);
  });
  return { width: g.width, height: g.height, data };
}

export const DEFAULT_CHUNK_BYTES = 4 * 1024 * 1024;
/** Above this many pixels a pass re-reads the source instead of holding decoded values. */
export const IN_MEMORY_PIXELS = 4 * 1024 * 1024;

async function forEachChunk(
  source: ByteSource,
  range: { offset: number; length: number },
  bytesPerPixel: number,
  chunkBytes: number,
  use: (bytes: Uint8Array, pixelIndex: number) => void,
): Promise<void> {
  const step = Math.max(bytesPerPixel, chunkBytes - (chunkBytes % bytesPerPixel));
  // One read buffer per pass: fresh 4 MB buffers per chunk would pile up as garbage between GCs.
  const buffer = range.length > step ? new Uint8Array(step) : undefined;
  for (let done = 0; done < range.length; done += step) {
    const want = Math.min(step, range.length - done);
    const bytes = await source.read(range.offset + done, want, buffer);
    if (bytes.length !== want) {
      throw new FitsError('FITS_TRUNCATED', `expected ${want} data bytes, got ${bytes.length}`, {
        offset: range.offset + done,
      });
    }
    use(bytes, done / bytesPerPixel);
  }
}

export interface PassOptions {
  plane?: number;
  /** Force re-reading per pass (streaming) even for small images. */
  streaming?: boolean;
  chunkBytes?: number;
}

/**
 * A re-runnable pass over an image's physical values. Small images are decoded once and kept;
 * large ones are streamed from the source chunk by chunk on every pass, so memory stays bounded.
 */
export async function createPixelPass(
  source: ByteSource,
  hdu: Hdu,
  options: PassOptions = {},
): Promise<{ pass: PixelPass; count: number; streaming: boolean; data?: Float64Array }> {
  const g = imageGeometry(hdu);
  const range = pixelByteRange(hdu, options.plane);
  const count = range.length / g.bytesPerPixel;
  const scaling = scalingOf(hdu);
  const streaming = options.streaming ?? count > IN_MEMORY_PIXELS;
  if (!streaming) {
    const data = new Float64Array(count);
    await forEachChunk(source, range, g.bytesPerPixel, range.length || 1, (bytes, at) => {
      decodePixels(bytes, hdu.bitpix, scaling, data, at);
    });
    return { pass: async (visit) => visit(data), count, streaming, data };
  }
  const chunkBytes = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
  const chunk = new Float64Array(Math.ceil(chunkBytes / g.bytesPerPixel) + 1);
  const pass: PixelPass = (visit) =>
    forEachChunk(source, range, g.bytesPerPixel, chunkBytes, (bytes) => {
      const n = decodePixels(bytes, hdu.bitpix, scaling, chunk, 0);
      visit(chunk.subarray(0, n));
    });
  return { pass, count, streaming };
}
