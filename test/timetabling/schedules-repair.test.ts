import { describe, expect, it } from 'vitest';
import { expectError } from '../helpers/factories.js';
import { type Meeting, scheduleOf, solvedTerm } from './schedules-fixtures.js';
import { timetablingTestApp, tinyProblem } from './tt-helpers.js';

const { t, api, staff, learner } = timetablingTestApp({ staff: 'staff', learner: 'learner' });

/** Solves the tiny term, then puts both ART meetings into MATH's first slot and room. */
async function brokenSchedule() {
  const { termId, scheduleId } = await solvedTerm(t, api, staff, tinyProblem());
  const before = await scheduleOf(api, staff, scheduleId);
  const math = before.meetings.find((m) => m.course === 'MATH')!;
  await t.database.query(
    `update tt_assignments set slot = $1, room_id = $2 where schedule_id = $3 and course_id = (select id from tt_courses where term_id = $4 and code = 'ART')`,
    [math.slot, math.roomId, scheduleId, termId],
  );
  const meetings = (await scheduleOf(api, staff, scheduleId)).meetings;
  return { termId, scheduleId, meetings, math };
}

const conflictsOf = async (id: string) =>
  (await api.get(`/timetabling/schedules/${id}/conflicts`, staff)).json().data as Array<{
    id: string;
    type: string;
    message: string;
  }>;

const analysis = async (id: string) =>
  (await api.get(`/timetabling/schedules/${id}/analysis`, staff)).json().data as {
    hard: number;
    soft: number;
  };

describe('meeting suggestions', () => {
  it('should rank places whose predicted delta is what applying the top one changes', async () => {
    const { scheduleId, meetings } = await brokenSchedule();
    const art = meetings.find((m) => m.course === 'ART')!;
    const res = await api.get(
      `/timetabling/schedules/${scheduleId}/meetings/${art.id}/suggestions?limit=5`,
      learner,
    );
    expect(res.statusCode).toBe(200);
    const data = res.json().data;
    expect(data.suggestions).toHaveLength(5);
    const top = data.suggestions[0];
    expect(top.deltaHard).toBeLessThan(0);
    expect(top.sentence).toMatch(/^Moving ART meeting \d to .+ in R[12] changes hard cost by -\d/);
    expect(top.mends.some((e: { kind: string }) => e.kind === 'hard')).toBe(true);
    for (let i = 1; i < data.suggestions.length; i++) {
      const [p, q] = [data.suggestions[i - 1], data.suggestions[i]];
      expect(
        p.deltaHard < q.deltaHard || (p.deltaHard === q.deltaHard && p.deltaSoft <= q.deltaSoft),
      ).toBe(true);
    }
    const before = await analysis(scheduleId);
    expect(data.current).toEqual({ hard: before.hard, soft: before.soft });
    const moved = await api.patch(
      `/timetabling/schedules/${scheduleId}/meetings/${art.id}`,
      staff,
      {
        slot: top.slot,
        room: top.roomId,
      },
    );
    expect(moved.statusCode).toBe(200);
    const after = moved.json().data;
    expect(after.delta).toEqual({ hard: top.deltaHard, soft: top.deltaSoft });
    expect(after.hard).toBe(before.hard + top.deltaHard);
    expect(after.soft).toBe(before.soft + top.deltaSoft);
    expect(after.origin).toBe('manual');
    const stored = await scheduleOf(api, staff, scheduleId);
    expect(stored).toMatchObject({ hard: after.hard, soft: after.soft, origin: 'manual' });
    expect(stored.meetings.find((m) => m.id === art.id)).toMatchObject({
      slot: top.slot,
      roomId: top.roomId,
    });
    expect(await analysis(scheduleId)).toMatchObject({ hard: after.hard, soft: after.soft });
  });
});

describe('conflict resolution', () => {
  it('should resolve every conflict of a hand-broken schedule', async () => {
    const { scheduleId } = await brokenSchedule();
    const first = await conflictsOf(scheduleId);
    expect(first.length).toBeGreaterThan(0);
    const resolutions = ['change_room', 'move', 'swap'] as const;
    for (let round = 0; round < 10; round++) {
      const open = await conflictsOf(scheduleId);
      if (open.length === 0) break;
      let done = false;
      for (const resolution of resolutions) {
        const res = await api.post(
          `/timetabling/schedules/${scheduleId}/conflicts/${encodeURIComponent(open[0]!.id)}/resolve`,
          staff,
          { resolution },
        );
        if (res.statusCode === 422) continue;
        expect(res.statusCode).toBe(200);
        const data = res.json().data;
        expect(data.conflictId).toBe(open[0]!.id);
        expect(data.delta.hard).toBeLessThan(0);
        expect(data.conflicts).toEqual(await conflictsOf(scheduleId));
        done = true;
        break;
      }
      expect(done).toBe(true);
    }
    expect(await conflictsOf(scheduleId)).toEqual([]);
    expect((await scheduleOf(api, staff, scheduleId)).hard).toBe(0);
  });

  it('should refuse an unknown conflict and a meeting outside it, changing nothing', async () => {
    const { scheduleId, meetings } = await brokenSchedule();
    const [conflict] = await conflictsOf(scheduleId);
    const outside = meetings.find((m) => m.course === 'PHYS')!;
    const err = expectError(
      await api.post(
        `/timetabling/schedules/${scheduleId}/conflicts/hard.nothing:9/resolve`,
        staff,
        {
          resolution: 'move',
        },
      ),
      404,
      'CONFLICT_NOT_FOUND',
    );
    expect(err.details?.[0]?.path).toBe('/params/cid');
    const e2 = expectError(
      await api.post(
        `/timetabling/schedules/${scheduleId}/conflicts/${encodeURIComponent(conflict!.id)}/resolve`,
        staff,
        { resolution: 'move', meetingId: outside.id },
      ),
      400,
      'VALIDATION_FAILED',
    );
    expect(e2.details?.[0]?.path).toBe('/body/meetingId');
    expect((await scheduleOf(api, staff, scheduleId)).meetings).toEqual(meetings);
  });
});

describe('manual moves', () => {
  it('should refuse bad input naming the field and change nothing', async () => {
    const { scheduleId, meetings } = await solvedTerm(t, api, staff, tinyProblem()).then(
      async (s) => ({ ...s, meetings: (await scheduleOf(api, staff, s.scheduleId)).meetings }),
    );
    const other = await solvedTerm(t, api, staff, tinyProblem());
    const otherMeetings: Meeting[] = (await scheduleOf(api, staff, other.scheduleId)).meetings;
    const m = meetings[0]!;
    const url = `/timetabling/schedules/${scheduleId}/meetings/${m.id}`;
    const path = async (body: unknown, status = 400, code = 'VALIDATION_FAILED') =>
      expectError(await api.patch(url, staff, body), status, code).details?.[0]?.path;
    expect(await path({ slot: 6 })).toBe('/body/slot');
    expect(await path({ slot: -1 })).toBe('/body/slot');
    expect(await path({ room: otherMeetings[0]!.roomId })).toBe('/body/room');
    expect(await path({ room: 'NOPE' })).toBe('/body/room');
    expect(await path({})).toBe('/body/slot');
    const foreign = expectError(
      await api.patch(
        `/timetabling/schedules/${scheduleId}/meetings/${otherMeetings[0]!.id}`,
        staff,
        { slot: 0 },
      ),
      404,
      'MEETING_NOT_FOUND',
    );
    expect(foreign.details?.[0]?.path).toBe('/params/mid');
    expectError(await api.patch(url, learner, { slot: 0 }), 403, 'PERMISSION_DENIED');
    expect((await scheduleOf(api, staff, scheduleId)).meetings).toEqual(meetings);
    expect((await scheduleOf(api, staff, scheduleId)).origin).toBe('solve');
    // Published: only through a duplicate.
    expect((await api.post(`/timetabling/schedules/${scheduleId}/publish`, staff)).statusCode).toBe(
      200,
    );
    expectError(
      await api.patch(url, staff, { slot: m.slot === 0 ? 1 : 0 }),
      409,
      'SCHEDULE_PUBLISHED',
    );
    expect((await scheduleOf(api, staff, scheduleId)).meetings).toEqual(meetings);
  });
});
