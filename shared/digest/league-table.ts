import type { Programme } from '../catalog/programme.ts';
import { compareIds } from '../catalog/programme.ts';
import { SERIES_STATUSES, type SeriesResult, type SeriesStatus } from '../domain/series-status.ts';
import type { LeagueLevel, LeagueRow } from './digest.ts';

/** Changes smaller than this are rounding noise, not movement. */
const MOVE_EPSILON = 1e-9;

/** A series counts towards the score when it is on track or has already reached its target. */
export function isGood(status: SeriesStatus): boolean {
  return status === 'on_track' || status === 'achieved';
}

export function emptyCounts(): Record<SeriesStatus, number> {
  return Object.fromEntries(SERIES_STATUSES.map((status) => [status, 0])) as Record<SeriesStatus, number>;
}

/** Share of the given results that are on track or achieved; null without results. */
export function scoreOf(results: readonly SeriesResult[]): number | null {
  if (results.length === 0) return null;
  return results.filter((result) => isGood(result.status)).length / results.length;
}

/**
 * Ranks the units of each level by score. Ties are broken by fewer `behind` series, then by the
 * smaller total shortfall below the required values, then by unit id, so the order is total and
 * stable from week to week. Movers compare the score with last week's recorded score.
 */
export function buildLeague(
  programme: Programme,
  results: readonly SeriesResult[],
  levelOrder: readonly string[],
  previousScores: Readonly<Record<string, number>> | undefined,
  trends: ReadonlyMap<string, readonly (number | null)[]>,
): LeagueLevel[] {
  const byUnit = new Map<string, SeriesResult[]>();
  for (const result of results) {
    const list = byUnit.get(result.unit) ?? [];
    list.push(result);
    byUnit.set(result.unit, list);
  }
  const byLevel = new Map<string, Omit<LeagueRow, 'rank'>[]>();
  for (const [unitId, unitResults] of byUnit) {
    const unit = programme.units.get(unitId);
    if (!unit) continue;
    const counts = emptyCounts();
    let shortfall = 0;
    for (const result of unitResults) {
      counts[result.status] += 1;
      if (result.gap !== null && result.gap < 0) shortfall -= result.gap;
    }
    const score = scoreOf(unitResults) ?? 0;
    const previousScore = previousScores?.[unitId] ?? null;
    const row = {
      unit: unitId,
      unitName: unit.name,
      level: unit.level,
      score,
      series: unitResults.length,
      counts,
      shortfall,
      previousScore,
      change: previousScore === null ? null : score - previousScore,
      trend: trends.get(unitId) ?? [],
    };
    const list = byLevel.get(unit.level) ?? [];
    list.push(row);
    byLevel.set(unit.level, list);
  }
  return levelOrder.flatMap((level) => {
    const unranked = byLevel.get(level);
    if (!unranked) return [];
    const rows = [...unranked]
      .sort(compareRows)
      .map((row, index): LeagueRow => ({ rank: index + 1, ...row }));
    const up = rows
      .filter((row) => (row.change ?? 0) > MOVE_EPSILON)
      .sort((a, b) => (b.change ?? 0) - (a.change ?? 0) || a.rank - b.rank);
    const down = rows
      .filter((row) => (row.change ?? 0) < -MOVE_EPSILON)
      .sort((a, b) => (a.change ?? 0) - (b.change ?? 0) || a.rank - b.rank);
    return [{ level, rows, movers: { up, down } }];
  });
}

function compareRows(a: Omit<LeagueRow, 'rank'>, b: Omit<LeagueRow, 'rank'>): number {
  return (
    b.score - a.score ||
    a.counts.behind - b.counts.behind ||
    a.shortfall - b.shortfall ||
    compareIds(a.unit, b.unit)
  );
}
