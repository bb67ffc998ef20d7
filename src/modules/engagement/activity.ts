import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Executor } from '#platform/db/index.js';
import { type ACTIVITY_SOURCES, engagementActivity, engagementLearners } from './tables.js';

export type ActivitySource = (typeof ACTIVITY_SOURCES)[number];

/** Who did it: a Lectern user, an email, or a learner imported with an external id. */
export type LearnerRef =
  | { userId: string }
  | { email: string }
  | { externalSource: string; externalId: string };

export interface ActivityInput {
  learner: LearnerRef;
  /** An engagement course id, when the activity belongs to one. */
  courseId?: string | null;
  kind: string;
  occurredAt: Date;
  score?: number | null;
  source: ActivitySource;
  /** Unique within the source (a statement id, an event id, `assessment:student`): replays are no-ops. */
  sourceId: string;
  details?: Record<string, unknown> | null;
}

export interface RecordActivityResult {
  inserted: number;
  /** Rows whose `(source, sourceId)` was already stored: skipped. */
  duplicates: number;
  /** Indexes (in `rows`) of rows naming no known learner: skipped, for the caller to report. */
  unknownLearners: number[];
}

const BATCH = 1000;
const keyOf = (ref: LearnerRef) =>
  'userId' in ref
    ? `u:${ref.userId}`
    : 'email' in ref
      ? `e:${ref.email.toLowerCase()}`
      : `x:${ref.externalSource}\u001f${ref.externalId}`;

async function resolveLearners(tx: Executor, refs: LearnerRef[]): Promise<Map<string, string>> {
  const userIds = refs.flatMap((r) => ('userId' in r ? [r.userId] : []));
  const emails = refs.flatMap((r) => ('email' in r ? [r.email.toLowerCase()] : []));
  const externals = refs.flatMap((r) =>
    'externalId' in r ? [`${r.externalSource}\u001f${r.externalId}`] : [],
  );
  const found = new Map<string, string>();
  if (userIds.length + emails.length + externals.length === 0) return found;
  const conditions = [
    userIds.length ? inArray(engagementLearners.userId, userIds) : undefined,
    emails.length ? inArray(engagementLearners.email, emails) : undefined,
    externals.length
      ? inArray(
          sql`${engagementLearners.externalSource} || chr(31) || ${engagementLearners.externalId}`,
          externals,
        )
      : undefined,
  ].filter((c) => c !== undefined);
  const rows = await tx
    .select({
      id: engagementLearners.id,
      userId: engagementLearners.userId,
      email: engagementLearners.email,
      externalSource: engagementLearners.externalSource,
      externalId: engagementLearners.externalId,
    })
    .from(engagementLearners)
    .where(or(...conditions));
  for (const row of rows) {
    if (row.userId) found.set(`u:${row.userId}`, row.id);
    if (row.email) found.set(`e:${row.email}`, row.id);
    if (row.externalSource && row.externalId)
      found.set(`x:${row.externalSource}\u001f${row.externalId}`, row.id);
  }
  return found;
}

/**
 * Stores activity in multi-row inserts inside the caller's transaction. Learners are resolved
 * by user id, email or external id; rows naming no known learner are skipped and their indexes
 * returned (importers turn them into errors, the LRS into statements kept but not scored).
 */
export async function recordActivity(
  tx: Executor,
  rows: readonly ActivityInput[],
): Promise<RecordActivityResult> {
  const result: RecordActivityResult = { inserted: 0, duplicates: 0, unknownLearners: [] };
  for (let start = 0; start < rows.length; start += BATCH) {
    const batch = rows.slice(start, start + BATCH);
    const learners = await resolveLearners(
      tx,
      batch.map((r) => r.learner),
    );
    const values = batch.flatMap((row, i) => {
      const learnerId = learners.get(keyOf(row.learner));
      if (!learnerId) {
        result.unknownLearners.push(start + i);
        return [];
      }
      return [
        {
          learnerId,
          courseId: row.courseId ?? null,
          kind: row.kind,
          occurredAt: row.occurredAt,
          score: row.score ?? null,
          source: row.source,
          sourceId: row.sourceId,
          details: row.details ?? null,
        },
      ];
    });
    if (values.length === 0) continue;
    const inserted = await tx
      .insert(engagementActivity)
      .values(values)
      .onConflictDoNothing({ target: [engagementActivity.source, engagementActivity.sourceId] })
      .returning({ id: engagementActivity.id });
    result.inserted += inserted.length;
    result.duplicates += values.length - inserted.length;
  }
  return result;
}

/** Marks activity voided (an xAPI voiding statement, a retracted event); returns how many. */
export async function voidActivity(
  tx: Executor,
  source: ActivitySource,
  sourceIds: readonly string[],
  at: Date = new Date(),
): Promise<number> {
  if (sourceIds.length === 0) return 0;
  const voided = await tx
    .update(engagementActivity)
    .set({ voidedAt: at })
    .where(
      and(
        eq(engagementActivity.source, source),
        inArray(engagementActivity.sourceId, [...sourceIds]),
        isNull(engagementActivity.voidedAt),
      ),
    )
    .returning({ id: engagementActivity.id });
  return voided.length;
}
