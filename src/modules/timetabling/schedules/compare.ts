import { type Database, isUuid } from '#platform/db/index.js';
import { AppError, validationError } from '#platform/errors/index.js';
import { loadProblem } from '../terms/problem-store.js';
import * as repo from './repository.js';

const missing = (path: string, id: string) =>
  new AppError('not_found', 'SCHEDULE_NOT_FOUND', 'Schedule not found', {
    details: [{ path, message: `no schedule ${id}` }],
  });

type MeetingRow = Awaited<ReturnType<typeof repo.scheduleMeetings>>[number];

/** Two schedules of one term side by side: totals, per-constraint costs, and the meetings that differ. */
export async function compareSchedules(db: Database, aId: string, bId: string) {
  const [a, b] = await Promise.all(
    [aId, bId].map(async (id) => (isUuid(id) ? repo.findSchedule(db, id) : undefined)),
  );
  if (!a) throw missing('/querystring/a', aId);
  if (!b) throw missing('/querystring/b', bId);
  if (a.termId !== b.termId)
    throw validationError('The schedules belong to different terms', [
      { path: '/querystring/b', message: `schedule ${bId} is not of term ${a.termId}` },
    ]);
  const [costsA, costsB, rowsA, rowsB, loaded] = await Promise.all([
    repo.scheduleCosts(db, a.id),
    repo.scheduleCosts(db, b.id),
    repo.scheduleMeetings(db, a.id),
    repo.scheduleMeetings(db, b.id),
    loadProblem(db, a.termId),
  ]);
  const ids = loaded!.ids;
  const constraintIds = [...new Set([...costsA, ...costsB].map((x) => x.constraintId))].sort();
  const costOf = (rows: typeof costsA, id: string) => rows.find((x) => x.constraintId === id);
  const key = (m: MeetingRow) => `${m.courseId}:${m.meeting}`;
  const byKeyB = new Map(rowsB.map((m) => [key(m), m]));
  const keys = [...new Set([...rowsA, ...rowsB].map(key))];
  const byKeyA = new Map(rowsA.map((m) => [key(m), m]));
  const place = (m: MeetingRow | undefined) => ({
    slot: m?.slot ?? null,
    roomId: m?.roomId ?? null,
    room: m?.roomId ? (ids.roomCode.get(m.roomId) ?? null) : null,
  });
  const differing = keys.flatMap((k) => {
    const x = byKeyA.get(k);
    const y = byKeyB.get(k);
    const slotChanged = (x?.slot ?? null) !== (y?.slot ?? null);
    const roomChanged = (x?.roomId ?? null) !== (y?.roomId ?? null);
    if (!slotChanged && !roomChanged) return [];
    const any = (x ?? y)!;
    return [
      {
        courseId: any.courseId,
        course: ids.courseCode.get(any.courseId) ?? null,
        meeting: any.meeting,
        a: place(x),
        b: place(y),
        change:
          slotChanged && roomChanged
            ? ('slot_and_room' as const)
            : slotChanged
              ? ('slot' as const)
              : ('room' as const),
      },
    ];
  });
  differing.sort((p, q) => (p.course ?? '').localeCompare(q.course ?? '') || p.meeting - q.meeting);
  const side = (s: typeof a) => ({
    id: s.id,
    name: s.name,
    origin: s.origin,
    hard: s.hard,
    soft: s.soft,
  });
  return {
    a: side(a),
    b: side(b),
    delta: { hard: b.hard - a.hard, soft: b.soft - a.soft },
    constraints: constraintIds.map((id) => {
      const x = costOf(costsA, id);
      const y = costOf(costsB, id);
      return {
        constraint: id,
        kind: (x ?? y)!.hard ? ('hard' as const) : ('soft' as const),
        a: { count: x?.count ?? 0, cost: x?.cost ?? 0 },
        b: { count: y?.count ?? 0, cost: y?.cost ?? 0 },
        delta: (y?.cost ?? 0) - (x?.cost ?? 0),
      };
    }),
    moved: differing.length,
    meetings: differing,
  };
}
