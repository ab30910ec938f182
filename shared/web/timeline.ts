import type { Acknowledgement } from '../alerts/acknowledgement.ts';
import type { AlertStateRecord } from '../alerts/alert-state.ts';
import type { AuditEvent } from '../domain/audit-event.ts';

/** One dated event on a unit's or a series' timeline. */
export interface TimelineEvent {
  readonly at: string;
  readonly unit: string;
  readonly indicator?: string;
  readonly what: 'alert' | 'acknowledgement' | 'check-in' | 'notification' | 'mute' | 'directory';
  /** Alert events: opened, reminded, escalated, resolved, …; acknowledgements: the confidence. */
  readonly event: string;
  readonly kind?: string;
  readonly detail?: string;
  readonly by?: string;
  /** Notifications: the channel, the masked recipient and the figures the message was based on. */
  readonly sent?: {
    readonly channel: string;
    readonly recipient: string;
    readonly catalogVersion?: string;
    readonly basis: readonly {
      readonly indicator: string;
      readonly value: number | null;
      readonly date: string | null;
      readonly required: number | null;
    }[];
  };
}

/**
 * What happened to a unit (or one of its series), newest first: every alert event the alert
 * states keep, every acknowledgement and check-in. `indicator` undefined: the whole unit.
 */
export function timelineOf(
  alertStates: readonly AlertStateRecord[],
  acknowledgements: readonly Acknowledgement[],
  unit: string,
  indicator?: string,
  limit = 100,
): TimelineEvent[] {
  const events: TimelineEvent[] = [];
  for (const state of alertStates) {
    if (state.unit !== unit || (indicator !== undefined && state.indicator !== indicator)) continue;
    for (const entry of state.history) {
      events.push({
        at: entry.at,
        unit,
        indicator: state.indicator,
        what: 'alert',
        event: entry.event,
        kind: state.kind,
        ...(entry.detail !== undefined && { detail: entry.detail }),
      });
    }
  }
  for (const ack of acknowledgements) {
    if (ack.unit !== unit) continue;
    if (indicator !== undefined && ack.indicator !== undefined && ack.indicator !== indicator) continue;
    events.push({
      at: ack.createdAt,
      unit,
      ...(ack.indicator !== undefined && { indicator: ack.indicator }),
      what: 'acknowledgement',
      event: ack.confidence ?? '',
      detail: `${ack.note} (→ ${ack.until})`,
      by: ack.onBehalfOf ? `${ack.by} / ${ack.onBehalfOf}` : ack.by,
    });
    for (const checkIn of ack.checkIns ?? []) {
      events.push({
        at: checkIn.at,
        unit,
        ...(ack.indicator !== undefined && { indicator: ack.indicator }),
        what: 'check-in',
        event: checkIn.confidence ?? '',
        detail: checkIn.note,
        by: checkIn.by,
      });
    }
  }
  return events.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0)).slice(0, limit);
}

/**
 * The audit trail's events as timeline entries, newest first with `local` (the alert history and
 * the acknowledgements the store keeps). Recorded acknowledgements are already in `local`; the
 * trail adds the messages sent (with the figures they were based on), removals, mutes and
 * directory changes. Recipients are masked here: a page never shows an address.
 */
export function withAuditEvents(
  local: readonly TimelineEvent[],
  audit: readonly AuditEvent[],
  mask: (address: string) => string,
  limit = 100,
): TimelineEvent[] {
  const events = [...local];
  for (const event of audit) {
    const common = {
      at: event.at,
      unit: event.unit,
      ...(event.indicator !== undefined && { indicator: event.indicator }),
    };
    if (event.kind === 'notification') {
      events.push({
        ...common,
        what: 'notification',
        event: event.message,
        ...(event.recipientName !== undefined && { by: event.recipientName }),
        sent: {
          channel: event.channel,
          recipient: mask(event.recipient),
          ...(event.catalogVersion !== undefined && { catalogVersion: event.catalogVersion }),
          basis: event.basis.map(({ indicator, value, date, required }) => ({
            indicator,
            value,
            date,
            required,
          })),
        },
      });
    } else if (event.kind === 'acknowledgement' && event.action === 'removed') {
      events.push({ ...common, what: 'acknowledgement', event: 'removed', by: event.by });
    } else if (event.kind === 'mute') {
      events.push({
        ...common,
        what: 'mute',
        event: event.action,
        by: event.by,
        ...(event.reason !== undefined && { detail: event.reason }),
      });
    } else if (event.kind === 'directory') {
      events.push({
        ...common,
        what: 'directory',
        event: event.action,
        by: event.by,
        detail: `${event.role}: ${event.name}`,
      });
    }
  }
  return events.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0)).slice(0, limit);
}
