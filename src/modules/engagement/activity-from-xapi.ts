import { lrsApi, type StatementSummary } from '#modules/lrs/index.js';
import type { Database } from '#platform/db/index.js';
import type { EventDispatcher } from '#platform/events/index.js';
import { type ActivityInput, type LearnerRef, recordActivity, voidActivity } from './activity.js';

/**
 * Statements stored in the LRS become activity rows: the verb's last path segment is the kind
 * (`completed`, `passed`, `failed`, `answered`…), a scaled score becomes a 0–100 score, and the
 * learner is found by account name (a user id or an external id) or by mbox (an email).
 * Statements naming nobody known are skipped: the LRS keeps them, engagement has no one to tie
 * them to. Voided statements void their rows. Delivery is at least once; replays are no-ops.
 */
export function recordXapiActivity(events: EventDispatcher, db: Database): void {
  lrsApi.onStatementsStored(events, 'engagement-activity', async (event) => {
    const rows = event.data.statements.flatMap((s) => {
      const learner = learnerOf(s.actor);
      return learner ? [toActivity(s, learner)] : [];
    });
    if (rows.length > 0) await db.transaction((tx) => recordActivity(tx, rows));
  });
  lrsApi.onStatementsVoided(events, 'engagement-activity', async (event) => {
    await db.transaction((tx) => voidActivity(tx, 'xapi', event.data.ids));
  });
}

function learnerOf(actor: StatementSummary['actor']): LearnerRef | null {
  if (actor.account) {
    const name = actor.account.name;
    return UUID.test(name)
      ? { userId: name }
      : { externalSource: actor.account.homePage, externalId: name };
  }
  if (actor.mbox?.startsWith('mailto:')) return { email: actor.mbox.slice('mailto:'.length) };
  return null;
}

function toActivity(s: StatementSummary, learner: LearnerRef): ActivityInput {
  const scaled = s.result?.scoreScaled;
  return {
    learner,
    kind: verbName(s.verb),
    occurredAt: new Date(s.timestamp),
    score: scaled === null || scaled === undefined ? null : Math.round(scaled * 10_000) / 100,
    source: 'xapi',
    sourceId: s.id,
    details: {
      verb: s.verb,
      activityId: s.activityId,
      registration: s.registration,
      success: s.result?.success ?? null,
      completion: s.result?.completion ?? null,
    },
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const verbName = (iri: string) =>
  iri
    .replace(/[/#]+$/, '')
    .split(/[/#]/)
    .pop() || iri;
