import type { Programme } from '../catalog/programme.ts';
import { dateInZone, days } from '../domain/calendar-date.ts';
import { seriesKey } from '../domain/series-plan.ts';
import type { SeriesResult } from '../domain/series-status.ts';
import type { Acknowledgement } from './acknowledgement.ts';
import { activeAcknowledgement } from './acknowledgement-cover.ts';
import type { AlertKind } from './alert-kind.ts';
import { alertKindOf } from './alert-kind.ts';
import {
  type AlertSnapshot,
  alertKey,
  type NoticeEvent,
  type PendingNotice,
  pendingNotices,
  type RecipientRef,
  recipientKey,
  snapshotOf,
} from './alert-notice.ts';
import type { AlertStateRecord } from './alert-state.ts';
import {
  channelsOf,
  contactOf,
  escalationRecipients,
  maxEscalationLevel,
  responsibleRecipient,
} from './recipients.ts';

export interface LifecycleInput {
  readonly programme: Programme;
  readonly previous: readonly AlertStateRecord[];
  /** The evaluation of this run: every series of a unit valid today. */
  readonly results: readonly SeriesResult[];
  readonly acknowledgements: readonly Acknowledgement[];
  readonly now: Date;
}

export type TransitionEvent = 'opened' | 'reminded' | 'escalated' | 'resolved' | 'superseded' | 'retired';

export interface AlertTransition {
  readonly event: TransitionEvent;
  readonly unit: string;
  readonly indicator: string;
  readonly kind: AlertKind;
  readonly level: number;
}

export interface LifecycleOutcome {
  /** Every alert state; an unchanged one is the very object passed in (nothing to write). */
  readonly states: AlertStateRecord[];
  readonly transitions: AlertTransition[];
  /** Reminders or escalations that an acknowledgement held back. */
  readonly suppressedByAck: number;
  /** Recipients owed a notice that the catalog gives no phone or e-mail for. */
  readonly unreachable: number;
}

const HISTORY_LIMIT = 100;

/**
 * One step of every alert's life, from the previous states and today's evaluation. Pure: the
 * notices it raises are appended to the states' `pending` lists; delivering them is someone
 * else's job (delivery-plan.ts).
 */
export function advanceAlerts(input: LifecycleInput): LifecycleOutcome {
  const step = new LifecycleStep(input);
  return step.run();
}

class LifecycleStep {
  private readonly policy;
  private readonly today: string;
  private readonly at: string;
  private readonly byKey = new Map<string, AlertStateRecord>();
  private readonly transitions: AlertTransition[] = [];
  private suppressedByAck = 0;
  private unreachable = 0;

  constructor(private readonly input: LifecycleInput) {
    this.policy = input.programme.catalog.programme.alerts;
    this.today = dateInZone(input.now, input.programme.timezone);
    this.at = input.now.toISOString();
    for (const record of input.previous) this.byKey.set(alertKey(record), record);
  }

  run(): LifecycleOutcome {
    const openBySeries = new Map<string, AlertStateRecord[]>();
    for (const record of this.input.previous) {
      if (record.state !== 'open') continue;
      const key = seriesKey(record.unit, record.indicator);
      openBySeries.set(key, [...(openBySeries.get(key) ?? []), record]);
    }
    const evaluated = new Set<string>();
    for (const result of this.input.results) {
      const key = seriesKey(result.unit, result.indicator);
      evaluated.add(key);
      this.advanceSeries(result, openBySeries.get(key) ?? []);
    }
    // A series no longer evaluated (its unit ceased, or left the catalog) closes without a word.
    for (const [key, open] of openBySeries) {
      if (evaluated.has(key)) continue;
      for (const record of open) this.close(record, 'retired');
    }
    return {
      states: [...this.byKey.values()],
      transitions: this.transitions,
      suppressedByAck: this.suppressedByAck,
      unreachable: this.unreachable,
    };
  }

  private advanceSeries(result: SeriesResult, open: readonly AlertStateRecord[]): void {
    const kind = alertKindOf(result.status, this.policy);
    const current = kind === undefined ? undefined : open.find((record) => record.kind === kind);
    let superseded: AlertStateRecord | undefined;
    for (const record of open) {
      if (record === current) continue;
      if (kind === undefined) {
        this.resolve(record, result);
      } else {
        // Still in trouble, only differently (behind → stale): not a resolution.
        this.close(record, 'superseded', kind);
        superseded = record;
      }
    }
    if (kind === undefined) return;
    if (current) this.stay(current, result);
    else this.open(kind, result, superseded);
  }

  private open(kind: AlertKind, result: SeriesResult, superseded: AlertStateRecord | undefined): void {
    const { unit, indicator } = result;
    const level = superseded?.escalationLevel ?? 0;
    const openedAt = superseded?.openedAt ?? this.at;
    const base = {
      kind,
      level,
      snapshot: snapshotOf(result),
      openedOn: this.dateOf(openedAt),
      ...(superseded && { previousKind: superseded.kind }),
    };
    const notices = this.notices('opened', [responsibleRecipient(this.input.programme, unit, kind)], {
      ...base,
      audience: 'responsible',
    });
    const prior = this.byKey.get(alertKey({ unit, indicator, kind }));
    const record: AlertStateRecord = {
      programme: this.input.programme.id,
      unit,
      indicator,
      kind,
      state: 'open',
      openedAt,
      lastNotifiedAt: this.at,
      escalationLevel: level,
      lastStatus: result.status,
      history: this.appendHistory(prior, 'opened', superseded ? `after ${superseded.kind}` : undefined),
      pending: [...(prior ? pendingNotices(prior) : []), ...notices],
      ...(superseded && { previousKind: superseded.kind }),
    };
    this.byKey.set(alertKey(record), record);
    this.transitions.push({ event: 'opened', unit, indicator, kind, level });
  }

  private stay(record: AlertStateRecord, result: SeriesResult): void {
    const { programme, acknowledgements } = this.input;
    const openedOn = this.dateOf(record.openedAt);
    const daysOpen = days(openedOn, this.today);
    const nextLevel = record.escalationLevel + 1;
    const escalationDue =
      nextLevel <= maxEscalationLevel(programme, record.unit) &&
      daysOpen >= this.policy.escalateAfterDays * nextLevel;
    const lastNotifiedOn = record.lastNotifiedAt ? this.dateOf(record.lastNotifiedAt) : openedOn;
    const reminderDue = days(lastNotifiedOn, this.today) >= this.policy.renotifyAfterDays;
    const statusChanged = record.lastStatus !== result.status;
    const ack = activeAcknowledgement(acknowledgements, record.unit, record.indicator, this.today);

    if (!(escalationDue || reminderDue) || ack) {
      if (escalationDue || reminderDue) this.suppressedByAck++;
      if (statusChanged) this.byKey.set(alertKey(record), { ...record, lastStatus: result.status });
      return;
    }
    const base = { kind: record.kind, snapshot: snapshotOf(result), openedOn };
    const responsible = responsibleRecipient(programme, record.unit, record.kind);
    let notices: PendingNotice[];
    let event: TransitionEvent;
    let level = record.escalationLevel;
    if (escalationDue) {
      level = nextLevel;
      event = 'escalated';
      notices = [
        ...this.notices('escalated', [responsible], { ...base, level, audience: 'responsible' }),
        ...this.notices('escalated', escalationRecipients(programme, record.unit, level), {
          ...base,
          level,
          audience: 'escalation',
        }),
      ];
    } else {
      event = 'reminded';
      notices = this.notices('reminder', [responsible], { ...base, level, audience: 'responsible' });
    }
    this.byKey.set(alertKey(record), {
      ...record,
      escalationLevel: level,
      lastNotifiedAt: this.at,
      lastStatus: result.status,
      history: this.appendHistory(record, event, event === 'escalated' ? `level ${level}` : undefined),
      pending: [...pendingNotices(record), ...notices],
    });
    this.transitions.push({
      event,
      unit: record.unit,
      indicator: record.indicator,
      kind: record.kind,
      level,
    });
  }

  private resolve(record: AlertStateRecord, result: SeriesResult): void {
    const { programme } = this.input;
    const recipients: RecipientRef[] = [responsibleRecipient(programme, record.unit, record.kind)];
    for (let level = 1; level <= record.escalationLevel; level++) {
      recipients.push(...escalationRecipients(programme, record.unit, level));
    }
    const notices = recipients.flatMap((recipient, index) =>
      this.notices('resolved', [recipient], {
        kind: record.kind,
        level: record.escalationLevel,
        snapshot: snapshotOf(result),
        openedOn: this.dateOf(record.openedAt),
        audience: index === 0 ? 'responsible' : 'escalation',
      }),
    );
    this.byKey.set(alertKey(record), {
      ...record,
      state: 'resolved',
      resolvedAt: this.at,
      lastStatus: result.status,
      history: this.appendHistory(record, 'resolved', result.status),
      pending: [...pendingNotices(record), ...notices],
    });
    this.transitions.push({
      event: 'resolved',
      unit: record.unit,
      indicator: record.indicator,
      kind: record.kind,
      level: record.escalationLevel,
    });
  }

  private close(record: AlertStateRecord, event: 'superseded' | 'retired', by?: AlertKind): void {
    this.byKey.set(alertKey(record), {
      ...record,
      state: 'resolved',
      resolvedAt: this.at,
      history: this.appendHistory(record, event, by),
    });
    this.transitions.push({
      event,
      unit: record.unit,
      indicator: record.indicator,
      kind: record.kind,
      level: record.escalationLevel,
    });
  }

  private notices(
    event: NoticeEvent,
    recipients: readonly RecipientRef[],
    fields: {
      kind: AlertKind;
      level: number;
      snapshot: AlertSnapshot;
      openedOn: string;
      audience: PendingNotice['audience'];
      previousKind?: AlertKind;
    },
  ): PendingNotice[] {
    const notices: PendingNotice[] = [];
    for (const recipient of recipients) {
      const channels = channelsOf(contactOf(this.input.programme, recipient));
      if (channels.length === 0) this.unreachable++;
      for (const channel of channels) {
        notices.push({
          id: `${event}:${fields.level}:${this.today}:${recipientKey(recipient)}:${channel}`,
          event,
          recipient,
          channel,
          raisedOn: this.today,
          ...fields,
        });
      }
    }
    return notices;
  }

  private appendHistory(
    record: AlertStateRecord | undefined,
    event: string,
    detail: string | undefined,
  ): AlertStateRecord['history'] {
    const entry = { at: this.at, event, ...(detail !== undefined && { detail }) };
    return [...(record?.history ?? []), entry].slice(-HISTORY_LIMIT);
  }

  private dateOf(instant: string): string {
    return dateInZone(new Date(instant), this.input.programme.timezone);
  }
}
