import { type PlannedImage, planIngest } from '../fits/index.js';
import { openFileSource } from './file-source.js';

/** Opens a file, plans its ingest (one row per image HDU) and closes the file. */
export async function planFile(path: string): Promise<PlannedImage[]> {
  const source = await openFileSource(path);
  try {
    return await planIngest(source);
  } finally {
    await source.close();
  }
}
