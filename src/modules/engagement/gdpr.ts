import { eq, inArray } from 'drizzle-orm';
import type { GdprHooks } from '#platform/gdpr/hooks.js';
import {
  engagementActivity,
  engagementLearners,
  engagementOutcomes,
  engagementRegistrations,
  engagementRiskSnapshots,
} from './tables.js';

const iso = (d: Date | null) => d?.toISOString() ?? null;

/**
 * What engagement holds about a user: their profile, registrations, outcomes, activity and risk
 * history. Erase deletes the profile, and everything hanging off it goes with it (cascades).
 * The phone is exported as whether one is on file: it is sealed with the server's key, which
 * these hooks do not hold; the learner reads it on their own profile.
 */
export const engagementGdpr: GdprHooks = {
  async export(userId, tx) {
    const profiles = await tx
      .select()
      .from(engagementLearners)
      .where(eq(engagementLearners.userId, userId));
    const ids = profiles.map((p) => p.id);
    if (ids.length === 0)
      return { profile: null, registrations: [], outcomes: [], activity: [], riskHistory: [] };
    const registrations = await tx
      .select()
      .from(engagementRegistrations)
      .where(inArray(engagementRegistrations.learnerId, ids));
    const outcomes = await tx
      .select()
      .from(engagementOutcomes)
      .where(inArray(engagementOutcomes.learnerId, ids));
    const activity = await tx
      .select()
      .from(engagementActivity)
      .where(inArray(engagementActivity.learnerId, ids))
      .orderBy(engagementActivity.occurredAt);
    const risk = await tx
      .select()
      .from(engagementRiskSnapshots)
      .where(inArray(engagementRiskSnapshots.learnerId, ids))
      .orderBy(engagementRiskSnapshots.asOf);
    const { phoneSealed, ...profile } = profiles[0]!;
    return {
      profile: {
        ...profile,
        phoneOnFile: phoneSealed !== null,
        lastLoginAt: iso(profile.lastLoginAt),
        createdAt: profile.createdAt.toISOString(),
        updatedAt: profile.updatedAt.toISOString(),
      },
      registrations: registrations.map((r) => ({
        courseId: r.courseId,
        registeredAt: iso(r.registeredAt),
        unregisteredAt: iso(r.unregisteredAt),
      })),
      outcomes: outcomes.map((o) => ({
        courseId: o.courseId,
        result: o.result,
        decidedAt: iso(o.decidedAt),
      })),
      activity: activity.map((a) => ({
        courseId: a.courseId,
        kind: a.kind,
        occurredAt: a.occurredAt.toISOString(),
        score: a.score,
        source: a.source,
        sourceId: a.sourceId,
        voidedAt: iso(a.voidedAt),
        details: a.details,
      })),
      riskHistory: risk.map((s) => ({
        courseId: s.courseId,
        model: s.model,
        score: s.score,
        label: s.label,
        factors: s.factors,
        asOf: s.asOf.toISOString(),
      })),
    };
  },
  async erase(userId, tx) {
    await tx.delete(engagementLearners).where(eq(engagementLearners.userId, userId));
    return undefined;
  },
};
