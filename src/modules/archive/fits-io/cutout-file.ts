import {
  bufferSource,
  type CutoutRequest,
  type CutoutResult,
  cutoutSource,
  type PreviewOptions,
  previewSource,
} from '../fits/index.js';
import { openFileSource } from './file-source.js';

export interface FileCutoutRequest extends CutoutRequest {
  path: string;
  /** Also render the cutout as a PNG with these options. */
  png?: PreviewOptions;
}

/** Opens a file, cuts the requested box out of one image plane and closes the file. */
export async function cutoutFile(
  req: FileCutoutRequest,
): Promise<CutoutResult & { png?: Uint8Array }> {
  const source = await openFileSource(req.path);
  let cut: CutoutResult;
  try {
    const { path: _path, png: _png, ...request } = req;
    cut = await cutoutSource(source, request);
  } finally {
    await source.close();
  }
  if (!req.png) return cut;
  const rendered = await previewSource(bufferSource(cut.fits), { ...req.png, hdu: 0 });
  return { ...cut, png: rendered.png };
}
