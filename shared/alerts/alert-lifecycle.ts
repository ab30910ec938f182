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
import { type AlertPolicyFacts, policyFactsOf } from './alert-policy-facts.ts';
import type { AlertStateRecord } from './alert-state.ts';
import { activeMute, type Mute } from './mute.ts';
import {
  channelsOf,
  contactOf,
  escalationRecipients,
  maxEscalationLevel,
  responsibleRecipient,
} from './recipients.ts';
import {
  type SituationChange,
  scheduledReminderDue,
  situationChange,
  toldFactsOf,
} from './reminder-cadence.ts';
import { sourceDownRecipients } from './source-down-recipients.ts';
import type { SourceDown } from './source-health.ts';

export interface LifecycleInput {
  readonly programme: Programme;
  readonly previous: readonly AlertStateRecord[];
  /** The evaluation of this run: every series of a unit valid today. */
  readonly results: readonly SeriesResult[];
  readonly acknowledgements: readonly Acknowledgement[];
  readonly now: Date;
  /** Every mute of the programme (expired and removed ones are ignored); absent: none. */
  readonly mutes?: readonly Mute[];
  /** The sources down on this run (source-health.ts); absent: none known. */
  readonly sourcesDown?: readonly SourceDown[];
}

export type TransitionEvent = 'opened' | 'reminded' | 'escalated' | 'resolved' | 'superseded' | 'retired';

export interface AlertTransition {
  readonly event: TransitionEvent;
  readonly unit: string;
  readonly indicator: string;
  readonly kind: AlertKind;
  readonly level: number;
  /** Set when the transition happened but nobody was told (a mute holds the alert back). */
  readonly muted?: true;
}

export interface LifecycleOutcome {
  /** Every alert state; an unchanged one is the very object passed in (nothing to write). */
  readonly states: AlertStateRecord[];
  readonly transitions: AlertTransition[];
  /** Reminders or escalations that an acknowledgement held back. */
  readonly suppressedByAck: number;
  /** Notices a mute held back (openings, reminders, escalations, resolutions). */
  readonly suppressedByMute: number;
  /** Overdue series whose alerts a source down holds back this run. */
  readonly inhibited: number;
  /** Recipients owed a notice that the catalog gives no phone or e-mail for. */
  readonly unreachable: number;
}

const HISTORY_LIMIT = 100;

/** The pseudo-unit of a source's own alert (the indicator slot holds the source id). */
export const SOURCE_ALERT_UNIT = '';

/** What holds a series' alert back on this run. */
interface Hold {
  readonly mute?: Mute;
  readonly inhibitedBy?: string;
}

/**
 * One step of every alert's life, from the previous states and today's evaluation. Pure: the
 * notices it raises are appended to the states' `pending` lists; delivering them is someone
 * else's job (delivery-plan.ts). What is owed and when: docs/alerts.md, "Alert policy".
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
  private readonly inhibitedUnits = new Map<string, string>();
  private suppressedByAck = 0;
  private suppressedByMute = 0;
  private inhibited = 0;
  private unreachable = 0;

  constructor(private readonly input: LifecycleInput) {
    this.policy = input.programme.catalog.programme.alerts;
    this.today = dateInZone(input.now, input.programme.timezone);
    this.at = input.now.toISOString();
    for (const record of input.previous) this.byKey.set(alertKey(record), record);
    for (const down of input.sourcesDown ?? []) {
      for (const unit of down.units)
        if (!this.inhibitedUnits.has(unit)) this.inhibitedUnits.set(unit, down.source);
    }
  }

  run(): LifecycleOutcome {
    const openBySeries = new Map<string, AlertStateRecord[]>();
    for (const record of this.input.previous) {
      if (record.state !== 'open' || record.kind === 'source_down') continue;
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
    this.advanceSources();
    return {
      states: [...this.byKey.values()],
      transitions: this.transitions,
      suppressedByAck: this.suppressedByAck,
      suppressedByMute: this.suppressedByMute,
      inhibited: this.inhibited,
      unreachable: this.unreachable,
    };
  }

  private advanceSeries(result: SeriesResult, open: readonly AlertStateRecord[]): void {
    const kind = alertKindOf(result, this.policy);
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
    const hold = this.holdOf(kind, result.unit, result.indicator);
    if (current) this.stay(current, result, hold);
    else if (hold.inhibitedBy !== undefined) this.inhibited++;
    else this.open(kind, result, superseded, hold);
  }

  /** A mute matching the series, and for an overdue report, a source down that fed its unit. */
  private holdOf(kind: AlertKind, unit: string, indicator: string): Hold {
    const level = this.input.programme.units.get(unit)?.level ?? '';
    const mute = activeMute(this.input.mutes ?? [], { unit, indicator, level }, this.today);
    // Only reports that stopped: a first report never made is chased whatever the source does.
    const inhibitedBy = kind === 'stale' ? this.inhibitedUnits.get(unit) : undefined;
    return { ...(mute && { mute }), ...(inhibitedBy !== undefined && { inhibitedBy }) };
  }

  private open(
    kind: AlertKind,
    result: SeriesResult,
    superseded: AlertStateRecord | undefined,
    hold: Hold,
  ): void {
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
    const notices = hold.mute
      ? []
      : this.notices('opened', [responsibleRecipient(this.input.programme, unit, kind)], {
          ...base,
          audience: 'responsible',
        });
    if (hold.mute) this.suppressedByMute++;
    const prior = this.byKey.get(alertKey({ unit, indicator, kind }));
    const facts: AlertPolicyFacts = {
      quietReminders: 0,
      told: toldFactsOf(result),
      ...(hold.mute && { mutedBy: hold.mute.id, announced: false }),
    };
    const detail = [superseded && `after ${superseded.kind}`, hold.mute && `muted by ${hold.mute.id}`]
      .filter(Boolean)
      .join('; ');
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
      history: this.appendHistory(prior, 'opened', detail || undefined),
      pending: [...(prior ? pendingNotices(prior) : []), ...notices],
      ...(superseded && { previousKind: superseded.kind }),
      ...facts,
    };
    this.byKey.set(alertKey(record), record);
    this.transitions.push({
      event: 'opened',
      unit,
      indicator,
      kind,
      level,
      ...(hold.mute && { muted: true }),
    });
  }

  private stay(record: AlertStateRecord, result: SeriesResult, hold: Hold): void {
    const { programme, acknowledgements } = this.input;
    const facts = policyFactsOf(record);
    const heldBy = {
      ...(hold.mute && { mutedBy: hold.mute.id }),
      ...(hold.inhibitedBy !== undefined && { inhibitedBy: hold.inhibitedBy }),
    };
    if (hold.mute || hold.inhibitedBy !== undefined) {
      if (this.dueSomething(record, result, facts)) {
        if (hold.mute) this.suppressedByMute++;
        else this.inhibited++;
      }
      this.keep(record, { lastStatus: result.status, ...heldBy }, facts);
      return;
    }
    const openedOn = this.dateOf(record.openedAt);
    const base = { kind: record.kind, snapshot: snapshotOf(result), openedOn };
    const responsible = responsibleRecipient(programme, record.unit, record.kind);
    if (facts.announced === false) {
      // Opened under a mute that has ended: the alert is news to its recipient now.
      const notices = this.notices('opened', [responsible], {
        ...base,
        level: record.escalationLevel,
        audience: 'responsible',
      });
      this.update(record, result, 'opened', 'mute ended', notices, {
        quietReminders: 0,
        told: toldFactsOf(result),
      });
      this.pushTransition('opened', record, record.escalationLevel);
      return;
    }
    const daysOpen = days(openedOn, this.today);
    const nextLevel = record.escalationLevel + 1;
    const escalationDue =
      nextLevel <= maxEscalationLevel(programme, record.unit) &&
      daysOpen >= this.policy.escalateAfterDays * nextLevel;
    const change = situationChange(
      facts.told,
      result,
      programme.planOf(record.unit, record.indicator)?.tolerance ?? 0,
    );
    const scheduled = this.scheduledDue(record, facts);
    const ack = activeAcknowledgement(acknowledgements, record.unit, record.indicator, this.today);

    if (!(escalationDue || change || scheduled) || ack) {
      if (escalationDue || change || scheduled) this.suppressedByAck++;
      this.keep(record, { lastStatus: result.status }, facts);
      return;
    }
    const nextFacts = this.factsAfterNotice(facts, scheduled && !change, result);
    let notices: PendingNotice[];
    if (escalationDue) {
      notices = [
        ...this.notices('escalated', [responsible], { ...base, level: nextLevel, audience: 'responsible' }),
        ...this.notices('escalated', escalationRecipients(programme, record.unit, nextLevel), {
          ...base,
          level: nextLevel,
          audience: 'escalation',
        }),
      ];
      this.update(record, result, 'escalated', `level ${nextLevel}`, notices, nextFacts, nextLevel);
      this.pushTransition('escalated', record, nextLevel);
      return;
    }
    notices = this.notices('reminder', [responsible], {
      ...base,
      level: record.escalationLevel,
      audience: 'responsible',
      ...(change && { change }),
    });
    this.update(record, result, 'reminded', change, notices, nextFacts);
    this.pushTransition('reminded', record, record.escalationLevel);
  }

  /** Whether anything (escalation, change or scheduled reminder) would go out if nothing held it. */
  private dueSomething(record: AlertStateRecord, result: SeriesResult, facts: AlertPolicyFacts): boolean {
    if (facts.announced === false) return false;
    const tolerance = this.input.programme.planOf(record.unit, record.indicator)?.tolerance ?? 0;
    const nextLevel = record.escalationLevel + 1;
    const escalationDue =
      nextLevel <= maxEscalationLevel(this.input.programme, record.unit) &&
      days(this.dateOf(record.openedAt), this.today) >= this.policy.escalateAfterDays * nextLevel;
    return (
      escalationDue ||
      situationChange(facts.told, result, tolerance) !== undefined ||
      this.scheduledDue(record, facts)
    );
  }

  private scheduledDue(record: AlertStateRecord, facts: AlertPolicyFacts): boolean {
    const lastNoticeOn = this.dateOf(record.lastNotifiedAt ?? record.openedAt);
    return scheduledReminderDue(
      this.policy.reminders,
      days(lastNoticeOn, this.today),
      facts.quietReminders ?? 0,
    );
  }

  /**
   * After a notice: the figures told, and one more step along the backing-off schedule when the
   * notice went out only because the schedule said so (a change tells something new).
   */
  private factsAfterNotice(
    facts: AlertPolicyFacts,
    quiet: boolean,
    result: Pick<SeriesResult, 'date' | 'gap'>,
  ): AlertPolicyFacts {
    const before = facts.quietReminders ?? 0;
    return { quietReminders: quiet ? before + 1 : before, told: toldFactsOf(result) };
  }

  /** The record with a few fields changed, or the record itself when none did (nothing to write). */
  private keep(
    record: AlertStateRecord,
    fields: { lastStatus?: AlertStateRecord['lastStatus']; mutedBy?: string; inhibitedBy?: string },
    facts: AlertPolicyFacts,
  ): void {
    const sameHold = facts.mutedBy === fields.mutedBy && facts.inhibitedBy === fields.inhibitedBy;
    if (sameHold && record.lastStatus === fields.lastStatus) return;
    const next: Record<string, unknown> = { ...record, lastStatus: fields.lastStatus };
    delete next.mutedBy;
    delete next.inhibitedBy;
    if (fields.mutedBy !== undefined) next.mutedBy = fields.mutedBy;
    if (fields.inhibitedBy !== undefined) next.inhibitedBy = fields.inhibitedBy;
    this.byKey.set(alertKey(record), next as AlertStateRecord);
  }

  private update(
    record: AlertStateRecord,
    result: SeriesResult,
    event: TransitionEvent,
    detail: string | undefined,
    notices: readonly PendingNotice[],
    facts: AlertPolicyFacts,
    level = record.escalationLevel,
  ): void {
    this.byKey.set(alertKey(record), {
      ...withoutPolicyFacts(record),
      escalationLevel: level,
      lastNotifiedAt: this.at,
      lastStatus: result.status,
      history: this.appendHistory(record, event, detail),
      pending: [...pendingNotices(record), ...notices],
      ...facts,
    });
  }

  private resolve(record: AlertStateRecord, result: SeriesResult): void {
    const { programme } = this.input;
    const level = programme.units.get(record.unit)?.level ?? '';
    const mute = activeMute(
      this.input.mutes ?? [],
      { unit: record.unit, indicator: record.indicator, level },
      this.today,
    );
    // Nobody heard of an alert that opened under a mute; a mute holds resolutions back too.
    const silent = mute !== undefined || policyFactsOf(record).announced === false;
    if (mute) this.suppressedByMute++;
    const recipients: RecipientRef[] = silent
      ? []
      : [responsibleRecipient(programme, record.unit, record.kind)];
    for (let step = 1; !silent && step <= record.escalationLevel; step++) {
      recipients.push(...escalationRecipients(programme, record.unit, step));
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
      ...(mute && { muted: true }),
    });
  }

  private close(record: AlertStateRecord, event: 'superseded' | 'retired', by?: AlertKind): void {
    this.byKey.set(alertKey(record), {
      ...record,
      state: 'resolved',
      resolvedAt: this.at,
      history: this.appendHistory(record, event, by),
    });
    this.pushTransition(event, record, record.escalationLevel);
  }

  /** One alert per source down; it resolves when the source delivers again. */
  private advanceSources(): void {
    const open = new Map<string, AlertStateRecord>();
    for (const record of this.input.previous) {
      if (record.kind === 'source_down' && record.state === 'open') open.set(record.indicator, record);
    }
    const down = new Map((this.input.sourcesDown ?? []).map((source) => [source.source, source]));
    for (const [source, current] of down) {
      const record = open.get(source);
      if (record) this.staySource(record, current);
      else this.openSource(current);
    }
    for (const [source, record] of open) {
      if (!down.has(source)) this.resolveSource(record);
    }
  }

  private openSource(down: SourceDown): void {
    const key = { unit: SOURCE_ALERT_UNIT, indicator: down.source, kind: 'source_down' as const };
    const prior = this.byKey.get(alertKey(key));
    const notices = this.sourceNotices('opened', down, this.today);
    const record: AlertStateRecord = {
      programme: this.input.programme.id,
      ...key,
      state: 'open',
      openedAt: this.at,
      lastNotifiedAt: this.at,
      escalationLevel: 0,
      history: this.appendHistory(prior, 'opened', down.reason),
      pending: [...(prior ? pendingNotices(prior) : []), ...notices],
      source: sourceFacts(down),
      quietReminders: 0,
    };
    this.byKey.set(alertKey(record), record);
    this.pushTransition('opened', record, 0);
  }

  private staySource(record: AlertStateRecord, down: SourceDown): void {
    const facts = policyFactsOf(record);
    if (!this.scheduledDue(record, facts)) {
      if (JSON.stringify(record.source) !== JSON.stringify(sourceFacts(down))) {
        this.byKey.set(alertKey(record), { ...record, source: sourceFacts(down) });
      }
      return;
    }
    const notices = this.sourceNotices('reminder', down, this.dateOf(record.openedAt));
    this.byKey.set(alertKey(record), {
      ...record,
      lastNotifiedAt: this.at,
      history: this.appendHistory(record, 'reminded', undefined),
      pending: [...pendingNotices(record), ...notices],
      source: sourceFacts(down),
      quietReminders: (facts.quietReminders ?? 0) + 1,
    });
    this.pushTransition('reminded', record, 0);
  }

  private resolveSource(record: AlertStateRecord): void {
    const stored = record.source as PendingNotice['source'] | undefined;
    const down: SourceDown = {
      source: record.indicator,
      reason: stored?.reason ?? 'failed',
      since: stored?.since ?? record.openedAt,
      units: [],
    };
    const notices = this.sourceNotices('resolved', down, this.dateOf(record.openedAt), stored?.units);
    this.byKey.set(alertKey(record), {
      ...record,
      state: 'resolved',
      resolvedAt: this.at,
      history: this.appendHistory(record, 'resolved', undefined),
      pending: [...pendingNotices(record), ...notices],
    });
    this.pushTransition('resolved', record, 0);
  }

  private sourceNotices(
    event: NoticeEvent,
    down: SourceDown,
    openedOn: string,
    units?: number,
  ): PendingNotice[] {
    return this.notices(event, sourceDownRecipients(this.input.programme), {
      kind: 'source_down',
      level: 0,
      snapshot: sourceSnapshot(this.dateOf(down.since)),
      openedOn,
      audience: 'responsible',
      source: { ...sourceFacts(down), units: units ?? down.units.length },
    });
  }

  private pushTransition(event: TransitionEvent, record: AlertStateRecord, level: number): void {
    this.transitions.push({
      event,
      unit: record.unit,
      indicator: record.indicator,
      kind: record.kind,
      level,
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
      change?: SituationChange;
      source?: PendingNotice['source'];
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

/** A record without the policy's facts, so that a new set replaces them whole. */
function withoutPolicyFacts(record: AlertStateRecord): AlertStateRecord {
  const {
    quietReminders: _q,
    told: _t,
    mutedBy: _m,
    announced: _a,
    inhibitedBy: _i,
    ...rest
  } = record as AlertStateRecord & AlertPolicyFacts;
  return rest;
}

function sourceFacts(down: SourceDown): Omit<SourceDown, 'units'> & { units: number } {
  return {
    source: down.source,
    reason: down.reason,
    since: down.since,
    ...(down.error !== undefined && { error: down.error }),
    units: down.units.length,
  };
}

/** A source has no figures of its own: the snapshot only says since when nothing arrived. */
function sourceSnapshot(sinceDate: string): AlertSnapshot {
  return {
    status: 'stale',
    date: sinceDate,
    value: null,
    required: null,
    gap: null,
    observedPace: null,
    requiredPace: null,
    progress: null,
    milestones: [],
  };
}
