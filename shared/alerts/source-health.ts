import type { SourceRun } from '../domain/ingest-records.ts';
import type { SeriesResult } from '../domain/series-status.ts';

/** A source that is down: one alert for it, and the overdue alerts of the units it fed held back. */
export interface SourceDown {
  readonly source: string;
  /** `failed`: its newest pull failed; `silent`: every series it fed stopped arriving at once. */
  readonly reason: 'failed' | 'silent';
  /** Since when (ISO instant): the first failed pull in a row, or the newest pull that delivered. */
  readonly since: string;
  /** The newest failure's message (failed sources only). */
  readonly error?: string;
  /** Units the source fed (its newest pull that delivered any rows); empty when never known. */
  readonly units: readonly string[];
}

/**
 * Fewer units than this going stale together is a few units not reporting, not a source gone
 * silent: they keep their own alerts.
 */
export const SILENT_SOURCE_MIN_UNITS = 2;

/**
 * The sources that are down, from their pull records (any order) and today's evaluation. Pure.
 * A source with no pull at all is not judged (nothing is known of it).
 */
export function sourcesDown(runs: readonly SourceRun[], results: readonly SeriesResult[]): SourceDown[] {
  const bySource = new Map<string, SourceRun[]>();
  for (const run of runs) bySource.set(run.source, [...(bySource.get(run.source) ?? []), run]);
  const down: SourceDown[] = [];
  for (const [source, list] of [...bySource].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const newestFirst = [...list].sort((a, b) => compareInstants(b.startedAt, a.startedAt));
    const fed = newestFirst.find((run) => (run.units?.length ?? 0) > 0);
    const units = fed?.units ?? [];
    const failedStreak = takeWhile(newestFirst, (run) => run.outcome === 'failed');
    const firstFailure = failedStreak[failedStreak.length - 1];
    if (firstFailure) {
      const error = failedStreak[0]?.error;
      down.push({
        source,
        reason: 'failed',
        since: firstFailure.startedAt,
        ...(error !== undefined && { error }),
        units,
      });
    } else if (fed && allWentStale(units, results)) {
      down.push({ source, reason: 'silent', since: fed.finishedAt, units });
    }
  }
  return down;
}

/** Every series of `units` that ever reported is stale, across enough units to be the source. */
function allWentStale(units: readonly string[], results: readonly SeriesResult[]): boolean {
  const fed = new Set(units);
  const reporting = results.filter((result) => fed.has(result.unit) && result.value !== null);
  const reportingUnits = new Set(reporting.map((result) => result.unit));
  return (
    reportingUnits.size >= SILENT_SOURCE_MIN_UNITS && reporting.every((result) => result.status === 'stale')
  );
}

function takeWhile<T>(items: readonly T[], keep: (item: T) => boolean): T[] {
  const taken: T[] = [];
  for (const item of items) {
    if (!keep(item)) break;
    taken.push(item);
  }
  return taken;
}

function compareInstants(a: string, b: string): number {
  return Date.parse(a) - Date.parse(b);
}
