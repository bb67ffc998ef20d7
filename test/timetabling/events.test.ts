import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ofType, openSocket } from '../realtime/ws-client.js';
import { timetablingTestApp, tinyProblem, upload } from './tt-helpers.js';

const { t, api, staff, learner } = timetablingTestApp({ staff: 'staff', learner: 'learner' });

const eventsOf = async (termId: string) =>
  await t.database.query<{ type: string; subject_type: string; data: Record<string, unknown> }>(
    'select type, subject_type, data from outbox_events where subject_id = $1 order by occurred_at, id',
    [termId],
  );

async function solve(termId: string) {
  const res = await api.post(`/timetabling/terms/${termId}/solves`, staff, {
    solver: 'greedy',
    timeLimitSeconds: 0.5,
  });
  const until = Date.now() + 20_000;
  for (;;) {
    const s = (await api.get(`/timetabling/solves/${res.json().data.id}`, staff)).json().data;
    if (s.status === 'completed') return s as { id: string; scheduleId: string };
    if (Date.now() > until) throw new Error(`solve ${s.status}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('timetabling events', () => {
  it('should append term.imported, solve.completed, schedule.published and schedule.changed', async () => {
    const res = await upload(
      t,
      '/timetabling/terms/import',
      staff,
      'tiny.json',
      JSON.stringify(tinyProblem()),
    );
    const termId = res.json().data.id as string;
    expect(await eventsOf(termId)).toEqual([
      {
        type: 'term.imported',
        subject_type: 'term',
        data: {
          format: 'json',
          fileName: 'tiny.json',
          into: false,
          rooms: 2,
          instructors: 2,
          courses: 3,
          curricula: 1,
        },
      },
    ]);

    const first = await solve(termId);
    const second = await solve(termId);
    await api.post(`/timetabling/schedules/${first.scheduleId}/publish`, staff);
    await api.post(`/timetabling/schedules/${second.scheduleId}/publish`, staff);
    const events = await eventsOf(termId);
    expect(events.map((e) => e.type)).toEqual([
      'term.imported',
      'solve.completed',
      'solve.completed',
      'schedule.published',
      'schedule.published',
      'schedule.changed',
    ]);
    expect(events[1]!.data).toMatchObject({
      solveId: first.id,
      scheduleId: first.scheduleId,
      solver: 'greedy',
      hard: 0,
    });
    expect(events[3]!.data).toMatchObject({ scheduleId: first.scheduleId, previousId: null });
    expect(events[4]!.data).toMatchObject({
      scheduleId: second.scheduleId,
      previousId: first.scheduleId,
    });
    expect(events[5]!.data).toEqual({ scheduleId: first.scheduleId, change: 'unpublished' });
  });

  it('should list the events in the catalogue with the module that records them', async () => {
    const res = await api.get('/events/types', staff);
    expect(res.statusCode).toBe(200);
    const ours = res
      .json()
      .data.filter((e: { module: string }) => e.module === 'timetabling')
      .map((e: { type: string; subjectType: string }) => `${e.type}:${e.subjectType}`)
      .sort();
    expect(ours).toEqual([
      'schedule.changed:term',
      'schedule.published:term',
      'solve.completed:term',
      'term.imported:term',
    ]);
  });

  it('should reach the WebSocket topics terms:<id> and terms of those who read timetables', async () => {
    const res = await upload(
      t,
      '/timetabling/terms/import',
      staff,
      'tiny.json',
      JSON.stringify(tinyProblem()),
    );
    const termId = res.json().data.id as string;
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (t.app.server.address() as AddressInfo).port;
    const socket = await openSocket(`ws://127.0.0.1:${port}/ws?token=${learner.accessToken}`);
    try {
      expect(await socket.next()).toMatchObject({ type: 'authenticated' });
      for (const topic of [`terms:${termId}`, 'terms']) {
        socket.send({ type: 'subscribe', topic });
        expect(await socket.next()).toEqual({ type: 'subscribed', topic });
      }
      const solved = await solve(termId);
      const frame = await socket.next(ofType('event'), 10_000);
      expect(frame).toMatchObject({
        event: {
          type: 'solve.completed',
          subjectType: 'term',
          subjectId: termId,
          data: { scheduleId: solved.scheduleId },
        },
      });
    } finally {
      await socket.close();
    }
  });
});
