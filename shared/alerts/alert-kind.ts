import type { AlertPolicy } from '../catalog/catalog-schema.ts';
import type { SeriesResult } from '../domain/series-status.ts';

/**
 * What an alert is about. `missing`: a first report overdue (the series never reported);
 * `stale`: reports stopped; `source_down`: a whole source failed or went silent (one alert for the
 * source, holding back the `stale` alerts of the series it fed).
 */
export const ALERT_KINDS = ['behind', 'stale', 'missing', 'at_risk', 'source_down'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** Kinds raised by one series' status (a source's alert is raised from the ingest log). */
export type SeriesAlertKind = Exclude<AlertKind, 'source_down'>;

/**
 * The alert a series raises, if any. `at_risk` is inside the tolerance band: a warning that only
 * programmes asking for it hear about.
 */
export function alertKindOf(
  result: Pick<SeriesResult, 'status' | 'value'>,
  policy: Pick<AlertPolicy, 'atRisk'>,
): SeriesAlertKind | undefined {
  const { status } = result;
  if (status === 'behind') return 'behind';
  // Stale without any value: the first report itself is overdue (evaluation v2).
  if (status === 'stale') return result.value === null ? 'missing' : 'stale';
  if (status === 'at_risk' && policy.atRisk) return 'at_risk';
  return undefined;
}

/** Kinds whose remedy is a report (the data contact answers for them, the message asks for data). */
export function asksForData(kind: AlertKind): boolean {
  return kind === 'stale' || kind === 'missing';
}

/** Higher is more severe: a source down, a breach, a missing report, a late one, then a warning. */
export const KIND_SEVERITY: Readonly<Record<AlertKind, number>> = {
  source_down: 5,
  behind: 4,
  missing: 3,
  stale: 2,
  at_risk: 1,
};
