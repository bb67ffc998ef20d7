import { type CutoutRequest, type CutoutResult, cutoutSource } from '../fits/index.js';
import { openFileSource } from './file-source.js';

export interface FileCutoutRequest extends CutoutRequest {
  path: string;
}

/** Opens a file, cuts the requested box out of one image plane and closes the file. */
export async function cutoutFile(req: FileCutoutRequest): Promise<CutoutResult> {
  const source = await openFileSource(req.path);
  try {
    const { path: _path, ...request } = req;
    return await cutoutSource(source, request);
  } finally {
    await source.close();
  }
}
