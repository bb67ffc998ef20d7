import { Type } from 'typebox';
import type { Executor } from '#platform/db/index.js';
import {
  appendEvent,
  defineEvents,
  type EventData,
  type EventDataOf,
} from '#platform/events/index.js';

const Uuid = Type.String({ format: 'uuid' });

/**
 * Timetabling's events. All are about a term (subject `term`), so they reach the realtime topics
 * `terms` and `terms:<id>`; which solve or schedule within the term goes in `data`.
 */
export const timetablingEvents = defineEvents({
  'term.imported': {
    description: 'A term was imported from a file, as a new term or over an existing one (`into`).',
    subjectType: 'term',
    data: Type.Object({
      format: Type.String({ examples: ['ctt'] }),
      fileName: Type.String(),
      into: Type.Boolean(),
      rooms: Type.Integer(),
      instructors: Type.Integer(),
      courses: Type.Integer(),
      curricula: Type.Integer(),
    }),
  },
  'solve.completed': {
    description: 'A solve of the term finished and stored its best timetable as a schedule.',
    subjectType: 'term',
    data: Type.Object({
      solveId: Uuid,
      scheduleId: Uuid,
      solver: Type.String({ examples: ['hybrid'] }),
      hard: Type.Integer(),
      soft: Type.Integer(),
    }),
  },
  'schedule.published': {
    description:
      "A schedule became the term's published one (what calendar feeds show); `previousId` was unpublished.",
    subjectType: 'term',
    data: Type.Object({
      scheduleId: Uuid,
      name: Type.String(),
      previousId: Type.Union([Uuid, Type.Null()]),
    }),
  },
  'schedule.changed': {
    description:
      'A schedule of the term changed: its meetings, or its standing (`unpublished` when another was published).',
    subjectType: 'term',
    data: Type.Object({
      scheduleId: Uuid,
      change: Type.String({ examples: ['unpublished', 'meetings'] }),
    }),
  },
});

declare module '#platform/events/catalogue.js' {
  interface EventDataRegistry extends EventDataOf<typeof timetablingEvents> {}
}

export type TimetablingEventType = keyof typeof timetablingEvents;

/** Appends a timetabling event about term `termId` in the caller's transaction. */
export function appendTermEvent<T extends TimetablingEventType>(
  tx: Executor,
  type: T,
  termId: string,
  actorId: string | null,
  data: EventData<T>,
) {
  return appendEvent(tx, { type, subjectType: 'term', subjectId: termId, actorId, data });
}
