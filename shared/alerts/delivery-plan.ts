import type { Programme } from '../catalog/programme.ts';
import type { Channel } from '../domain/channel.ts';
import { alertKey, type PendingNotice, pendingNotices, type RecipientRef } from './alert-notice.ts';
import type { AlertStateRecord } from './alert-state.ts';
import { compareNoticesBySeverity } from './notice-order.ts';
import { isQuietTime } from './quiet-hours.ts';
import { addressOf, contactOf } from './recipients.ts';

/** What the notification ledger says, as far as planning needs it. */
export interface LedgerView {
  /** True when the message of `runKey` to `address` on `channel` is recorded as sent. */
  isSent(runKey: string, channel: Channel, address: string): boolean;
  /** When that message was claimed, if it was (ISO-8601). */
  claimedAt(runKey: string, channel: Channel, address: string): string | undefined;
}

export interface NoticeInState {
  /** alertKey() of the state holding the notice. */
  readonly state: string;
  readonly unit: string;
  readonly indicator: string;
  readonly notice: PendingNotice;
}

/** One message to publish in this run: every notice owed to one address on one channel. */
export interface PlannedMessage {
  readonly channel: Channel;
  readonly address: string;
  /** The first recipient role the address stands for (for the greeting). */
  readonly recipient: RecipientRef;
  /** What the message lists, most severe first (one item per alert and event). */
  readonly notices: readonly NoticeInState[];
  /** Every pending notice the message delivers, to clear from the states once it went. */
  readonly covers: readonly { readonly state: string; readonly id: string }[];
}

export interface DeliveryPlan {
  /** The states with notices taken for this run stamped with its key; unchanged ones as given. */
  readonly states: AlertStateRecord[];
  readonly messages: PlannedMessage[];
  /** SMS messages held back by the quiet hours (their notices stay pending). */
  readonly deferred: number;
  /** SMS messages over the per-run cap: sent by e-mail only, or kept pending with no e-mail. */
  readonly overCap: number;
  /** Messages whose recipient already had this run's message: the notices wait for the next run. */
  readonly waiting: number;
  /** Notices dropped because the catalog no longer gives an address for them. */
  readonly unreachable: number;
  /** Notices the ledger shows as delivered by an earlier attempt, now dropped. */
  readonly alreadyDelivered: number;
}

export interface DeliveryPlanInput {
  readonly programme: Programme;
  readonly states: readonly AlertStateRecord[];
  readonly runKey: string;
  readonly now: Date;
  readonly ledger: LedgerView;
}

interface Slot {
  readonly record: AlertStateRecord;
  readonly notices: (PendingNotice | undefined)[];
  changed: boolean;
}

interface Group {
  readonly channel: Channel;
  readonly address: string;
  readonly recipient: RecipientRef;
  readonly entries: { slot: Slot; index: number; item: NoticeInState }[];
}

/**
 * Decides which pending notices go out in this run and groups them: one message per address and
 * channel. Notices taken are stamped with the run key before anything is published, so that after
 * a crash the ledger of that run tells whether they went.
 */
export function planDelivery(input: DeliveryPlanInput): DeliveryPlan {
  const { programme, runKey, ledger } = input;
  const policy = programme.catalog.programme.alerts;
  let unreachable = 0;
  let alreadyDelivered = 0;
  const slots: Slot[] = [];
  const groups = new Map<string, Group>();

  for (const record of input.states) {
    const slot: Slot = { record, notices: [], changed: false };
    slots.push(slot);
    const seen = new Set<string>();
    for (const original of pendingNotices(record)) {
      if (seen.has(original.id)) {
        slot.changed = true;
        continue;
      }
      seen.add(original.id);
      const address = addressOf(contactOf(programme, original.recipient), original.channel);
      if (address === undefined) {
        unreachable++;
        slot.changed = true;
        continue;
      }
      let notice = original;
      if (notice.runKey !== undefined) {
        if (ledger.isSent(notice.runKey, notice.channel, address)) {
          alreadyDelivered++;
          slot.changed = true;
          continue;
        }
        if (notice.runKey !== runKey) {
          notice = unstamped(notice);
          slot.changed = true;
        }
      }
      const index = slot.notices.push(notice) - 1;
      const groupKey = `${notice.channel}\u0000${address}`;
      let group = groups.get(groupKey);
      if (!group) {
        group = { channel: notice.channel, address, recipient: notice.recipient, entries: [] };
        groups.set(groupKey, group);
      }
      const item = { state: alertKey(record), unit: record.unit, indicator: record.indicator, notice };
      group.entries.push({ slot, index, item });
    }
  }

  const quiet = isQuietTime(input.now, programme.timezone, policy.quietHours);
  let deferred = 0;
  let overCap = 0;
  let waiting = 0;
  const accepted: Group[] = [];
  const smsCandidates: Group[] = [];
  for (const group of groups.values()) {
    group.entries.sort((a, b) => compareNoticesBySeverity(flat(a.item), flat(b.item)));
    if (ledger.isSent(runKey, group.channel, group.address)) {
      // Claimed after this run started: a concurrent run with the same key, working from the same
      // states, sent these very notices. Claimed before: these notices are newer than that message.
      const claimedAt = ledger.claimedAt(runKey, group.channel, group.address);
      if (claimedAt !== undefined && claimedAt >= input.now.toISOString()) {
        alreadyDelivered += group.entries.length;
        drop(group);
      } else {
        waiting++;
        release(group);
      }
    } else if (group.channel === 'sms' && quiet) {
      deferred++;
      release(group);
    } else if (group.channel === 'sms') {
      smsCandidates.push(group);
    } else {
      accepted.push(group);
    }
  }
  smsCandidates.sort(compareGroups);
  for (const [position, group] of smsCandidates.entries()) {
    if (position < policy.smsPerRunCap) {
      accepted.push(group);
      continue;
    }
    overCap++;
    // The e-mail carries the same notices; without an e-mail address the SMS waits for a run with room.
    if (contactOf(programme, group.recipient)?.email) drop(group);
    else release(group);
  }
  accepted.sort(compareGroups);
  for (const group of accepted) stamp(group, runKey);

  return {
    states: slots.map(rebuild),
    messages: accepted.map((group) => ({
      channel: group.channel,
      address: group.address,
      recipient: group.recipient,
      notices: dedupe(group.entries.map((entry) => entry.item)),
      covers: group.entries.map((entry) => ({ state: entry.item.state, id: entry.item.notice.id })),
    })),
    deferred,
    overCap,
    waiting,
    unreachable,
    alreadyDelivered,
  };
}

/** Removes the notices of delivered messages from the states; other states come back as given. */
export function clearDelivered(
  states: readonly AlertStateRecord[],
  delivered: readonly PlannedMessage[],
): AlertStateRecord[] {
  const done = new Map<string, Set<string>>();
  for (const message of delivered) {
    for (const { state, id } of message.covers) {
      const ids = done.get(state) ?? new Set<string>();
      ids.add(id);
      done.set(state, ids);
    }
  }
  return states.map((record) => {
    const ids = done.get(alertKey(record));
    if (!ids) return record;
    const pending = pendingNotices(record);
    const remaining = pending.filter((notice) => !ids.has(notice.id));
    return remaining.length === pending.length ? record : { ...record, pending: remaining };
  });
}

function flat(item: NoticeInState) {
  return { ...item.notice, unit: item.unit, indicator: item.indicator };
}

function compareGroups(a: Group, b: Group): number {
  const first = a.entries[0];
  const second = b.entries[0];
  if (!first || !second) return (first ? 0 : 1) - (second ? 0 : 1);
  return (
    compareNoticesBySeverity(flat(first.item), flat(second.item)) ||
    (a.address < b.address ? -1 : a.address > b.address ? 1 : 0)
  );
}

function unstamped(notice: PendingNotice): PendingNotice {
  const { runKey: _runKey, ...rest } = notice;
  return rest;
}

function release(group: Group): void {
  for (const entry of group.entries) {
    const notice = entry.slot.notices[entry.index];
    if (notice?.runKey !== undefined) {
      entry.slot.notices[entry.index] = unstamped(notice);
      entry.slot.changed = true;
    }
  }
}

function drop(group: Group): void {
  for (const entry of group.entries) {
    entry.slot.notices[entry.index] = undefined;
    entry.slot.changed = true;
  }
}

function stamp(group: Group, runKey: string): void {
  for (const entry of group.entries) {
    const notice = entry.slot.notices[entry.index];
    if (notice && notice.runKey !== runKey) {
      entry.slot.notices[entry.index] = { ...notice, runKey };
      entry.slot.changed = true;
    }
  }
}

function rebuild(slot: Slot): AlertStateRecord {
  if (!slot.changed) return slot.record;
  return {
    ...slot.record,
    pending: slot.notices.filter((notice): notice is PendingNotice => notice !== undefined),
  };
}

/** The same alert's notice once per message, even when the address stands for two roles. */
function dedupe(items: readonly NoticeInState[]): NoticeInState[] {
  const seen = new Set<string>();
  const kept: NoticeInState[] = [];
  for (const item of items) {
    const key = `${item.state}\u0000${item.notice.event}`;
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push(item);
  }
  return kept;
}
