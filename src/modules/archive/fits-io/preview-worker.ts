import { workerData } from 'node:worker_threads';
import { type FilePreviewRequest, previewFile } from './preview-file.js';
import { answerParent } from './run-in-worker.js';

await answerParent(async () => {
  const result = await previewFile(workerData as FilePreviewRequest);
  const png = result.png.slice();
  return { result: { ...result, png }, transfer: [png.buffer] };
});
