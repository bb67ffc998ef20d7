import { catalogApi } from '#modules/catalog/index.js';
import type { Principal } from '#platform/auth/principal.js';
import type { Clock } from '#platform/clock/index.js';
import type { SecretBox } from '#platform/crypto/secret-box.js';
import type { Database } from '#platform/db/index.js';
import { isUniqueViolation } from '#platform/db/unique-violation.js';
import { conflict, forbidden, notFound, validationError } from '#platform/errors/index.js';
import { decodeCursor, encodeCursor, type Page } from '#platform/http/pagination.js';
import { type LearnerDto, toLearnerDetailDto, toLearnerDto } from './dto.js';
import type { RiskLabel } from './engine/codered.js';
import type { Risk as RiskScore, RiskScorer } from './models/scorer.js';
import * as repo from './repository.js';

export interface EngagementDeps {
  db: Database;
  clock: Clock;
  phoneBox: SecretBox;
  /** The active model's scores (codered-v1 until a trained model is activated). */
  scorer: RiskScorer;
}

export interface CreateLearnerInput {
  userId?: string;
  externalSource?: string;
  externalId?: string;
  displayName?: string;
  email?: string;
  program?: string;
  cohort?: string;
  phone?: string;
  preferredChannel?: string;
  completedPercent?: number;
  avgQuizScore?: number;
  consecutiveMissedSessions?: number;
  lastLoginAt?: string;
}

export interface LearnersQuery {
  limit: number;
  cursor?: string;
  risk?: RiskLabel;
  courseId?: string;
  cohort?: string;
  sort?: 'risk';
}

const isStaff = (p: Principal) => p.permissions.has('engagement:manage');

/** Everything a risk-sorted list must order (scored live, so ordered in memory). */
const RISK_SCAN_LIMIT = 50_000;

export function createEngagementService({ db, clock, phoneBox, scorer }: EngagementDeps) {
  const risksOf = async (rows: readonly repo.LearnerRow[], courseId?: string) =>
    (await scorer.score(rows, { asOf: clock.now(), courseId })).map((s) => s.risk);
  const riskOf = async (row: repo.LearnerRow) => (await risksOf([row]))[0]!;

  /** The catalog courses the caller teaches among these engagement courses. */
  async function teaches(caller: Principal, courseIds: readonly string[]): Promise<boolean> {
    for (const id of courseIds) {
      const course = await repo.findCourse(db, id);
      if (!course?.catalogCourseId) continue;
      const summary = await catalogApi.courseSummary(db, course.catalogCourseId);
      if (summary?.instructors.some((i) => i.userId === caller.userId)) return true;
    }
    return false;
  }

  return {
    async createLearner(caller: Principal, input: CreateLearnerInput) {
      if (!isStaff(caller)) throw forbidden('Only staff may add learners');
      const external = input.externalSource !== undefined || input.externalId !== undefined;
      if (input.userId === undefined && !external)
        throw validationError('A learner needs a userId or an externalSource and externalId', [
          {
            path: '/body/userId',
            message: 'is required when no externalSource/externalId is given',
          },
        ]);
      if (external && (input.externalSource === undefined || input.externalId === undefined))
        throw validationError('externalSource and externalId go together', [
          {
            path: input.externalSource === undefined ? '/body/externalSource' : '/body/externalId',
            message: 'is required with the other',
          },
        ]);
      if (input.userId !== undefined && !(await repo.isLearnerUser(db, input.userId)))
        throw validationError('No user with the learner role has this id', [
          { path: '/body/userId', message: 'is not a user with the learner role' },
        ]);
      try {
        const row = await repo.insertLearner(db, {
          userId: input.userId ?? null,
          externalSource: input.externalSource ?? null,
          externalId: input.externalId ?? null,
          displayName: input.displayName ?? null,
          email: input.email?.toLowerCase() ?? null,
          program: input.program ?? null,
          cohort: input.cohort ?? null,
          phoneSealed: input.phone === undefined ? null : phoneBox.seal(input.phone),
          preferredChannel: input.preferredChannel ?? null,
          completedPercent: input.completedPercent ?? null,
          avgQuizScore: input.avgQuizScore ?? null,
          consecutiveMissedSessions: input.consecutiveMissedSessions ?? null,
          lastLoginAt: input.lastLoginAt === undefined ? null : new Date(input.lastLoginAt),
          createdAt: clock.now(),
          updatedAt: clock.now(),
        });
        return toLearnerDetailDto(row, await riskOf(row), [], [], input.phone ?? null);
      } catch (error) {
        if (isUniqueViolation(error))
          throw conflict(
            'A learner with this user or external id already exists',
            'LEARNER_EXISTS',
          );
        throw error;
      }
    },

    async listLearners(caller: Principal, query: LearnersQuery): Promise<Page<LearnerDto>> {
      let courseIds: string[] | undefined;
      if (!isStaff(caller)) {
        // Instructors see the learners of a course they teach: they name it.
        if (!query.courseId)
          throw forbidden(
            'Instructors list the learners of one course they teach: pass courseId',
            'COURSE_ID_REQUIRED',
          );
        if (!(await teaches(caller, [query.courseId])))
          throw forbidden('You do not teach this course', 'NOT_COURSE_INSTRUCTOR');
        courseIds = [query.courseId];
      }
      const filter = { courseId: query.courseId, cohort: query.cohort, courseIds };
      if (query.sort !== 'risk' && query.risk === undefined) {
        const afterId = query.cursor ? idCursor(query.cursor) : undefined;
        const rows = await repo.listLearners(db, { ...filter, afterId }, query.limit + 1);
        const hasMore = rows.length > query.limit;
        const items = rows.slice(0, query.limit);
        const last = items.at(-1);
        const risks = await risksOf(items, query.courseId);
        return {
          items: items.map((r, i) => toLearnerDto(r, risks[i]!)),
          nextCursor: hasMore && last ? encodeCursor({ id: last.id }) : null,
        };
      }
      const rows = await repo.listLearners(db, filter, RISK_SCAN_LIMIT);
      const risks = await risksOf(rows, query.courseId);
      const scored = rows
        .map((row, i) => ({ row, risk: risks[i]! }))
        .filter(({ risk }) => query.risk === undefined || risk.label === query.risk);
      if (query.sort === 'risk')
        scored.sort((a, b) => b.risk.score - a.risk.score || cmp(a.row.id, b.row.id));
      const start = query.cursor ? positionAfter(scored, query.cursor, query.sort === 'risk') : 0;
      const items = scored.slice(start, start + query.limit);
      const last = items.at(-1);
      const hasMore = start + query.limit < scored.length;
      return {
        items: items.map(({ row, risk }) => toLearnerDto(row, risk)),
        nextCursor:
          hasMore && last ? encodeCursor({ id: last.row.id, score: last.risk.score }) : null,
      };
    },

    async getLearner(caller: Principal, id: string) {
      const row = await repo.findLearner(db, id);
      if (!row) throw notFound('Learner', 'LEARNER_NOT_FOUND');
      const courses = await repo.coursesOfLearner(db, id);
      const self = row.userId !== null && row.userId === caller.userId;
      const mayRead =
        isStaff(caller) ||
        self ||
        (caller.permissions.has('engagement:read') &&
          (await teaches(
            caller,
            courses.map((c) => c.courseId),
          )));
      // Someone who may not see a learner cannot tell whether they exist.
      if (!mayRead) throw notFound('Learner', 'LEARNER_NOT_FOUND');
      const activity = await repo.recentActivity(db, id, 20);
      const phone =
        isStaff(caller) || self
          ? row.phoneSealed === null
            ? null
            : phoneBox.open(row.phoneSealed)
          : undefined;
      return toLearnerDetailDto(row, await riskOf(row), activity, courses, phone);
    },
  };
}

export type EngagementService = ReturnType<typeof createEngagementService>;

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function idCursor(cursor: string): string {
  const { id } = decodeCursor(cursor);
  if (typeof id !== 'string') throw invalidCursor();
  return id;
}

const invalidCursor = () =>
  validationError(
    'The cursor is not valid',
    [{ path: '/querystring/cursor', message: 'is not a cursor this list produced' }],
    'INVALID_CURSOR',
  );

function positionAfter(
  scored: { row: repo.LearnerRow; risk: RiskScore }[],
  cursor: string,
  byRisk: boolean,
): number {
  const { id, score } = decodeCursor(cursor);
  if (typeof id !== 'string' || typeof score !== 'number') throw invalidCursor();
  // First item strictly after the cursor's position in the list's order.
  const index = scored.findIndex(({ row, risk }) =>
    byRisk ? risk.score < score || (risk.score === score && row.id > id) : row.id > id,
  );
  return index === -1 ? scored.length : index;
}
