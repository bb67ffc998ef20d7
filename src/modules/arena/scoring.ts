/** A competitor's cost on one workload: hard violations first, then soft cost. */
export interface Scored {
  competitor: string;
  hard: number;
  soft: number;
}

const better = (a: Scored, b: Scored) => a.hard < b.hard || (a.hard === b.hard && a.soft < b.soft);

/** The best result of a workload (ties: the first). */
export function best<T extends Scored>(runs: T[]): T | undefined {
  return runs.reduce<T | undefined>((b, r) => (!b || better(r, b) ? r : b), undefined);
}

/**
 * Rank (1 + how many are strictly better) and the normalised gap to the workload's best:
 * 0 for the best, (soft − best) / max(soft, best) for other feasible runs when the best is
 * feasible, and 1 for a run with hard violations the best does not have.
 */
export function rankAndGap<T extends Scored>(runs: T[]): Array<T & { rank: number; gap: number }> {
  const top = best(runs);
  return runs.map((r) => {
    const rank = 1 + runs.filter((o) => better(o, r)).length;
    let gap = 0;
    if (top && better(top, r))
      gap = r.hard > top.hard ? 1 : (r.soft - top.soft) / Math.max(r.soft, top.soft, 1);
    return { ...r, rank, gap: Math.round(gap * 1e4) / 1e4 };
  });
}

export interface LeaderboardRow {
  competitor: string;
  workloads: number;
  wins: number;
  losses: number;
  ties: number;
  meanGap: number;
  meanRank: number;
  feasibilityRate: number;
}

/**
 * Wins, losses and ties per competitor over workloads: on each workload the competitors with the
 * best cost win (a tie when several share it), the others lose. `excluded` (the oracle) is
 * ranked for the gap but takes no part in wins, losses or ties.
 */
export function leaderboard(
  workloads: Array<Array<Scored & { gap: number; rank: number }>>,
  excluded: readonly string[] = ['oracle'],
): LeaderboardRow[] {
  const rows = new Map<
    string,
    LeaderboardRow & { gapSum: number; rankSum: number; feasible: number }
  >();
  const row = (c: string) => {
    let r = rows.get(c);
    if (!r) {
      r = {
        competitor: c,
        workloads: 0,
        wins: 0,
        losses: 0,
        ties: 0,
        meanGap: 0,
        meanRank: 0,
        feasibilityRate: 0,
        gapSum: 0,
        rankSum: 0,
        feasible: 0,
      };
      rows.set(c, r);
    }
    return r;
  };
  for (const runs of workloads) {
    const contenders = runs.filter((r) => !excluded.includes(r.competitor));
    const top = best(contenders);
    const winners = top ? contenders.filter((r) => r.hard === top.hard && r.soft === top.soft) : [];
    for (const r of runs) {
      const s = row(r.competitor);
      s.workloads++;
      s.gapSum += r.gap;
      s.rankSum += r.rank;
      if (r.hard === 0) s.feasible++;
      if (excluded.includes(r.competitor)) continue;
      if (!winners.includes(r)) s.losses++;
      else if (winners.length > 1) s.ties++;
      else s.wins++;
    }
  }
  const r4 = (x: number) => Math.round(x * 1e4) / 1e4;
  return [...rows.values()]
    .map(({ gapSum, rankSum, feasible, ...r }) => ({
      ...r,
      meanGap: r4(gapSum / r.workloads),
      meanRank: r4(rankSum / r.workloads),
      feasibilityRate: r4(feasible / r.workloads),
    }))
    .sort(
      (a, b) =>
        a.meanGap - b.meanGap || b.wins - a.wins || a.competitor.localeCompare(b.competitor),
    );
}
