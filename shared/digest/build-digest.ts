import type { Acknowledgement } from '../alerts/acknowledgement.ts';
import type { AlertStateRecord } from '../alerts/alert-state.ts';
import type { Programme } from '../catalog/programme.ts';
import type { FinalRecord } from '../domain/final-record.ts';
import type { SourceRun } from '../domain/ingest-records.ts';
import type { SeriesHistory } from '../domain/programme-evaluation.ts';
import type { RatioIndex } from '../domain/ratio.ts';
import { buildScorecard } from '../domain/scorecard.ts';
import { SERIES_STATUSES, type SeriesResult, type SeriesStatus } from '../domain/series-status.ts';
import { summariseAlerts } from './alert-summary.ts';
import { assessDataHealth } from './data-health.ts';
import { findDecisions } from './decisions.ts';
import type { Digest, Heatmap, LeagueLevel } from './digest.ts';
import type { DigestRecord } from './digest-record.ts';
import { summariseDissolved } from './dissolved-units.ts';
import { buildIndicatorViews } from './indicator-views.ts';
import { formatIsoWeek, type IsoWeek, isoWeekDates } from './iso-week.ts';
import { buildLeague, emptyCounts } from './league-table.ts';
import { summariseMilestones } from './milestone-summary.ts';
import { scoreTrends } from './score-trend.ts';
import { buildTrajectoryCharts } from './trajectory-charts.ts';
import { weekWindow } from './week-window.ts';

export interface DigestInput {
  readonly programme: Programme;
  readonly week: IsoWeek;
  /** `evaluateProgramme(programme, history, <the week's Sunday>).results`. */
  readonly results: readonly SeriesResult[];
  /** Current observations of every series (as from `groupBySeries`), for charts and trends. */
  readonly history: SeriesHistory;
  /** Ratios carried by the observations, for the scorecard's pooled shares; absent: means. */
  readonly ratios?: RatioIndex;
  /** Last week's digest, for the changes and movers; absent on the first digest. */
  readonly previous?: DigestRecord;
  readonly alertStates: readonly AlertStateRecord[];
  readonly acknowledgements: readonly Acknowledgement[];
  readonly sourceRuns: readonly SourceRun[];
  /** Rows quarantined during the week. */
  readonly quarantinedRows: number;
  /** Final records of the programme's dissolved units. */
  readonly finalRecords?: readonly FinalRecord[];
}

/** The week's digest from already-loaded facts; pure. */
export function buildDigest(input: DigestInput): Digest {
  const { programme, results } = input;
  const window = weekWindow(input.week, programme.timezone);
  const asOf = isoWeekDates(input.week).sunday;
  const levels = levelOrder(programme);
  const counts = statusCounts(results);
  const previousCounts = input.previous?.statusCounts;
  const league = buildLeague(
    programme,
    results,
    levels,
    input.previous?.unitScores,
    scoreTrends(programme, input.history, asOf),
  );
  const scorecard = buildScorecard({
    programme,
    results,
    history: input.history,
    ...(input.ratios && { ratios: input.ratios }),
    asOf,
  });
  const alerts = summariseAlerts(programme, window, input.alertStates, input.acknowledgements, results);
  return {
    programme: {
      id: programme.id,
      name: programme.catalog.programme.name,
      timezone: programme.timezone,
    },
    week: formatIsoWeek(input.week),
    window,
    asOf,
    comparedWithLastWeek: input.previous !== undefined,
    headline: {
      totalSeries: results.length,
      counts: SERIES_STATUSES.map((status) => ({
        status,
        count: counts[status],
        change: previousCounts ? counts[status] - (previousCounts[status] ?? 0) : null,
      })),
    },
    scorecard,
    decisions: findDecisions(programme, scorecard, alerts, results, asOf),
    indicators: buildIndicatorViews(programme, input.history, results, asOf),
    league,
    alerts,
    milestones: summariseMilestones(programme, results, levels, asOf),
    dataHealth: assessDataHealth(
      programme,
      results,
      input.sourceRuns,
      input.quarantinedRows,
      window.end,
      asOf,
    ),
    trajectories: buildTrajectoryCharts(programme, input.history, results, levels, asOf),
    heatmap: heatmapOf(programme, results, league),
    dissolved: summariseDissolved(input.finalRecords ?? []),
  };
}

/** What next week's digest needs to compare against. */
export function digestRecordOf(digest: Digest, createdAt: string, reportLocation?: string): DigestRecord {
  const counts = Object.fromEntries(digest.headline.counts.map(({ status, count }) => [status, count]));
  const unitScores = Object.fromEntries(
    digest.league.flatMap((level) => level.rows.map((row) => [row.unit, row.score])),
  );
  return {
    programme: digest.programme.id,
    week: digest.week,
    createdAt,
    ...(reportLocation !== undefined && { reportLocation }),
    statusCounts: counts as Record<SeriesStatus, number>,
    unitScores,
  };
}

export function statusCounts(results: readonly SeriesResult[]): Record<SeriesStatus, number> {
  const counts = emptyCounts();
  for (const result of results) counts[result.status] += 1;
  return counts;
}

/** Levels in the order the catalog first lists a unit of each (province first in practice). */
export function levelOrder(programme: Programme): string[] {
  return [...new Set(programme.catalog.units.map((unit) => unit.level))];
}

function heatmapOf(
  programme: Programme,
  results: readonly SeriesResult[],
  league: readonly LeagueLevel[],
): Heatmap {
  const byKey = new Map(results.map((result) => [`${result.unit}\u0000${result.indicator}`, result.status]));
  const present = new Set(results.map((result) => result.indicator));
  const indicators = programme.catalog.indicators
    .filter((indicator) => present.has(indicator.id))
    .map((indicator) => ({ id: indicator.id, name: indicator.name }));
  return {
    indicators,
    rows: league.flatMap((level) =>
      level.rows.map((row) => ({
        unit: row.unit,
        unitName: row.unitName,
        level: row.level,
        cells: indicators.map((indicator) => byKey.get(`${row.unit}\u0000${indicator.id}`) ?? null),
      })),
    ),
  };
}
