import { describe, expect, it } from 'vitest';
import { expectError } from '../helpers/factories.js';
import { roomyProblem, scheduleOf, solvedTerm } from './schedules-fixtures.js';
import { timetablingTestApp, tinyProblem } from './tt-helpers.js';

const { t, api, staff, learner } = timetablingTestApp({ staff: 'staff', learner: 'learner' });

describe('schedule versions', () => {
  it('should duplicate independently and compare the two', async () => {
    const { scheduleId } = await solvedTerm(t, api, staff, tinyProblem());
    const original = await scheduleOf(api, staff, scheduleId);
    expectError(
      await api.post(`/timetabling/schedules/${scheduleId}/duplicate`, learner, {}),
      403,
      'PERMISSION_DENIED',
    );
    const dup = await api.post(`/timetabling/schedules/${scheduleId}/duplicate`, staff, {
      name: 'Draft',
    });
    expect(dup.statusCode).toBe(201);
    const copyId = dup.json().data.id as string;
    expect(dup.json().data).toMatchObject({
      name: 'Draft',
      origin: 'duplicate',
      published: false,
      hard: original.hard,
      soft: original.soft,
    });
    const copy = await scheduleOf(api, staff, copyId);
    const placeOf = (ms: typeof copy.meetings) =>
      ms.map((m) => ({ course: m.course, meeting: m.meeting, slot: m.slot, room: m.room }));
    expect(placeOf(copy.meetings)).toEqual(placeOf(original.meetings));
    expect(copy.meetings.map((m) => m.id)).not.toEqual(original.meetings.map((m) => m.id));
    const same = await api.get(
      `/timetabling/schedules/compare?a=${scheduleId}&b=${copyId}`,
      learner,
    );
    expect(same.statusCode).toBe(200);
    expect(same.json().data).toMatchObject({ moved: 0, meetings: [], delta: { hard: 0, soft: 0 } });
    expect(same.json().data.constraints.every((x: { delta: number }) => x.delta === 0)).toBe(true);

    // Publish the original: it is frozen, the copy is not.
    await api.post(`/timetabling/schedules/${scheduleId}/publish`, staff);
    const art = copy.meetings.find((m) => m.course === 'ART')!;
    const free = Array.from({ length: 6 }, (_, s) => s).find(
      (s) => !copy.meetings.some((m) => m.slot === s && m.room === 'R2') && s !== art.slot,
    )!;
    const r2 = copy.meetings.find((m) => m.room === 'R2')?.roomId ?? 'R2';
    const moved = await api.patch(`/timetabling/schedules/${copyId}/meetings/${art.id}`, staff, {
      slot: free,
      room: r2,
    });
    expect(moved.statusCode).toBe(200);
    expect((await scheduleOf(api, staff, scheduleId)).meetings).toEqual(original.meetings);
    const diff = (
      await api.get(`/timetabling/schedules/compare?a=${scheduleId}&b=${copyId}`, staff)
    ).json().data;
    expect(diff.moved).toBe(1);
    expect(diff.meetings[0]).toMatchObject({
      course: 'ART',
      meeting: art.meeting,
      a: { slot: art.slot, room: art.room },
      b: { slot: free, room: 'R2' },
    });
    expect(diff.meetings[0].change).toBe(art.room === 'R2' ? 'slot' : 'slot_and_room');
    expect(diff.b).toMatchObject({ id: copyId, origin: 'manual', hard: moved.json().data.hard });
    expect(diff.delta.soft).toBe(diff.b.soft - diff.a.soft);
    const byId = new Map(
      diff.constraints.map((x: { constraint: string; delta: number }) => [x.constraint, x]),
    );
    expect(byId.has('hard.no_room_clash')).toBe(true);

    const other = await solvedTerm(t, api, staff, tinyProblem());
    const cross = expectError(
      await api.get(`/timetabling/schedules/compare?a=${scheduleId}&b=${other.scheduleId}`, staff),
      400,
      'VALIDATION_FAILED',
    );
    expect(cross.details?.[0]?.path).toBe('/querystring/b');
  });

  it('should say why a meeting is unplaced, slot by slot', async () => {
    const { termId, scheduleId } = await solvedTerm(t, api, staff, tinyProblem());
    const before = await scheduleOf(api, staff, scheduleId);
    const math = before.meetings.filter((m) => m.course === 'MATH');
    const phys = before.meetings.filter((m) => m.course === 'PHYS');
    await t.database.query('update tt_assignments set slot = null, room_id = null where id = $1', [
      math[0]!.id,
    ]);
    const res = await api.get(
      `/timetabling/schedules/${scheduleId}/unplaced/${math[0]!.courseId}/why`,
      learner,
    );
    expect(res.statusCode).toBe(200);
    const why = res.json().data;
    expect(why.unplaced).toBe(1);
    expect(why.slots).toHaveLength(6);
    expect(why.summary).toMatch(/^1 of 3 meetings of MATH are unplaced; /);
    for (const p of phys) {
      const slot = why.slots[p.slot!];
      expect(slot.open).toBe(false);
      expect(slot.courses).toContain('PHYS');
      expect(slot.sentence).toContain('PHYS meets at');
      expect(slot.sentence).toContain('shares curriculum Y1 with MATH');
    }
    for (const m of math.slice(1)) {
      expect(why.slots[m.slot!].sentence).toContain('MATH already meets at');
    }
    const open = why.slots.filter((s: { open: boolean }) => s.open);
    for (const s of open) expect(s.sentence).toMatch(/is open: MATH fits in R/);
    const art = before.meetings.find((m) => m.course === 'ART')!;
    const none = (
      await api.get(`/timetabling/schedules/${scheduleId}/unplaced/${art.courseId}/why`, staff)
    ).json().data;
    expect(none).toMatchObject({
      unplaced: 0,
      slots: [],
      summary: 'Every meeting of ART is placed.',
    });
    const other = await solvedTerm(t, api, staff, tinyProblem());
    const foreign = (await scheduleOf(api, staff, other.scheduleId)).meetings[0]!;
    expectError(
      await api.get(`/timetabling/schedules/${scheduleId}/unplaced/${foreign.courseId}/why`, staff),
      404,
      'COURSE_NOT_FOUND',
    );
    expect(termId).toBeTruthy();
  });

  it('should re-solve after a room is withdrawn, moving few meetings', async () => {
    const { termId, scheduleId } = await solvedTerm(t, api, staff, roomyProblem(), 2);
    const before = await scheduleOf(api, staff, scheduleId);
    expect(before.hard).toBe(0);
    const used = (code: string) => before.meetings.filter((m) => m.room === code).length;
    const busiest = ['R0', 'R1', 'R2', 'R3'].sort((a, b) => used(b) - used(a))[0]!;
    const inWithdrawn = used(busiest);
    const roomId = before.meetings.find((m) => m.room === busiest)!.roomId!;
    expect(
      (await api.del(`/timetabling/terms/${termId}/rooms/${roomId}?force=true`, staff)).statusCode,
    ).toBe(204);
    expectError(
      await api.post(`/timetabling/schedules/${scheduleId}/resolve`, learner, {}),
      403,
      'PERMISSION_DENIED',
    );
    const res = await api.post(`/timetabling/schedules/${scheduleId}/resolve`, staff, {
      timeLimitSeconds: 3,
      perturbationWeight: 50,
      seed: 2,
    });
    expect(res.statusCode).toBe(201);
    const r = res.json().data;
    expect(r.after.hard).toBe(0);
    expect(r.before.hard).toBeGreaterThan(0);
    expect(r.displaced).toBe(inWithdrawn);
    expect(r.moved).toBeGreaterThanOrEqual(inWithdrawn);
    expect(r.moved).toBeLessThanOrEqual(inWithdrawn + 3);
    expect(r.added).toBe(0);
    expect(r.diff.moved).toBe(r.moved);
    expect(r.diff.a.id).toBe(scheduleId);
    const fresh = await scheduleOf(api, staff, r.scheduleId);
    expect(fresh).toMatchObject({ origin: 'resolve', hard: 0 });
    expect(fresh.meetings.every((m) => m.room !== null && m.room !== busiest)).toBe(true);
    const unchanged = fresh.meetings.filter((m) =>
      before.meetings.some(
        (b) =>
          b.course === m.course &&
          b.meeting === m.meeting &&
          b.slot === m.slot &&
          b.room === m.room,
      ),
    );
    expect(unchanged.length).toBe(24 - r.moved);
  }, 60_000);
  it('should re-solve after a course is added, placing it without moving the others', async () => {
    const { termId, scheduleId } = await solvedTerm(t, api, staff, roomyProblem(), 2);
    await t.database.query(
      `insert into tt_courses (id, term_id, code, meetings, students, min_days) values (gen_random_uuid(), $1, 'C8', 2, 15, 2)`,
      [termId],
    );
    await t.database.query(
      `insert into tt_course_instructors (course_id, instructor_id) select c.id, i.id from tt_courses c, tt_instructors i where c.term_id = $1 and c.code = 'C8' and i.term_id = $1 and i.code = 'T1'`,
      [termId],
    );
    const res = await api.post(`/timetabling/schedules/${scheduleId}/resolve`, staff, {
      timeLimitSeconds: 1,
      perturbationWeight: 50,
    });
    expect(res.statusCode).toBe(201);
    const r = res.json().data;
    expect(r).toMatchObject({ added: 2, displaced: 0, after: { hard: 0 } });
    expect(r.before.hard).toBeGreaterThan(0);
    expect(r.moved).toBeLessThanOrEqual(1);
    const fresh = await scheduleOf(api, staff, r.scheduleId);
    expect(fresh.meetings).toHaveLength(26);
    expect(fresh.meetings.filter((m) => m.course === 'C8' && m.slot !== null)).toHaveLength(2);
    expect(r.diff.meetings.filter((m: { course: string }) => m.course === 'C8')).toHaveLength(2);
  }, 60_000);
});
