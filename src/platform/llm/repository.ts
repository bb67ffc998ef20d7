import { and, gte, lt, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../db/index.js';
import { llmUsage } from './tables.js';

export type NewUsageRow = typeof llmUsage.$inferInsert;

export async function insertUsage(db: Executor, row: NewUsageRow): Promise<void> {
  await db.insert(llmUsage).values(row);
}

/** The recorded cost in USD of the calls made since `since`. */
export async function costSince(db: Executor, since: Date): Promise<number> {
  const [row] = await db
    .select({ cost: sql<string | null>`sum(${llmUsage.costUsd})` })
    .from(llmUsage)
    .where(gte(llmUsage.createdAt, since));
  return Number(row?.cost ?? 0);
}

export type UsageGroupBy = 'day' | 'model' | 'prompt';

export interface UsageGroupRow {
  key: string;
  calls: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  cached: number;
  fallbacks: number;
  avgLatencyMs: number;
}

const GROUP_KEY: Record<UsageGroupBy, SQL> = {
  day: sql`to_char(${llmUsage.createdAt} at time zone 'UTC', 'YYYY-MM-DD')`,
  model: sql`${llmUsage.model}`,
  prompt: sql`${llmUsage.promptVersion}`,
};

/** Usage between `from` (inclusive) and `to` (exclusive), summed per day, model or prompt version. */
export async function usageGrouped(
  db: Executor,
  filter: { from?: Date; to?: Date; module?: string },
  groupBy: UsageGroupBy,
): Promise<UsageGroupRow[]> {
  const where: SQL[] = [];
  if (filter.from) where.push(gte(llmUsage.createdAt, filter.from));
  if (filter.to) where.push(lt(llmUsage.createdAt, filter.to));
  if (filter.module) where.push(sql`${llmUsage.module} = ${filter.module}`);
  const key = GROUP_KEY[groupBy];
  const rows = await db
    .select({
      key: sql<string>`${key}`,
      calls: sql<string>`count(*)`,
      inputTokens: sql<string>`coalesce(sum(${llmUsage.inputTokens}), 0)`,
      outputTokens: sql<string>`coalesce(sum(${llmUsage.outputTokens}), 0)`,
      costUsd: sql<string>`coalesce(sum(${llmUsage.costUsd}), 0)`,
      cached: sql<string>`count(*) filter (where ${llmUsage.cached})`,
      fallbacks: sql<string>`count(*) filter (where ${llmUsage.fallback})`,
      avgLatencyMs: sql<string>`coalesce(avg(${llmUsage.latencyMs}), 0)`,
    })
    .from(llmUsage)
    .where(and(...where))
    .groupBy(key)
    .orderBy(key);
  return rows.map((r) => ({
    key: r.key,
    calls: Number(r.calls),
    inputTokens: Number(r.inputTokens),
    outputTokens: Number(r.outputTokens),
    costUsd: Number(r.costUsd),
    cached: Number(r.cached),
    fallbacks: Number(r.fallbacks),
    avgLatencyMs: Math.round(Number(r.avgLatencyMs)),
  }));
}
