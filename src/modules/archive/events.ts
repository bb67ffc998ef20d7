import { Type } from 'typebox';
import type { Executor } from '#platform/db/index.js';
import {
  appendEvent,
  defineEvents,
  type EventData,
  type EventDataOf,
} from '#platform/events/index.js';

const Uuid = Type.String({ format: 'uuid' });
const ProductNamed = Type.Object({
  productName: Type.String({ examples: ['m31-vla-1.4ghz'] }),
  productVersion: Type.Integer({ minimum: 1 }),
  hduIndex: Type.Integer({ minimum: 0 }),
  qaGrade: Type.String({ examples: ['good'] }),
});

/** The archive's events: about an image (subject `image`) or a batch ingest (subject `archive-batch`, topics `archive-batches:<id>`). */
export const archiveEvents = defineEvents({
  'image.ingested': {
    description: 'An image HDU of an uploaded or batch-ingested FITS file entered the archive.',
    subjectType: 'image',
    data: ProductNamed,
  },
  'image.versioned': {
    description:
      'A product was ingested again: the image is its new version; `previousId` is the version it supersedes (kept).',
    subjectType: 'image',
    data: Type.Object({ ...ProductNamed.properties, previousId: Uuid }),
  },
  'batch.completed': {
    description: 'A batch ingest has nothing left to do: every item is done, failed or cancelled.',
    subjectType: 'archive-batch',
    data: Type.Object({
      status: Type.String({ examples: ['done'] }),
      done: Type.Integer(),
      failed: Type.Integer(),
      cancelled: Type.Integer(),
    }),
  },
});

declare module '#platform/events/catalogue.js' {
  interface EventDataRegistry extends EventDataOf<typeof archiveEvents> {}
}

export type ArchiveEventType = keyof typeof archiveEvents;

/** Appends an archive event in the caller's transaction. */
export function appendArchiveEvent<T extends ArchiveEventType>(
  tx: Executor,
  type: T,
  subjectId: string,
  actorId: string | null,
  data: EventData<T>,
) {
  const subjectType = archiveEvents[type].subjectType;
  return appendEvent(tx, { type, subjectType, subjectId, actorId, data });
}
