import type { AlertKind } from '../alerts/alert-kind.ts';
import type { AlertStateRecord } from '../alerts/alert-state.ts';

/**
 * The address of an alert in the web app and in its links: `<unit>~<indicator>~<kind>`. Catalog
 * ids cannot contain `~`, so it splits back unambiguously and needs no escaping in a URL.
 */
export function alertIdOf(alert: Pick<AlertStateRecord, 'unit' | 'indicator' | 'kind'>): string {
  return `${alert.unit}~${alert.indicator}~${alert.kind}`;
}

const KINDS: readonly AlertKind[] = ['behind', 'stale', 'at_risk'];

export function parseAlertId(id: string): { unit: string; indicator: string; kind: AlertKind } | undefined {
  const [unit, indicator, kind, extra] = id.split('~');
  if (!unit || !indicator || extra !== undefined || !KINDS.includes(kind as AlertKind)) return undefined;
  return { unit, indicator, kind: kind as AlertKind };
}
