import type { Programme } from '../catalog/programme.ts';
import { compareIds } from '../catalog/programme.ts';
import type { PeopleHealth } from '../directory/people-health.ts';
import { days } from '../domain/calendar-date.ts';
import type { SourceRun } from '../domain/ingest-records.ts';
import type { SeriesResult } from '../domain/series-status.ts';
import type { DataHealth, FailingSource, PeopleReach, StaleSeries } from './digest.ts';

/**
 * Whether the numbers can be trusted: series that stopped reporting, series that never reported,
 * sources whose latest run before the week's end failed or was partial, and the rows quarantined
 * during the week.
 */
export function assessDataHealth(
  programme: Programme,
  results: readonly SeriesResult[],
  sourceRuns: readonly SourceRun[],
  quarantinedRows: number,
  weekEnd: string,
  asOf: string,
  people?: PeopleHealth,
): DataHealth {
  const describe = (result: SeriesResult): StaleSeries => ({
    unit: result.unit,
    unitName: programme.units.get(result.unit)?.name ?? result.unit,
    indicator: result.indicator,
    indicatorName: programme.indicators.get(result.indicator)?.name ?? result.indicator,
    lastDate: result.date,
    daysSince: result.date === null ? null : days(result.date, asOf),
  });
  const stale = results
    .filter((result) => result.status === 'stale')
    .map(describe)
    .sort(
      (a, b) =>
        (b.daysSince ?? 0) - (a.daysSince ?? 0) ||
        compareIds(a.unit, b.unit) ||
        compareIds(a.indicator, b.indicator),
    );
  const noData = results.filter((result) => result.status === 'no_data').map(describe);

  const end = Date.parse(weekEnd);
  const latest = new Map<string, SourceRun>();
  for (const run of sourceRuns) {
    if (Date.parse(run.finishedAt) >= end) continue;
    const known = latest.get(run.source);
    if (!known || Date.parse(run.finishedAt) > Date.parse(known.finishedAt)) latest.set(run.source, run);
  }
  const failingSources = [...latest.values()]
    .filter((run) => run.outcome !== 'ok')
    .map(
      (run): FailingSource => ({
        source: run.source,
        outcome: run.outcome as FailingSource['outcome'],
        finishedAt: run.finishedAt,
        rowsRejected: run.rowsRejected,
        ...(run.error !== undefined && { error: run.error }),
      }),
    )
    .sort((a, b) => compareIds(a.source, b.source));
  return {
    stale,
    noData,
    failingSources,
    quarantinedRows,
    ...(people && { reach: reachOf(programme, people) }),
  };
}

/** The directory's reach without names or addresses: counts, and unreachable seats by unit and role. */
function reachOf(programme: Programme, people: PeopleHealth): PeopleReach {
  return {
    email: people.email,
    unreachable: people.unreachable
      .map(({ unit, role }) => ({ unit, unitName: programme.units.get(unit)?.name ?? unit, role }))
      .sort((a, b) => compareIds(a.unit, b.unit) || a.role.localeCompare(b.role)),
  };
}
