import { catalogApi } from '#modules/catalog/index.js';
import { writeAudit } from '#platform/audit/index.js';
import type { Principal } from '#platform/auth/index.js';
import { type Database, inTransaction, isUuid } from '#platform/db/index.js';
import { forbidden, notFound, unprocessable } from '#platform/errors/index.js';
import { decodeIdCursor, pageOf } from '#platform/http/pagination.js';
import { buildCalendar } from '../exports/ics.js';
import { calendarOf, loadSource, type Meeting } from '../exports/source.js';
import type { ScheduleService } from '../schedules/service.js';
import type { FEED_KINDS } from '../tables.js';
import { findTerm } from '../terms/repository.js';
import { termNotFound } from '../terms/service.js';
import * as repo from './repository.js';
import { FEED_TOKEN, hashFeedToken, newFeedToken } from './token.js';

export type FeedKind = (typeof FEED_KINDS)[number];

export const feedNotFound = () => notFound('Feed', 'FEED_NOT_FOUND');

export function toFeedDto(f: repo.FeedRow) {
  return {
    id: f.id,
    termId: f.termId,
    kind: f.kind as FeedKind,
    subjectId: f.subjectId,
    createdBy: f.createdBy,
    createdAt: f.createdAt.toISOString(),
  };
}

const manages = (auth: Principal) => auth.permissions.has('timetables:manage');

/**
 * Calendar feeds: a secret URL per room, instructor, curriculum or learner of a term, serving
 * its published schedule as iCalendar to apps that cannot sign in. Only the token's hash is
 * kept; the URL is shown once, at creation. Anyone who may read timetables may make feeds for
 * themselves; a learner's feed of someone else, and other people's feeds, need
 * `timetables:manage`.
 */
export function createFeedService(db: Database, schedules: ScheduleService) {
  async function subjectName(termId: string, kind: FeedKind, id: string, auth: Principal) {
    if (kind === 'learner') {
      if (id !== auth.userId && !manages(auth))
        throw forbidden('Only your own learner feed, unless you manage timetables');
      if (await repo.userExists(db, id)) return 'learner';
    } else {
      const code = await repo.subjectCode(db, kind, termId, id);
      if (code !== undefined) return `${kind} ${code}`;
    }
    throw unprocessable(
      `The term has no ${kind} ${id}`,
      [{ path: '/body/id', message: `no ${kind} of the term has this id` }],
      'FEED_SUBJECT_NOT_FOUND',
    );
  }

  /** Which of the published schedule's meetings a feed shows. */
  async function filterFor(feed: repo.FeedRow): Promise<(m: Meeting) => boolean> {
    const kind = feed.kind as FeedKind;
    if (kind === 'room') return (m) => m.roomId === feed.subjectId;
    if (kind === 'instructor') {
      const code = await repo.subjectCode(db, 'instructor', feed.termId, feed.subjectId);
      return (m) => code !== undefined && m.instructors.includes(code);
    }
    const courses = new Set(
      kind === 'curriculum'
        ? await repo.curriculumCourseIds(db, feed.subjectId)
        : await repo.coursesTeaching(
            db,
            feed.termId,
            (await catalogApi.learnerEnrolments(db, feed.subjectId))
              .filter((e) => e.status !== 'dropped')
              .map((e) => e.courseId),
          ),
    );
    return (m) => courses.has(m.courseId);
  }

  /** "room R1", "instructor T1", "curriculum Y1" or "learner", for the calendar's name. */
  async function subjectLabel(feed: repo.FeedRow) {
    const kind = feed.kind as FeedKind;
    if (kind === 'learner') return kind;
    return `${kind} ${(await repo.subjectCode(db, kind, feed.termId, feed.subjectId)) ?? '(removed)'}`;
  }

  const ownFeed = async (auth: Principal, id: string) => {
    const feed = isUuid(id) ? await repo.findFeed(db, id) : undefined;
    // Someone else's feed is as absent as a missing one to who may not manage it.
    if (!feed || feed.revokedAt || (feed.createdBy !== auth.userId && !manages(auth)))
      throw feedNotFound();
    return feed;
  };

  return {
    /** Makes a feed; the result's `url` holds the token, which is never shown again. */
    async create(auth: Principal, termId: string, input: { kind: FeedKind; id: string }) {
      const term = isUuid(termId) ? await findTerm(db, termId) : undefined;
      if (!term) throw termNotFound();
      const name = await subjectName(termId, input.kind, input.id, auth);
      const token = newFeedToken();
      const feed = await inTransaction(db, async ({ tx }) => {
        const row = await repo.insertFeed(tx, {
          termId,
          kind: input.kind,
          subjectId: input.id,
          tokenHash: hashFeedToken(token),
          createdBy: auth.userId,
        });
        await writeAudit(tx, {
          action: 'timetabling.feed.created',
          resourceType: 'timetabling_feed',
          resourceId: row.id,
          details: { termId, kind: input.kind, subjectId: input.id, name },
        });
        return row;
      });
      return { feed: toFeedDto(feed), token };
    },

    async list(auth: Principal, termId: string, query: { limit: number; cursor?: string }) {
      if (!isUuid(termId) || !(await findTerm(db, termId))) throw termNotFound();
      const rows = await repo.listFeeds(db, termId, {
        limit: query.limit + 1,
        ...(query.cursor ? { beforeId: decodeIdCursor(query.cursor) } : {}),
        ...(manages(auth) ? {} : { createdBy: auth.userId }),
      });
      const page = pageOf(rows, query.limit, (last) => ({ id: last.id }));
      return { items: page.items.map(toFeedDto), nextCursor: page.nextCursor };
    },

    async revoke(auth: Principal, id: string) {
      const feed = await ownFeed(auth, id);
      await inTransaction(db, async ({ tx }) => {
        await repo.revokeFeed(tx, feed.id, new Date());
        await writeAudit(tx, {
          action: 'timetabling.feed.revoked',
          resourceType: 'timetabling_feed',
          resourceId: feed.id,
          details: { termId: feed.termId, kind: feed.kind },
        });
      });
    },

    /** The feed's calendar: its part of the term's published schedule (none yet: no events). */
    async calendar(token: string): Promise<string> {
      const feed = FEED_TOKEN.test(token)
        ? await repo.findLiveFeedByHash(db, hashFeedToken(token))
        : undefined;
      if (!feed) throw feedNotFound();
      const term = (await findTerm(db, feed.termId))!;
      const name = `${term.name}: ${await subjectLabel(feed)}`;
      const scheduleId = await repo.publishedScheduleId(db, feed.termId);
      if (!scheduleId)
        return buildCalendar({
          name,
          termId: term.id,
          timeZone: term.timeZone,
          stamp: term.updatedAt,
          periods: [],
          excluded: () => false,
          recurring: false,
          meetings: [],
        });
      const source = await loadSource(db, schedules, scheduleId);
      return calendarOf(source, name, await filterFor(feed));
    },
  };
}

export type FeedService = ReturnType<typeof createFeedService>;
