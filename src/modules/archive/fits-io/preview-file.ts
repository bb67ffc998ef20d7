import { type PreviewResult, previewSource, type SourcePreviewRequest } from '../fits/index.js';
import { openFileSource } from './file-source.js';

export interface FilePreviewRequest extends SourcePreviewRequest {
  path: string;
}

/** Opens a file, renders the preview of one plane and closes the file. */
export async function previewFile(
  req: FilePreviewRequest,
): Promise<PreviewResult & { hdu: number }> {
  const source = await openFileSource(req.path);
  try {
    return await previewSource(source, req);
  } finally {
    await source.close();
  }
}
