import type { Json } from './agents.js';
import { durationSeconds, isObject } from './values.js';

/** What engagement needs of a stored statement, without the whole document. */
export interface StatementSummary {
  id: string;
  actor: {
    mbox: string | null;
    mbox_sha1sum: string | null;
    openid: string | null;
    account: { homePage: string; name: string } | null;
    name: string | null;
  };
  verb: string;
  activityId: string | null;
  timestamp: string;
  stored: string;
  registration: string | null;
  result: {
    scoreScaled: number | null;
    scoreRaw: number | null;
    success: boolean | null;
    completion: boolean | null;
    durationSeconds: number | null;
  } | null;
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);
const bool = (v: unknown): boolean | null => (typeof v === 'boolean' ? v : null);

export function summarize(statement: Json): StatementSummary {
  const actor = statement.actor as Json;
  const object = statement.object as Json;
  const context = isObject(statement.context) ? statement.context : {};
  const result = isObject(statement.result) ? statement.result : null;
  const score = result && isObject(result.score) ? result.score : {};
  const account = isObject(actor.account) ? actor.account : null;
  return {
    id: statement.id as string,
    actor: {
      mbox: str(actor.mbox),
      mbox_sha1sum: str(actor.mbox_sha1sum),
      openid: str(actor.openid),
      account: account ? { homePage: String(account.homePage), name: String(account.name) } : null,
      name: str(actor.name),
    },
    verb: (statement.verb as Json).id as string,
    activityId: (object.objectType ?? 'Activity') === 'Activity' ? (object.id as string) : null,
    timestamp: statement.timestamp as string,
    stored: statement.stored as string,
    registration: str(context.registration),
    result: result && {
      scoreScaled: num(score.scaled),
      scoreRaw: num(score.raw),
      success: bool(result.success),
      completion: bool(result.completion),
      durationSeconds:
        typeof result.duration === 'string' ? durationSeconds(result.duration) : null,
    },
  };
}
