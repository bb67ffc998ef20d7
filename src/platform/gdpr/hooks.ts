import type { Executor } from '#platform/db/index.js';

/**
 * What a module holds about a person, for the platform's export and erasure (GDPR articles 15
 * and 17). Both run inside the one unit of work of `GET /users/:id/export` or
 * `POST /users/:id/erase`, with that transaction.
 */
export interface GdprHooks {
  /** Everything the module holds about the user, JSON-ready, keyed by kind (`enrolments`, …). */
  export(userId: string, tx: Executor): Promise<Record<string, unknown>>;
  /**
   * Deletes or anonymises the user's personal data so that none is left in the module's tables,
   * keeping aggregates (counts, ratings) consistent. Running it again changes nothing more.
   * May return the cache tags that showed the data, which the platform drops after the commit.
   */
  erase(userId: string, tx: Executor): Promise<GdprErasure | undefined>;
}

/** What an erasure asks of the platform once its transaction has committed. */
export interface GdprErasure {
  /** Cache tags of views that showed the erased data (course details, lists). */
  invalidateTags?: string[];
}

/** A module's hooks with the module's name, which keys its part of an export. */
export interface ModuleGdpr {
  module: string;
  hooks: GdprHooks;
}
