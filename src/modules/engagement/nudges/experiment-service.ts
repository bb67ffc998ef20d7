import type { Principal } from '#platform/auth/principal.js';
import type { Clock } from '#platform/clock/index.js';
import type { Database } from '#platform/db/index.js';
import { isUniqueViolation } from '#platform/db/unique-violation.js';
import { conflict, forbidden, notFound, validationError } from '#platform/errors/index.js';
import { isStaff } from './access.js';
import { compareProportions } from './experiment-stats.js';
import { promptByLabel } from './prompts.js';
import * as repo from './repository.js';
import { NUDGE_CHANNELS } from './tables.js';
import { parseVersionLabel } from './templates.js';

export interface VariantInput {
  key: string;
  promptVersion?: string;
  channel?: string;
  weight: number;
}

export interface CreateExperimentInput {
  name: string;
  variants: VariantInput[];
  outcome: { kind: 're-engaged'; withinDays: number };
}

type Experiment = NonNullable<Awaited<ReturnType<typeof repo.findExperiment>>>;

function toExperimentDto(row: Experiment) {
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    outcome: { kind: row.outcomeKind, withinDays: row.withinDays },
    variants: row.variants.map((v) => ({
      key: v.key,
      promptVersion: v.promptVersion,
      channel: v.channel,
      weight: v.weight,
    })),
    winner: row.winner,
    createdAt: row.createdAt.toISOString(),
    stoppedAt: row.stoppedAt?.toISOString() ?? null,
  };
}

/** A/B/n experiments over prompt versions or channels; the first variant is the control. */
export function createExperimentService({ db, clock }: { db: Database; clock: Clock }) {
  const requireStaff = (caller: Principal) => {
    if (!isStaff(caller)) throw forbidden('Only staff run experiments');
  };
  async function load(id: string) {
    const experiment = await repo.findExperiment(db, id);
    if (!experiment) throw notFound('Experiment', 'EXPERIMENT_NOT_FOUND');
    return experiment;
  }

  async function results(caller: Principal, id: string) {
    requireStaff(caller);
    const experiment = await load(id);
    const outcomes = new Map(
      (await repo.experimentOutcomes(db, id, experiment.withinDays)).map((o) => [o.variant, o]),
    );
    const counts = experiment.variants.map((v) => outcomes.get(v.key) ?? { sent: 0, converted: 0 });
    const control = counts[0]!;
    return {
      experiment: toExperimentDto(experiment),
      control: experiment.variants[0]!.key,
      variants: experiment.variants.map((v, i) => {
        const { sent, converted } = counts[i]!;
        return {
          key: v.key,
          promptVersion: v.promptVersion,
          channel: v.channel,
          sent,
          converted,
          rate: sent === 0 ? 0 : Math.round((converted / sent) * 1e6) / 1e6,
          vsControl: i === 0 ? null : compareProportions(control, { sent, converted }),
        };
      }),
    };
  }

  return {
    async create(caller: Principal, input: CreateExperimentInput) {
      requireStaff(caller);
      const keys = new Set<string>();
      for (const [i, v] of input.variants.entries()) {
        const at = (field: string) => `/body/variants/${i}/${field}`;
        if (keys.has(v.key))
          throw validationError('Variant keys must differ', [
            { path: at('key'), message: `repeats ${v.key}` },
          ]);
        keys.add(v.key);
        if ((v.promptVersion === undefined) === (v.channel === undefined))
          throw validationError('A variant sets a promptVersion or a channel', [
            { path: at('promptVersion'), message: 'give exactly one of promptVersion and channel' },
          ]);
        if (v.promptVersion !== undefined) {
          const parsed = parseVersionLabel(v.promptVersion);
          if (
            !parsed ||
            parsed.name.startsWith('fallback_') ||
            !(await promptByLabel(db, v.promptVersion))
          )
            throw validationError('No such LLM prompt version', [
              {
                path: at('promptVersion'),
                message: `${v.promptVersion} is not a stored version like nudge_v2`,
              },
            ]);
        }
        if (v.channel !== undefined && !(NUDGE_CHANNELS as readonly string[]).includes(v.channel))
          throw validationError('Unknown channel', [
            { path: at('channel'), message: `must be one of ${NUDGE_CHANNELS.join(', ')}` },
          ]);
      }
      try {
        const now = clock.now();
        const row = await db.transaction((tx) =>
          repo.insertExperiment(
            tx,
            {
              name: input.name,
              status: 'running',
              outcomeKind: input.outcome.kind,
              withinDays: input.outcome.withinDays,
              createdBy: caller.userId,
              createdAt: now,
              updatedAt: now,
            },
            input.variants.map((v, position) => ({
              key: v.key,
              position,
              promptVersion: v.promptVersion ?? null,
              channel: v.channel ?? null,
              weight: v.weight,
            })),
          ),
        );
        return toExperimentDto(await load(row.id));
      } catch (error) {
        if (isUniqueViolation(error))
          throw conflict('An experiment with this name exists', 'EXPERIMENT_EXISTS');
        throw error;
      }
    },

    results,

    /** Stops assignment; with `promote`, makes that variant's prompt version the active one. */
    async stop(caller: Principal, id: string, promote?: string) {
      requireStaff(caller);
      const experiment = await load(id);
      if (experiment.status !== 'running')
        throw conflict('The experiment is already stopped', 'EXPERIMENT_STOPPED');
      const winner =
        promote === undefined ? undefined : experiment.variants.find((v) => v.key === promote);
      if (promote !== undefined && !winner)
        throw validationError('No such variant', [
          { path: '/body/promote', message: `${promote} is not a variant` },
        ]);
      const label = winner?.promptVersion ? parseVersionLabel(winner.promptVersion) : undefined;
      if (winner && !label)
        throw validationError('Only a prompt-version variant can be promoted', [
          { path: '/body/promote', message: `${promote} varies the channel` },
        ]);
      await db.transaction(async (tx) => {
        await repo.stopExperiment(tx, id, clock.now(), winner?.key ?? null);
        if (label) {
          // Version 0 is the built-in: it is what runs while no stored version is active.
          await repo.deactivatePrompt(tx, label.name);
          const target = await repo.promptVersion(tx, label.name, label.version);
          if (target) await repo.activatePrompt(tx, target.id);
        }
      });
      return toExperimentDto(await load(id));
    },
  };
}

export type ExperimentService = ReturnType<typeof createExperimentService>;
