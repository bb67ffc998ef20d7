import { describe, expect, it } from 'vitest';
import { useCatalogTestApp } from '../helpers/catalog-test-app.js';
import { expectError } from '../helpers/factories.js';

const { api, staff, learner } = useCatalogTestApp({ staff: 'staff', learner: 'learner' });

interface Run {
  id: string;
  competitor: string;
  solver: string;
  hard: number;
  soft: number;
  gap: number;
  rank: number;
}

async function waitForWorkloads(n: number, ms = 60_000) {
  const until = Date.now() + ms;
  for (;;) {
    const s = (await api.get('/arena/status', learner)).json().data;
    if (s.workloadsDone >= n || Date.now() > until) return s;
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('arena', () => {
  it('should refuse bad input and the wrong people, leaving the arena stopped', async () => {
    expect((await api.post('/arena/start', undefined, { budgetSeconds: 1 })).statusCode).toBe(401);
    expectError(
      await api.post('/arena/start', learner, { budgetSeconds: 1 }),
      403,
      'PERMISSION_DENIED',
    );
    const missing = expectError(
      await api.post('/arena/start', staff, {}),
      400,
      'VALIDATION_FAILED',
    );
    expect(JSON.stringify(missing.details)).toContain('budgetSeconds');
    const unknown = expectError(
      await api.post('/arena/start', staff, { budgetSeconds: 1, competitors: ['greedy', 'magic'] }),
      400,
      'VALIDATION_FAILED',
    );
    expect(unknown.details?.[0]?.path).toBe('/body/competitors/1');
    expectError(
      await api.post('/arena/start', staff, { budgetSeconds: 1, preset: 'huge' }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(await api.post('/arena/pause', staff), 400, 'ARENA_NOT_RUNNING');
    expectError(await api.post('/arena/resume', staff), 400, 'ARENA_NOT_PAUSED');
    expectError(await api.post('/arena/stop', staff), 409, 'ARENA_STOPPED');
    const s = (await api.get('/arena/status', learner)).json().data;
    expect(s).toMatchObject({ state: 'stopped', workloadsDone: 0, currentWorkload: null });
  });

  it('should run workloads end to end, rank them live and keep the oracle out of wins', async () => {
    const res = await api.post('/arena/start', staff, {
      preset: 'small',
      budgetSeconds: 1,
      competitors: ['greedy', 'hybrid', 'learned', 'oracle'],
      seed: 7,
    });
    expect(res.statusCode).toBe(202);
    expect(res.json().data.state).toBe('running');
    expectError(await api.post('/arena/start', staff, { budgetSeconds: 1 }), 409, 'ARENA_ACTIVE');

    const s = await waitForWorkloads(2);
    expect(s.workloadsDone).toBeGreaterThanOrEqual(2);
    expect((await api.post('/arena/pause', staff)).json().data.state).toBe('paused');
    expectError(await api.post('/arena/pause', staff), 400, 'ARENA_NOT_RUNNING');

    const history = (await api.get('/arena/history?limit=2', learner)).json().data as Array<{
      preset: string;
      seed: number;
      position: number;
      selected: string;
      runs: Run[];
    }>;
    expect(history).toHaveLength(2);
    expect(history[0]!.position).toBeGreaterThan(history[1]!.position);
    for (const w of history) {
      expect(w.preset).toBe('small');
      expect(w.seed).toBe(7 + w.position);
      expect(w.runs.map((r) => r.competitor).sort()).toEqual([
        'greedy',
        'hybrid',
        'learned',
        'oracle',
      ]);
      const fixed = w.runs.filter((r) => r.competitor === 'greedy' || r.competitor === 'hybrid');
      const oracle = w.runs.find((r) => r.competitor === 'oracle')!;
      const top = [...fixed].sort((a, b) => a.hard - b.hard || a.soft - b.soft)[0]!;
      expect([oracle.hard, oracle.soft, oracle.gap, oracle.rank]).toEqual([
        top.hard,
        top.soft,
        0,
        1,
      ]);
      const learned = w.runs.find((r) => r.competitor === 'learned')!;
      expect(learned.solver).toBe(w.selected);
      for (const r of w.runs) {
        expect(r.gap).toBeGreaterThanOrEqual(0);
        expect(r.gap).toBeLessThanOrEqual(1);
      }
    }

    const board = (await api.get('/arena/leaderboard', learner)).json().data as Array<{
      competitor: string;
      workloads: number;
      wins: number;
      losses: number;
      ties: number;
    }>;
    const oracle = board.find((r) => r.competitor === 'oracle')!;
    expect([oracle.wins, oracle.losses, oracle.ties]).toEqual([0, 0, 0]);
    for (const r of board.filter((x) => x.competitor !== 'oracle'))
      expect(r.wins + r.losses + r.ties).toBe(r.workloads);
    const windowed = (await api.get('/arena/leaderboard?window=1', learner)).json().data;
    expect(windowed.every((r: { workloads: number }) => r.workloads === 1)).toBe(true);
    expectError(await api.get('/arena/leaderboard?window=0', learner), 400, 'VALIDATION_FAILED');

    const run = history[0]!.runs[0]!;
    const one = await api.get(`/arena/runs/${run.id}`, learner);
    expect(one.json().data).toMatchObject({ id: run.id, competitor: run.competitor });
    expectError(
      await api.get('/arena/runs/01900000-0000-7000-8000-000000000000', learner),
      404,
      'ARENA_RUN_NOT_FOUND',
    );

    const sel = (await api.get('/arena/selector', learner)).json().data;
    expect(sel).toMatchObject({ model: 'knn', k: 3, validation: { method: 'leave-one-out' } });
    expect(sel.trainingSize).toBeGreaterThanOrEqual(2);
    const validated = Object.values(
      sel.validation.confusion as Record<string, Record<string, number>>,
    )
      .flatMap((row) => Object.values(row))
      .reduce((a, b) => a + b, 0);
    expect(validated).toBe(sel.trainingSize);

    expect((await api.post('/arena/resume', staff)).json().data.state).toBe('running');
    expectError(await api.post('/arena/resume', staff), 400, 'ARENA_NOT_PAUSED');
    expectError(await api.post('/arena/stop', learner), 403, 'PERMISSION_DENIED');
    expect((await api.post('/arena/stop', staff)).json().data.state).toBe('stopped');
    expectError(await api.post('/arena/stop', staff), 409, 'ARENA_STOPPED');
  });
});
