import type { Acknowledgement } from '../alerts/acknowledgement.ts';
import type { AlertStateRecord } from '../alerts/alert-state.ts';

/** One dated event on a unit's or a series' timeline. */
export interface TimelineEvent {
  readonly at: string;
  readonly unit: string;
  readonly indicator?: string;
  readonly what: 'alert' | 'acknowledgement' | 'check-in';
  /** Alert events: opened, reminded, escalated, resolved, …; acknowledgements: the confidence. */
  readonly event: string;
  readonly kind?: string;
  readonly detail?: string;
  readonly by?: string;
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
