import type { AlertPolicy } from '../catalog/catalog-schema.ts';
import type { SeriesStatus } from '../domain/series-status.ts';

export type AlertKind = 'behind' | 'stale' | 'at_risk';

/**
 * The alert a status raises, if any. `at_risk` is inside the tolerance band: a warning that only
 * programmes asking for it hear about.
 */
export function alertKindOf(
  status: SeriesStatus,
  policy: Pick<AlertPolicy, 'atRisk'>,
): AlertKind | undefined {
  if (status === 'behind') return 'behind';
  if (status === 'stale') return 'stale';
  if (status === 'at_risk' && policy.atRisk) return 'at_risk';
  return undefined;
}

/** Higher is more severe: a breach, then a missing report, then a warning. */
export const KIND_SEVERITY: Readonly<Record<AlertKind, number>> = { behind: 3, stale: 2, at_risk: 1 };
