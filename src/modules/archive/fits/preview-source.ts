import type { ByteSource } from './byte-source.js';
import { FitsError } from './errors.js';
import { readFitsStructure } from './hdu-walker.js';
import {
  createPixelPass,
  IN_MEMORY_PIXELS,
  imageGeometry,
  isImageHdu,
  readImagePlane,
} from './image-reader.js';
import { pickHdu } from './inspect.js';
import { type PreviewOptions, type PreviewResult, renderPreview } from './preview.js';
import { renderStreamedPreview } from './preview-stream.js';

export interface SourcePreviewRequest extends PreviewOptions {
  /** HDU index; default: the first HDU with image data. */
  hdu?: number;
  plane?: number;
}

/** Reads one plane of a source and renders its preview (synchronous CPU work after the read). */
export async function previewSource(
  source: ByteSource,
  req: SourcePreviewRequest,
): Promise<PreviewResult & { hdu: number }> {
  const file = await readFitsStructure(source);
  const hdu = req.hdu === undefined ? file.hdus.find(isImageHdu) : pickHdu(file, req.hdu);
  if (!hdu || !isImageHdu(hdu)) {
    throw new FitsError(
      'FITS_NOT_IMAGE',
      req.hdu === undefined
        ? 'the file has no HDU with image data'
        : `HDU ${req.hdu} has no image data`,
      req.hdu === undefined ? {} : { hdu: req.hdu },
    );
  }
  const options = {
    ...(req.stretch ? { stretch: req.stretch } : {}),
    ...(req.size ? { size: req.size } : {}),
  };
  const g = imageGeometry(hdu);
  if (g.width * g.height > IN_MEMORY_PIXELS) {
    const { pass } = await createPixelPass(source, hdu, {
      plane: req.plane ?? 0,
      streaming: true,
    });
    return { ...(await renderStreamedPreview(pass, g.width, g.height, options)), hdu: hdu.index };
  }
  const plane = await readImagePlane(source, hdu, req.plane ?? 0);
  return { ...renderPreview(plane, options), hdu: hdu.index };
}
