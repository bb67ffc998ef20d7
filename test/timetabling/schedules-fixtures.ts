import { expect } from 'vitest';
import type { ApiClient } from '../helpers/api-client.js';
import type { TestUser } from '../helpers/factories.js';
import type { TestApp } from '../helpers/test-app.js';
import { upload } from './tt-helpers.js';

export interface Meeting {
  id: string;
  courseId: string;
  course: string;
  meeting: number;
  slot: number | null;
  roomId: string | null;
  room: string | null;
}

/** 8 courses × 3 meetings on a 5 × 4 week in 4 rooms: room to spare, so withdrawals are repairable. */
export const roomyProblem = () => ({
  name: 'Roomy school',
  time: { kind: 'weekly', days: 5, periodsPerDay: 4 },
  rooms: ['R0', 'R1', 'R2', 'R3'].map((id, i) => ({ id, capacity: 30 + 10 * i })),
  instructors: ['T0', 'T1', 'T2', 'T3'].map((id) => ({ id })),
  courses: Array.from({ length: 8 }, (_, i) => ({
    id: `C${i}`,
    meetings: 3,
    students: 20 + i * 3,
    instructors: [`T${i % 4}`],
    minDays: 3,
  })),
  curricula: [
    { id: 'Y1', courses: ['C0', 'C1', 'C2', 'C3'] },
    { id: 'Y2', courses: ['C4', 'C5', 'C6', 'C7'] },
  ],
});

/** Imports a problem as a term, solves it (a job) and answers the term and its schedule. */
export async function solvedTerm(
  t: TestApp,
  api: ApiClient,
  user: TestUser,
  problem: unknown,
  seconds = 1,
) {
  const imported = await upload(
    t,
    '/timetabling/terms/import',
    user,
    'p.json',
    JSON.stringify(problem),
  );
  expect(imported.statusCode).toBe(201);
  const termId = imported.json().data.id as string;
  const started = await api.post(`/timetabling/terms/${termId}/solves`, user, {
    solver: 'hybrid',
    timeLimitSeconds: seconds,
    seed: 3,
  });
  expect(started.statusCode).toBe(202);
  const until = Date.now() + 30_000;
  for (;;) {
    const s = (await api.get(`/timetabling/solves/${started.json().data.id}`, user)).json().data;
    if (s.status === 'completed' && s.scheduleId)
      return { termId, scheduleId: s.scheduleId as string };
    if (s.status === 'failed' || Date.now() > until) throw new Error(`solve: ${JSON.stringify(s)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function scheduleOf(api: ApiClient, user: TestUser, id: string) {
  const res = await api.get(`/timetabling/schedules/${id}`, user);
  expect(res.statusCode).toBe(200);
  return res.json().data as { hard: number; soft: number; origin: string; meetings: Meeting[] };
}
