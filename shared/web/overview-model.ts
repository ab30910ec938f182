import { isUnitValidOn, type Programme } from '../catalog/programme.ts';
import { levelOrder, statusCounts } from '../digest/build-digest.ts';
import type { LeagueLevel } from '../digest/digest.ts';
import { buildLeague, scoreOf } from '../digest/league-table.ts';
import { buildScorecard, type Scorecard } from '../domain/scorecard.ts';
import type { SeriesResult, SeriesStatus } from '../domain/series-status.ts';
import type { ProgrammeSnapshot } from './programme-snapshot.ts';
import { canSeeSeries, type Viewer } from './viewer.ts';

/** A group of units the overview drills into: a department, or a district dissolved in 2025. */
export interface DrillGroup {
  readonly unit: string;
  readonly name: string;
  readonly score: number | null;
  readonly series: number;
  readonly behind: number;
}

export interface Overview {
  readonly results: readonly SeriesResult[];
  readonly counts: Record<SeriesStatus, number>;
  readonly scorecard: Scorecard;
  /** Recorded weekly digests, oldest first (programme-wide counts). */
  readonly trend: readonly { week: string; counts: Readonly<Record<SeriesStatus, number>> }[];
  readonly league: readonly LeagueLevel[];
  readonly departments: readonly DrillGroup[];
  readonly formerDistricts: readonly DrillGroup[];
}

/** The series a viewer may see. */
export function visibleResults(snapshot: ProgrammeSnapshot, viewer: Viewer): readonly SeriesResult[] {
  if (viewer.wholeProgramme) return snapshot.results;
  return snapshot.results.filter((result) => canSeeSeries(viewer, result.unit, result.indicator));
}

/**
 * The overview of what `viewer` may see. The whole programme's is computed once per snapshot
 * (it is the committee's landing page and the largest); a scoped viewer's from their series.
 */
export function overviewFor(snapshot: ProgrammeSnapshot, viewer: Viewer): Overview {
  return viewer.wholeProgramme
    ? snapshot.programmeOverview
    : buildOverview(snapshot, visibleResults(snapshot, viewer), false);
}

/** The overview of some results of the snapshot (pure); the weekly trend is programme-wide. */
export function buildOverview(
  snapshot: Omit<ProgrammeSnapshot, 'programmeOverview'>,
  results: readonly SeriesResult[],
  withTrend: boolean,
): Overview {
  const { programme } = snapshot;
  const byUnit = groupByUnit(results);
  return {
    results,
    counts: statusCounts(results),
    scorecard: buildScorecard({
      programme,
      results,
      history: snapshot.history,
      ratios: snapshot.ratios,
      asOf: snapshot.asOf,
    }),
    trend: withTrend
      ? [...snapshot.digests].reverse().map((digest) => ({ week: digest.week, counts: digest.statusCounts }))
      : [],
    league: buildLeague(programme, results, levelOrder(programme), undefined, new Map()),
    departments: programme.catalog.units
      .filter((unit) => unit.level === 'department' && byUnit.has(unit.id))
      .map((unit) => drillGroup(unit.id, unit.name, byUnit.get(unit.id) ?? [])),
    formerDistricts: formerDistricts(programme, snapshot.asOf, byUnit),
  };
}

/**
 * Units no longer valid that a current unit descends from through its predecessors (the
 * districts dissolved on 2025-07-01): each groups the current units whose predecessors it held.
 */
function formerDistricts(
  programme: Programme,
  asOf: string,
  byUnit: ReadonlyMap<string, readonly SeriesResult[]>,
): DrillGroup[] {
  const members = new Map<string, Set<string>>();
  for (const unit of programme.catalog.units) {
    if (!byUnit.has(unit.id)) continue;
    for (const predecessor of unit.mergedFrom ?? []) {
      const parent = programme.units.get(programme.units.get(predecessor)?.parent ?? '');
      if (!parent || isUnitValidOn(parent, asOf)) continue;
      const set = members.get(parent.id) ?? new Set<string>();
      set.add(unit.id);
      members.set(parent.id, set);
    }
  }
  return [...members]
    .map(([id, units]) =>
      drillGroup(
        id,
        programme.units.get(id)?.name ?? id,
        [...units].flatMap((unit) => byUnit.get(unit) ?? []),
      ),
    )
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function drillGroup(unit: string, name: string, results: readonly SeriesResult[]): DrillGroup {
  return {
    unit,
    name,
    score: scoreOf(results),
    series: results.length,
    behind: results.filter((result) => result.status === 'behind').length,
  };
}

export function groupByUnit(results: readonly SeriesResult[]): Map<string, SeriesResult[]> {
  const byUnit = new Map<string, SeriesResult[]>();
  for (const result of results) {
    const list = byUnit.get(result.unit);
    if (list) list.push(result);
    else byUnit.set(result.unit, [result]);
  }
  return byUnit;
}
