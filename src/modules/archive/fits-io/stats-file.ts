import { type InspectReport, inspectFits } from '../fits/index.js';
import { openFileSource } from './file-source.js';

export interface FileStatsRequest {
  path: string;
  hdu: number;
  plane?: number;
}

/** Statistics of one HDU (of one plane of a cube) of a file, without checksum verification. */
export async function statsOfFile(req: FileStatsRequest): Promise<InspectReport['hdus'][number]> {
  const source = await openFileSource(req.path);
  try {
    const report = await inspectFits(source, {
      hdu: req.hdu,
      checksums: false,
      ...(req.plane !== undefined ? { plane: req.plane } : {}),
    });
    return report.hdus[0]!;
  } finally {
    await source.close();
  }
}
