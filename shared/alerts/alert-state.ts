import type { SeriesStatus } from '../domain/series-status.ts';
import type { AlertKind } from './alert-kind.ts';

/** Persisted state of one alert (series × kind); alert-lifecycle.ts gives it its meaning. */
export interface AlertStateRecord {
  readonly programme: string;
  readonly unit: string;
  readonly indicator: string;
  readonly kind: AlertKind;
  readonly state: 'open' | 'resolved';
  readonly openedAt: string;
  readonly lastNotifiedAt?: string;
  readonly resolvedAt?: string;
  /** 0 = the unit's head only; 1 = parent head (or steering committee) informed; ... */
  readonly escalationLevel: number;
  readonly lastStatus?: SeriesStatus;
  readonly history: readonly { at: string; event: string; detail?: string }[];
  readonly [extra: string]: unknown;
}
