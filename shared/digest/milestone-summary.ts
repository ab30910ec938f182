import type { Programme } from '../catalog/programme.ts';
import { compareIds } from '../catalog/programme.ts';
import type { MilestoneVerdict, SeriesResult } from '../domain/series-status.ts';
import type { MilestoneSummary } from './digest.ts';

type Verdict = MilestoneVerdict['verdict'];

const NO_VERDICTS: Readonly<Record<Verdict, number>> = {
  met: 0,
  missed: 0,
  pending: 0,
  unknown: 0,
  likely: 0,
  unlikely: 0,
};

/**
 * Milestone verdicts counted per (indicator, level, milestone date): e.g. "work records online,
 * commune level, 2025-12-31: 41 met, 20 missed, 8 unknown". Past milestones carry met/missed,
 * future ones the projection (likely/unlikely), as the engine judged them.
 */
export function summariseMilestones(
  programme: Programme,
  results: readonly SeriesResult[],
  levelOrder: readonly string[],
  asOf: string,
): MilestoneSummary[] {
  const groups = new Map<
    string,
    { indicator: string; level: string; date: string; verdicts: Record<Verdict, number>; series: number }
  >();
  for (const result of results) {
    const level = programme.units.get(result.unit)?.level;
    if (level === undefined) continue;
    for (const milestone of result.milestones) {
      const key = `${result.indicator}\u0000${level}\u0000${milestone.date}`;
      let group = groups.get(key);
      if (!group) {
        group = {
          indicator: result.indicator,
          level,
          date: milestone.date,
          verdicts: { ...NO_VERDICTS },
          series: 0,
        };
        groups.set(key, group);
      }
      group.verdicts[milestone.verdict] += 1;
      group.series += 1;
    }
  }
  const indicatorOrder = [...programme.indicators.keys()];
  return [...groups.values()]
    .map((group): MilestoneSummary => {
      const indicator = programme.indicators.get(group.indicator);
      const target = indicator?.targets
        .find((candidate) => candidate.level === group.level)
        ?.milestones.find((milestone) => milestone.date === group.date);
      return {
        indicator: group.indicator,
        indicatorName: indicator?.name ?? group.indicator,
        level: group.level,
        date: group.date,
        target: target?.value ?? null,
        past: group.date <= asOf,
        verdicts: group.verdicts,
        series: group.series,
      };
    })
    .sort(
      (a, b) =>
        indicatorOrder.indexOf(a.indicator) - indicatorOrder.indexOf(b.indicator) ||
        levelOrder.indexOf(a.level) - levelOrder.indexOf(b.level) ||
        compareIds(a.date, b.date),
    );
}
