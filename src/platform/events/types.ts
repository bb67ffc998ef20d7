/** A fact a service recorded: `{id, type, subjectType, subjectId, actorId, data, occurredAt}`. */
export interface DomainEvent<D extends Record<string, unknown> = Record<string, unknown>> {
  id: string;
  /** `<subject>.<past tense>`, e.g. `user.created`, `course.published`. */
  type: string;
  subjectType: string;
  subjectId: string;
  actorId: string | null;
  data: D;
  /** ISO 8601. */
  occurredAt: string;
}

export type NewEvent<D extends Record<string, unknown> = Record<string, unknown>> = Omit<
  DomainEvent<D>,
  'id' | 'occurredAt'
>;

/** Receives every event of the types it subscribed to, at least once, in commit order per batch. */
export type EventHandler = (event: DomainEvent) => Promise<void>;
