import type { Principal } from '#platform/auth/principal.js';
import type { Clock } from '#platform/clock/index.js';
import type { Database } from '#platform/db/index.js';
import { inTransaction } from '#platform/db/unit-of-work.js';
import {
  AppError,
  conflict,
  forbidden,
  notFound,
  validationError,
} from '#platform/errors/index.js';
import { appendEvent } from '#platform/events/index.js';
import { decodeCursor, encodeCursor, type Page } from '#platform/http/pagination.js';
import type { LlmClient } from '#platform/llm/index.js';
import type { Realtime } from '#platform/realtime/index.js';
import { coderedScore } from '../engine/codered.js';
import * as learners from '../repository.js';
import { isStaff, teachesAny } from './access.js';
import { type NudgeDto, toNudgeDto } from './dto.js';
import { assignVariant } from './experiment-stats.js';
import { activePromptOf, promptByLabel, type ResolvedPrompt } from './prompts.js';
import * as repo from './repository.js';
import type { NudgeChannel } from './tables.js';
import {
  factorsInWords,
  fallbackPromptName,
  render,
  situationOf,
  type TemplateVariables,
} from './templates.js';

export const NUDGE_TYPES = ['encouragement', 'reminder', 'check_in', 'celebration'] as const;
export type NudgeType = (typeof NUDGE_TYPES)[number];

/** Channels delivered by this process today; the others need a sender configured. */
const DELIVERED: ReadonlySet<NudgeChannel> = new Set(['in-app', 'webhook']);

/** The longest LLM answer used as a nudge; a longer one falls back to the template. */
const MAX_NUDGE_CHARS = 600;
const WEEK_MS = 7 * 86_400_000;

export interface NudgeDeps {
  db: Database;
  clock: Clock;
  llm: LlmClient;
  realtime: Realtime;
  perWeek: number;
}

export interface CreateNudgeInput {
  channel: NudgeChannel;
  type: NudgeType;
  experimentId?: string;
}

/** Where a streamed generation goes: the text as it arrives, or the whole template instead. */
export interface NudgeStream {
  delta(text: string): void;
  /** Drop what was sent so far (if anything) and show this text: the fallback. */
  replace(text: string): void;
}

export const nudgeTopic = (userId: string) => `nudges:${userId}`;

export function createNudgeService({ db, clock, llm, realtime, perWeek }: NudgeDeps) {
  /** The learner, if the caller may read them; `mayNudge` when they may also nudge them. */
  async function learnerFor(caller: Principal, learnerId: string) {
    const learner = await learners.findLearner(db, learnerId);
    if (!learner) throw notFound('Learner', 'LEARNER_NOT_FOUND');
    const courses = await learners.coursesOfLearner(db, learnerId);
    const self = learner.userId !== null && learner.userId === caller.userId;
    const teacher =
      !isStaff(caller) &&
      (await teachesAny(
        db,
        caller,
        courses.map((c) => c.courseId),
      ));
    const mayNudge = isStaff(caller) || teacher;
    // Someone who may not see a learner cannot tell whether they exist.
    if (!mayNudge && !self) throw notFound('Learner', 'LEARNER_NOT_FOUND');
    return { learner, courses, mayNudge };
  }

  async function experimentVariant(experimentId: string, learnerId: string) {
    const experiment = await repo.findExperiment(db, experimentId);
    if (!experiment) throw notFound('Experiment', 'EXPERIMENT_NOT_FOUND');
    if (experiment.status !== 'running')
      throw conflict('The experiment is stopped', 'EXPERIMENT_STOPPED');
    return { experiment, variant: assignVariant(experiment.id, learnerId, experiment.variants) };
  }

  async function checkWeeklyCap(learnerId: string) {
    const now = clock.now();
    const { count, oldest } = await repo.nudgesSince(
      db,
      learnerId,
      new Date(now.getTime() - WEEK_MS),
    );
    if (count < perWeek) return;
    const resetAt = new Date((oldest ?? now).getTime() + WEEK_MS);
    const retryAfter = Math.max(1, Math.ceil((resetAt.getTime() - now.getTime()) / 1000));
    throw new AppError(
      'rate_limited',
      'NUDGE_CAP_REACHED',
      `This learner already got ${count} nudges in the last 7 days (at most ${perWeek})`,
      {
        retryAfter,
        details: [{ message: 'weekly nudge cap reached', resetAt: resetAt.toISOString() }],
      },
    );
  }

  /** Writes one nudge for a learner whose access, channel and cap were checked. */
  async function generate(
    actorId: string | null,
    learner: learners.LearnerRow,
    courses: learners.LearnerCourseRow[],
    input: { channel: NudgeChannel; type: NudgeType },
    assigned: Awaited<ReturnType<typeof experimentVariant>> | undefined,
    stream?: NudgeStream,
  ): Promise<NudgeDto> {
    const learnerId = learner.id;
    const channel = input.channel;
    const risk = coderedScore(
      {
        completedPercent: learner.completedPercent,
        avgQuizScore: learner.avgQuizScore,
        consecutiveMissedSessions: learner.consecutiveMissedSessions,
        lastLoginAt: learner.lastLoginAt,
      },
      clock.now(),
    );
    const vars: TemplateVariables = {
      learnerName: learner.displayName ?? 'there',
      program: learner.program ?? 'your program',
      course: courses[0]?.title ?? 'your course',
      progress: `${Math.round(learner.completedPercent ?? 0)} %`,
      quizAverage:
        learner.avgQuizScore === null ? 'not yet known' : String(Math.round(learner.avgQuizScore)),
      riskLabel: risk.label,
      riskFactors: factorsInWords(risk.factors),
      type: input.type.replace('_', ' '),
      channel,
    };
    const prompt: ResolvedPrompt =
      (assigned?.variant.promptVersion
        ? await promptByLabel(db, assigned.variant.promptVersion)
        : undefined) ?? (await activePromptOf(db, 'nudge'));
    const request = {
      module: 'engagement',
      purpose: 'nudge',
      promptVersion: prompt.label,
      maxChars: MAX_NUDGE_CHARS,
      messages: [
        ...(prompt.system ? [{ role: 'system' as const, content: prompt.system }] : []),
        { role: 'user' as const, content: render(prompt.template, vars) },
      ],
    };
    const result = stream
      ? await llm.stream(request, (d) => stream.delta(d))
      : await llm.complete(request);
    let content: string;
    let promptVersion: string;
    if (result.ok) {
      content = result.text;
      promptVersion = prompt.label;
    } else {
      const fallback = await activePromptOf(
        db,
        fallbackPromptName(situationOf(learner.completedPercent, learner.avgQuizScore)),
      );
      content = render(fallback.template, vars);
      promptVersion = fallback.label;
      // A streamed answer that failed midway is replaced as a whole.
      stream?.replace(content);
    }

    const now = clock.now();
    const row = await inTransaction(db, async ({ tx, afterCommit }) => {
      const nudge = await repo.insertNudge(tx, {
        learnerId,
        channel,
        type: input.type,
        content,
        gptFallback: !result.ok,
        promptVersion,
        fallbackReason: result.ok ? null : result.reason,
        experimentId: assigned?.experiment.id ?? null,
        variant: assigned?.variant.key ?? null,
        // In-app is delivered by storing it (and pushing it to open sockets); webhooks by
        // the event's deliveries, which the webhooks platform tracks and retries.
        status: channel === 'in-app' ? 'sent' : 'queued',
        sentAt: channel === 'in-app' ? now : null,
        createdBy: actorId,
        createdAt: now,
        updatedAt: now,
      });
      const event = await appendEvent(tx, {
        type: 'nudge.created',
        subjectType: 'engagement_nudge',
        subjectId: nudge.id,
        actorId: actorId,
        data: {
          nudgeId: nudge.id,
          learnerId,
          userId: learner.userId,
          channel,
          type: input.type,
          content,
          gptFallback: nudge.gptFallback,
          promptVersion,
          experimentId: nudge.experimentId,
          variant: nudge.variant,
        },
      });
      if (channel === 'in-app' && learner.userId) {
        const userId = learner.userId;
        afterCommit(async () => {
          await realtime.publish([nudgeTopic(userId)], {
            type: 'nudge.created',
            subjectType: 'engagement_nudge',
            subjectId: nudge.id,
            actorId: actorId,
            data: event.data,
          });
        });
      }
      return nudge;
    });
    return toNudgeDto(row);
  }

  return {
    async create(
      caller: Principal,
      learnerId: string,
      input: CreateNudgeInput,
      stream?: NudgeStream,
    ): Promise<NudgeDto> {
      const { learner, courses, mayNudge } = await learnerFor(caller, learnerId);
      if (!mayNudge) throw forbidden('Learners cannot nudge', 'NUDGE_FORBIDDEN');
      const assigned = input.experimentId
        ? await experimentVariant(input.experimentId, learnerId)
        : undefined;
      const channel = (assigned?.variant.channel as NudgeChannel | null) ?? input.channel;
      if (!DELIVERED.has(channel))
        throw conflict(
          `The ${channel} channel has no sender configured in this deployment`,
          'CHANNEL_NOT_AVAILABLE',
          { details: [{ path: '/body/channel', message: `${channel} is not configured` }] },
        );
      await checkWeeklyCap(learnerId);

      return generate(caller.userId, learner, courses, { ...input, channel }, assigned, stream);
    },

    /**
     * The simulation's nudge: in-app, as the system, for a learner below the weekly cap (null
     * when capped).
     */
    async autoNudge(learnerId: string): Promise<NudgeDto | null> {
      const learner = await learners.findLearner(db, learnerId);
      if (!learner) return null;
      try {
        await checkWeeklyCap(learnerId);
      } catch (error) {
        if (error instanceof AppError && error.code === 'NUDGE_CAP_REACHED') return null;
        throw error;
      }
      const courses = await learners.coursesOfLearner(db, learnerId);
      return generate(null, learner, courses, { channel: 'in-app', type: 'check_in' }, undefined);
    },

    async list(
      caller: Principal,
      learnerId: string,
      query: { limit: number; cursor?: string },
    ): Promise<Page<NudgeDto>> {
      await learnerFor(caller, learnerId);
      let beforeId: string | undefined;
      if (query.cursor) {
        const { id } = decodeCursor(query.cursor);
        if (typeof id !== 'string')
          throw validationError(
            'The cursor is not valid',
            [{ path: '/querystring/cursor', message: 'is not a cursor this list produced' }],
            'INVALID_CURSOR',
          );
        beforeId = id;
      }
      const rows = await repo.nudgesOf(db, learnerId, query.limit + 1, beforeId);
      const items = rows.slice(0, query.limit);
      const last = items.at(-1);
      return {
        items: items.map(toNudgeDto),
        nextCursor: rows.length > query.limit && last ? encodeCursor({ id: last.id }) : null,
      };
    },
  };
}

export type NudgeService = ReturnType<typeof createNudgeService>;
