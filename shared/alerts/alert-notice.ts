import type { Channel } from '../domain/channel.ts';
import type { SeriesResult } from '../domain/series-status.ts';
import type { AlertKind } from './alert-kind.ts';
import type { AlertStateRecord } from './alert-state.ts';
import type { SituationChange } from './reminder-cadence.ts';
import type { SourceDown } from './source-health.ts';

/** What happened to an alert that someone must hear about. */
export type NoticeEvent = 'opened' | 'reminder' | 'escalated' | 'resolved';

/**
 * Who a notice is for, by role rather than by address: the address is looked up in the catalog at
 * delivery time, so the stored state holds no contact details and a corrected phone number is
 * used at once.
 */
export type RecipientRef =
  | { readonly role: 'head'; readonly unit: string }
  | { readonly role: 'data_contact'; readonly unit: string }
  | { readonly role: 'steering'; readonly index: number }
  | { readonly role: 'operator'; readonly index: number }
  /** Whoever owns the indicator across units (recipients.ts). */
  | { readonly role: 'owner'; readonly indicator: string };

/**
 * Why a recipient hears of an alert: it answers for it (`responsible`), it is a level above that
 * was escalated to (`escalation`), or it owns the indicator across units (`owner`). Only the
 * first gets the alert item by item; the others get roll-up summaries (shared/messages).
 */
export type Audience = 'responsible' | 'escalation' | 'owner';

/** The figures of the series when the notice was raised (the message shows these). */
export type AlertSnapshot = Omit<SeriesResult, 'unit' | 'indicator'>;

/**
 * A notice owed to one recipient on one channel. It lives inside the alert state until it is
 * delivered, so that a failed or deferred delivery is retried from the state itself.
 */
export interface PendingNotice {
  /** Deterministic, so two concurrent runs raising the same notice agree on it. */
  readonly id: string;
  readonly event: NoticeEvent;
  readonly kind: AlertKind;
  /** Escalation level of the alert when the notice was raised. */
  readonly level: number;
  readonly recipient: RecipientRef;
  /** Whether the recipient is the unit's own contact or a higher level informed by escalation. */
  readonly audience: Audience;
  readonly channel: Channel;
  /** Calendar date (programme time zone) the notice was raised. */
  readonly raisedOn: string;
  /** Calendar date the alert opened (for "open for N days"). */
  readonly openedOn: string;
  readonly snapshot: AlertSnapshot;
  /** The alert kind this one replaced (e.g. `behind` became `stale`). */
  readonly previousKind?: AlertKind;
  /** A reminder sent because the situation changed (else it is one of the backing-off schedule). */
  readonly change?: SituationChange;
  /** A `source_down` notice: the source, why and since when, and how many units it held back. */
  readonly source?: Omit<SourceDown, 'units'> & { readonly units: number };
  /** The run that took this notice for delivery; the ledger of that run tells whether it went. */
  readonly runKey?: string;
}

/** The alerts domain's extra fields on a stored alert state. */
export interface AlertStateExtras {
  readonly pending?: readonly PendingNotice[];
  readonly previousKind?: AlertKind;
}

export function pendingNotices(record: AlertStateRecord): readonly PendingNotice[] {
  const pending = (record as AlertStateExtras).pending;
  return Array.isArray(pending) ? pending : [];
}

export function withPending(record: AlertStateRecord, pending: readonly PendingNotice[]): AlertStateRecord {
  return { ...record, pending };
}

export function recipientKey(ref: RecipientRef): string {
  if (ref.role === 'steering' || ref.role === 'operator') return `${ref.role}:${ref.index}`;
  if (ref.role === 'owner') return `owner:${ref.indicator}`;
  return `${ref.role}:${ref.unit}`;
}

export function alertKey(record: { unit: string; indicator: string; kind: AlertKind }): string {
  return `${record.unit}\u0000${record.indicator}\u0000${record.kind}`;
}

export function snapshotOf(result: SeriesResult): AlertSnapshot {
  const { unit: _unit, indicator: _indicator, ...snapshot } = result;
  return snapshot;
}
