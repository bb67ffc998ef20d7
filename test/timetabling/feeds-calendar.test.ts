import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { insertPublishedCourse } from '../helpers/catalog-factories.js';
import { UNKNOWN_ID } from '../helpers/catalog-test-app.js';
import { allLogText, expectError } from '../helpers/factories.js';
import { timetablingTestApp, tinyProblem, upload } from './tt-helpers.js';

const { t, api, staff, learner, otherLearner } = timetablingTestApp({
  staff: 'staff',
  learner: 'learner',
  otherLearner: 'learner',
});

async function publishedTerm() {
  const res = await upload(
    t,
    '/timetabling/terms/import',
    staff,
    'tiny.json',
    JSON.stringify(tinyProblem()),
  );
  expect(res.statusCode).toBe(201);
  const termId = res.json().data.id as string;
  const solve = await api.post(`/timetabling/terms/${termId}/solves`, staff, {
    solver: 'greedy',
    timeLimitSeconds: 0.5,
  });
  const until = Date.now() + 20_000;
  let scheduleId: string | null = null;
  while (!scheduleId && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 100));
    scheduleId = (await api.get(`/timetabling/solves/${solve.json().data.id}`, staff)).json().data
      .scheduleId;
  }
  expect((await api.post(`/timetabling/schedules/${scheduleId}/publish`, staff)).statusCode).toBe(
    200,
  );
  const ids = async (table: string) =>
    Object.fromEntries(
      (
        await t.database.query<{ code: string; id: string }>(
          `select code, id from ${table} where term_id = $1`,
          [termId],
        )
      ).map((r) => [r.code, r.id]),
    );
  return {
    termId,
    scheduleId: scheduleId!,
    rooms: await ids('tt_rooms'),
    instructors: await ids('tt_instructors'),
    curricula: await ids('tt_curricula'),
    courses: await ids('tt_courses'),
  };
}

/** The path of a feed's URL, fetched with no credentials at all. */
const fetchFeed = (url: string) => t.app.inject({ method: 'GET', url: new URL(url).pathname });

const summaries = (text: string) =>
  new ICAL.Component(ICAL.parse(text))
    .getAllSubcomponents('vevent')
    .map((e) => String(e.getFirstPropertyValue('summary')))
    .sort();

describe('calendar feeds', () => {
  it('should serve a room feed without login until it is revoked', async () => {
    const term = await publishedTerm();
    const res = await api.post(`/timetabling/terms/${term.termId}/feeds`, staff, {
      kind: 'room',
      id: term.rooms.R1,
    });
    expect(res.statusCode).toBe(201);
    expect(res.headers['cache-control']).toBe('no-store');
    const feed = res.json().data;
    expect(feed).toMatchObject({ kind: 'room', subjectId: term.rooms.R1, termId: term.termId });
    expect(feed.url).toMatch(/^http:\/\/[^/]+\/calendars\/[A-Za-z0-9_-]{43}\.ics$/);
    const token = feed.url.match(/calendars\/(.+)\.ics$/)[1] as string;

    const served = await fetchFeed(feed.url);
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const schedule = (await api.get(`/timetabling/schedules/${term.scheduleId}`, staff)).json()
      .data;
    const inR1 = schedule.meetings.filter((m: { room: string }) => m.room === 'R1');
    expect(summaries(served.body)).toEqual(inR1.map((m: { course: string }) => m.course).sort());
    expect(served.body).toContain('BEGIN:VTIMEZONE');

    // Only the hash is stored, and the list never shows the URL again.
    const stored = await t.database.query<{ token_hash: string }>(
      'select token_hash from tt_feeds where id = $1',
      [feed.id],
    );
    expect(stored[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(token);
    const list = await api.get(`/timetabling/terms/${term.termId}/feeds`, staff);
    expect(list.json().data.map((f: { id: string }) => f.id)).toEqual([feed.id]);
    expect(list.body).not.toContain(token);

    expect((await api.del(`/timetabling/feeds/${feed.id}`, staff)).statusCode).toBe(204);
    expectError(await fetchFeed(feed.url), 404, 'FEED_NOT_FOUND');
    expectError(await api.del(`/timetabling/feeds/${feed.id}`, staff), 404, 'FEED_NOT_FOUND');
    expect((await api.get(`/timetabling/terms/${term.termId}/feeds`, staff)).json().data).toEqual(
      [],
    );

    expect(allLogText(t)).not.toContain(token);
    expect(allLogText(t)).toContain('/calendars/[REDACTED].ics');
  });

  it('should not hand the URL out again on an idempotent replay', async () => {
    const term = await publishedTerm();
    const send = () =>
      api.post(
        `/timetabling/terms/${term.termId}/feeds`,
        staff,
        { kind: 'instructor', id: term.instructors.T1 },
        { 'idempotency-key': `feed-${term.termId}` },
      );
    const first = await send();
    expect(first.statusCode).toBe(201);
    const again = await send();
    expectError(again, 409, 'IDEMPOTENCY_KEY_NOT_REPLAYABLE');
    expect(again.body).not.toContain(first.json().data.url);
    // T1 teaches MATH and PHYS.
    const served = await fetchFeed(first.json().data.url);
    expect(new Set(summaries(served.body))).toEqual(new Set(['MATH', 'PHYS']));
  });

  it("should follow a curriculum, and a learner's enrolments in linked catalog courses", async () => {
    const term = await publishedTerm();
    const curriculum = await api.post(`/timetabling/terms/${term.termId}/feeds`, staff, {
      kind: 'curriculum',
      id: term.curricula.Y1,
    });
    expect(new Set(summaries((await fetchFeed(curriculum.json().data.url)).body))).toEqual(
      new Set(['MATH', 'PHYS']),
    );

    const { course } = await insertPublishedCourse(t, staff.id);
    await t.database.query('update tt_courses set catalog_course_id = $1 where id = $2', [
      course.id,
      term.courses.ART,
    ]);
    expect((await api.send('POST', `/courses/${course.id}/enrol`, learner)).statusCode).toBe(201);
    const mine = await api.post(`/timetabling/terms/${term.termId}/feeds`, learner, {
      kind: 'learner',
      id: learner.id,
    });
    expect(mine.statusCode).toBe(201);
    expect(summaries((await fetchFeed(mine.json().data.url)).body)).toEqual(['ART', 'ART']);

    // A learner sees and revokes only their own feeds, and makes no one else's.
    expect(
      (await api.get(`/timetabling/terms/${term.termId}/feeds`, learner))
        .json()
        .data.map((f: { kind: string }) => f.kind),
    ).toEqual(['learner']);
    expectError(
      await api.post(`/timetabling/terms/${term.termId}/feeds`, otherLearner, {
        kind: 'learner',
        id: learner.id,
      }),
      403,
      'FORBIDDEN',
    );
    expectError(
      await api.del(`/timetabling/feeds/${mine.json().data.id}`, otherLearner),
      404,
      'FEED_NOT_FOUND',
    );
    expectError(
      await api.post(`/timetabling/terms/${term.termId}/feeds`, staff, {
        kind: 'room',
        id: UNKNOWN_ID,
      }),
      422,
      'FEED_SUBJECT_NOT_FOUND',
    );
    expectError(
      await api.post(`/timetabling/terms/${UNKNOWN_ID}/feeds`, staff, {
        kind: 'room',
        id: UNKNOWN_ID,
      }),
      404,
      'TERM_NOT_FOUND',
    );
    expectError(
      await t.app.inject({ method: 'GET', url: '/calendars/not-a-token.ics' }),
      404,
      'FEED_NOT_FOUND',
    );
  });
});
