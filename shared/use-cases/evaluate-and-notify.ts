import { randomUUID } from 'node:crypto';
import { advanceAlerts } from '../alerts/alert-lifecycle.ts';
import { alertKey, pendingNotices } from '../alerts/alert-notice.ts';
import type { AlertStateRecord } from '../alerts/alert-state.ts';
import {
  clearDelivered,
  type LedgerView,
  type PlannedMessage,
  planDelivery,
} from '../alerts/delivery-plan.ts';
import { routeToOwners } from '../alerts/owner-routing.ts';
import { addressOf, contactOf, unitOfRecipient } from '../alerts/recipients.ts';
import { sourcesDown } from '../alerts/source-health.ts';
import type { Programme } from '../catalog/programme.ts';
import type { DirectoryContact } from '../directory/directory-contacts.ts';
import { addDays, dateInZone } from '../domain/calendar-date.ts';
import type { Channel } from '../domain/channel.ts';
import { unitsDueAFinalRecord } from '../domain/final-record.ts';
import type { LedgerEntry, LedgerKey } from '../domain/notification-ledger-entry.ts';
import { evaluateByPartition } from '../domain/partitioned-evaluation.ts';
import { logger } from '../logger.ts';
import { renderEmail } from '../messages/email-message.ts';
import type { MessageContext, MessageRecipient } from '../messages/message-item.ts';
import { messageItemsOf } from '../messages/message-items.ts';
import { type MessageLinks, NO_LINKS } from '../messages/message-links.ts';
import { PHRASEBOOKS } from '../messages/message-text.ts';
import { renderSms } from '../messages/sms-message.ts';
import type { AcknowledgementStore } from '../ports/acknowledgement-store.ts';
import type { AlertStateStore } from '../ports/alert-state-store.ts';
import type { AuditTrail } from '../ports/audit-trail.ts';
import type { Clock } from '../ports/clock.ts';
import type { Directory } from '../ports/directory.ts';
import type { FinalRecords } from '../ports/final-records.ts';
import type { IngestLog } from '../ports/ingest-log.ts';
import type { Mutes } from '../ports/mutes.ts';
import type { NotificationLedger } from '../ports/notification-ledger.ts';
import type { Notifier, OutgoingMessage } from '../ports/notifier.ts';
import type { ObservationStore } from '../ports/observation-store.ts';
import { forEachConcurrently } from '../runtime/concurrency.ts';
import { deliverOnce } from './deliver-once.ts';
import { UPLOAD_SOURCE } from './ingest.ts';
import { notificationEvents } from './notification-audit.ts';
import { recordDissolvedUnits } from './record-dissolved-units.ts';
import { programmeWithPeople } from './resolve-people.ts';

/** The storage an alert run reads and writes. */
export type NotifyStore = Pick<ObservationStore, 'observationPartitions'> &
  AlertStateStore &
  Pick<AcknowledgementStore, 'listAcknowledgements'> &
  Pick<IngestLog, 'listSourceRuns'> &
  NotificationLedger;

export interface NotifyDeps {
  readonly store: NotifyStore;
  readonly notifier: Notifier;
  readonly clock: Clock;
  /** Where dissolved units' final records go; without it the run records none. */
  readonly finalRecords?: FinalRecords;
  /** Who to tell; without it (or where it names nobody) the catalog's contacts. */
  readonly directory?: Directory;
  /** Silences (`dtwatch mute`); without it nothing is muted. */
  readonly mutes?: Pick<Mutes, 'listMutes'>;
  /** Where each message sent is recorded with the data it was based on; without it, nowhere. */
  readonly audit?: AuditTrail;
}

export interface NotifyOptions {
  /**
   * Where messages point in the web app (acknowledgement links, a unit's page); without it they
   * ask for a reply and point to the weekly digest.
   */
  readonly links?: MessageLinks;
  /** Another sender's claim older than this is taken over (that sender crashed). */
  readonly leaseSeconds?: number;
  /**
   * This attempt's identity in the ledger (docs/alerts.md): the execution of the scheduled run,
   * which its retries share, so that a retry takes over at once what a crashed attempt of the
   * same execution left claimed. Default: a new identity, i.e. a sender of its own.
   */
  readonly sender?: string;
  /** Publishes in flight at once. */
  readonly concurrency?: number;
}

export interface NotifyCounts {
  readonly programme: string;
  readonly runKey: string;
  readonly asOf: string;
  readonly opened: number;
  readonly reminded: number;
  readonly escalated: number;
  readonly resolved: number;
  /** Messages published by this attempt. */
  readonly sent: Readonly<Record<Channel, number>>;
  /** SMS messages held back by the quiet hours, sent by the first run after them. */
  readonly deferred: number;
  readonly suppressedByAck: number;
  /** Notices a mute held back. */
  readonly suppressedByMute: number;
  /** Sources down on this run (one `source_down` alert each). */
  readonly sourcesDown: number;
  /** Overdue series whose alerts a source down held back. */
  readonly inhibited: number;
  /** SMS messages over the per-run cap (the e-mail carries their items). */
  readonly overCap: number;
  /** Messages of this run already sent by an earlier attempt. */
  readonly alreadySent: number;
  /**
   * Messages claimed by another sender whose lease has not ended (it may be publishing them right
   * now). Always 0 in a result: a run that leaves any throws NotificationDeliveryError instead.
   */
  readonly busy: number;
  /** Recipients the catalog gives no phone or e-mail for. */
  readonly unreachable: number;
  /** Final records of dissolved units written by this run (only with `finalRecords`). */
  readonly finalRecords?: number;
}

/**
 * The run did not deliver everything it owes. `failed`: publishes (or ledger marks) that failed;
 * their claims were released, so a retry sends them. `busy`: messages another live sender holds;
 * a retry after its lease sends them if that sender never does. The counts of the messages that
 * did go are in `counts`.
 */
export class NotificationDeliveryError extends Error {
  override readonly name = 'NotificationDeliveryError';
  constructor(
    readonly failed: number,
    readonly attempted: number,
    options: { cause?: unknown; busy?: number; counts?: NotifyCounts } = {},
  ) {
    const busy = options.busy ?? 0;
    const parts = [
      ...(failed > 0 ? [`${failed} of ${attempted} message(s) could not be published`] : []),
      ...(busy > 0
        ? [`${busy} message(s) are claimed by another sender whose lease has not ended; run again after it`]
        : []),
    ];
    super(parts.join('; '), options.cause === undefined ? {} : { cause: options.cause });
    this.busy = busy;
    this.counts = options.counts;
  }
  readonly busy: number;
  readonly counts: NotifyCounts | undefined;
}

const DEFAULT_LEASE_SECONDS = 120;
const DEFAULT_CONCURRENCY = 8;
/** The first paragraph of an alert e-mail asks for an answer within a week. */
const RESPOND_WITHIN_DAYS = 7;
/** Newest source runs read to judge the sources (several pulls of every source of a programme). */
const SOURCE_RUNS_READ = 200;

/**
 * One alert run: evaluate from the store, advance every alert, then deliver what is owed, once.
 *
 * Order matters for "exactly once": (1) the new alert states, with every notice owed and the
 * notices taken by this run stamped with its key, are written before anything is published;
 * (2) each message is claimed in the ledger, published, then marked sent (released on failure);
 * (3) delivered notices are removed from the states. A failure anywhere leaves the notices in the
 * state, and the ledger of the stamped run tells the next attempt which of them already went.
 */
export async function evaluateAndNotify(
  catalogProgramme: Programme,
  runKey: string,
  deps: NotifyDeps,
  options: NotifyOptions = {},
): Promise<NotifyCounts> {
  const { store, notifier, clock } = deps;
  const now = clock.now();
  const today = dateInZone(now, catalogProgramme.timezone);
  const programme = await programmeWithPeople(catalogProgramme, deps.directory, today);
  const policy = programme.catalog.programme.alerts;

  // Partition by partition: a national programme's history is never held at once (docs/data-model.md, A1).
  const [evaluation, previous, acknowledgements, runs, mutes] = await Promise.all([
    evaluateByPartition(
      programme,
      store.observationPartitions(programme.id),
      today,
      new Set(deps.finalRecords ? unitsDueAFinalRecord(programme, today, new Set()) : []),
    ),
    store.listAlertStates(programme.id),
    store.listAcknowledgements(programme.id),
    store.listSourceRuns(programme.id, { limit: SOURCE_RUNS_READ }),
    deps.mutes ? deps.mutes.listMutes(programme.id) : [],
  ]);
  const report = evaluation.report;
  // Before any alert work, so that a failed delivery does not hold a dissolved unit's record back.
  const finalRecords = deps.finalRecords
    ? await recordDissolvedUnits(programme, evaluation.kept, today, now, deps.finalRecords)
    : undefined;
  // A file a person uploads is not a source that can go down.
  const down = sourcesDown(
    runs.filter((run) => run.source !== UPLOAD_SOURCE),
    report.results,
  );
  const lifecycle = advanceAlerts({
    programme,
    previous,
    results: report.results,
    acknowledgements,
    now,
    mutes,
    sourcesDown: down,
  });
  const routed = routeToOwners(programme, previous, lifecycle.states);
  const ledger = await loadLedger(store, programme.id, runKey, routed);
  const plan = planDelivery({ programme, states: routed, runKey, now, ledger });
  const states = stampCatalogVersion(previous, plan.states, programme.catalogVersion);
  await persistChanged(store, programme.id, previous, states);

  const context: MessageContext = {
    language: policy.language,
    programmeId: programme.id,
    programmeName: programme.catalog.programme.name,
    programmeShortName: programme.catalog.programme.shortName ?? programme.id,
    today,
    respondBy: addDays(today, RESPOND_WITHIN_DAYS),
    emailItemLimit: policy.emailItemLimit,
    links: options.links ?? NO_LINKS,
  };
  const delivered: PlannedMessage[] = [];
  const failures: unknown[] = [];
  const sent: Record<Channel, number> = { sms: 0, email: 0 };
  let alreadySent = 0;
  let busy = 0;
  const leaseSeconds = options.leaseSeconds ?? DEFAULT_LEASE_SECONDS;
  const sender = options.sender ?? randomUUID();

  let auditFailures = 0;
  const claim = {
    leaseSeconds,
    sender,
    ...(programme.catalogVersion !== undefined && { catalogVersion: programme.catalogVersion }),
  };
  const deliver = async (message: PlannedMessage) => {
    const key: LedgerKey = {
      programme: programme.id,
      runKey,
      recipient: message.address,
      channel: message.channel,
    };
    const outgoing = outgoingMessage(programme, context, runKey, message);
    const delivery = await deliverOnce(
      { ledger: store, notifier, clock, ...(deps.audit && { audit: deps.audit }) },
      key,
      claim,
      outgoing,
      (messageId, at) => notificationEvents(programme, outgoing, messageId, at, message),
      failures,
    );
    if (delivery.outcome === 'busy') busy++;
    if (delivery.outcome === 'already-sent') {
      alreadySent++;
      delivered.push(message);
    }
    if (delivery.outcome === 'sent') {
      sent[message.channel]++;
      delivered.push(message);
      if (!delivery.recorded) auditFailures++;
    }
  };
  await forEachConcurrently(plan.messages, options.concurrency ?? DEFAULT_CONCURRENCY, async (message) => {
    try {
      await deliver(message);
    } catch (error) {
      failures.push(error);
    }
  });

  await persistChanged(store, programme.id, states, clearDelivered(states, delivered));
  if (auditFailures > 0) {
    logger.error('the audit trail could not record some messages sent', {
      programme: programme.id,
      runKey,
      messages: auditFailures,
    });
  }

  const count = (event: string) => lifecycle.transitions.filter((t) => t.event === event).length;
  const counts: NotifyCounts = {
    programme: programme.id,
    runKey,
    asOf: today,
    opened: count('opened'),
    reminded: count('reminded'),
    escalated: count('escalated'),
    resolved: count('resolved'),
    sent,
    deferred: plan.deferred,
    suppressedByAck: lifecycle.suppressedByAck,
    suppressedByMute: lifecycle.suppressedByMute,
    sourcesDown: down.length,
    inhibited: lifecycle.inhibited,
    overCap: plan.overCap,
    alreadySent,
    busy,
    unreachable: lifecycle.unreachable + plan.unreachable,
    ...(finalRecords !== undefined && { finalRecords }),
  };
  logger.info('alert run', { ...counts, failed: failures.length });
  if (failures.length > 0 || busy > 0) {
    throw new NotificationDeliveryError(failures.length, plan.messages.length, {
      cause: failures[0],
      busy,
      counts,
    });
  }
  return counts;
}

function outgoingMessage(
  programme: Programme,
  context: MessageContext,
  runKey: string,
  message: PlannedMessage,
): OutgoingMessage {
  const contact: DirectoryContact | undefined = contactOf(programme, message.recipient);
  const recipientName = contact?.name ?? contact?.title;
  const unit = unitOfRecipient(programme, message.recipient);
  const recipient: MessageRecipient = {
    ...(recipientName !== undefined && { name: recipientName }),
    place:
      unit !== undefined
        ? (programme.units.get(unit)?.name ?? unit)
        : message.recipient.role === 'operator'
          ? PHRASEBOOKS[context.language].operators
          : PHRASEBOOKS[context.language].steering,
    ...(unit !== undefined && { unit }),
    address: message.address,
  };
  const items = messageItemsOf(programme, message.notices, message.recipient, context.language);
  const common = {
    channel: message.channel,
    recipient: message.address,
    ...(recipientName !== undefined && { recipientName }),
    programme: programme.id,
    runKey,
    kind: 'alert' as const,
    ...(programme.catalogVersion !== undefined && { catalogVersion: programme.catalogVersion }),
  };
  if (message.channel === 'email') {
    const { subject, body } = renderEmail(context, recipient, items);
    return { ...common, subject, body };
  }
  const policy = programme.catalog.programme.alerts;
  const body = renderSms(context, recipient, items, {
    maxSegments: policy.maxSmsSegments,
    keepDiacritics: policy.smsKeepDiacritics,
    pointToEmail: addressOf(contact, 'email') !== undefined,
    emailUnconfirmed: contact?.emailUnconfirmed !== undefined,
  });
  return { ...common, body, ...(policy.smsSenderId !== undefined && { senderId: policy.smsSenderId }) };
}

/** The ledger of this run and of every earlier run a pending notice is stamped with. */
async function loadLedger(
  store: NotificationLedger,
  programme: string,
  runKey: string,
  states: readonly AlertStateRecord[],
): Promise<LedgerView> {
  const runKeys = new Set([runKey]);
  for (const record of states) {
    for (const notice of pendingNotices(record)) if (notice.runKey) runKeys.add(notice.runKey);
  }
  const entries = new Map<string, LedgerEntry>();
  for (const key of runKeys) {
    for (const entry of await store.listNotifications(programme, key)) {
      entries.set(ledgerId(entry.runKey, entry.channel, entry.recipient), entry);
    }
  }
  return {
    isSent: (key, channel, address) => entries.get(ledgerId(key, channel, address))?.state === 'sent',
    claimedAt: (key, channel, address) => entries.get(ledgerId(key, channel, address))?.claimedAt,
  };
}

function ledgerId(runKey: string, channel: Channel, address: string): string {
  return `${runKey}\u0000${channel}\u0000${address}`;
}

/** Every alert state this run changed names the catalog version it was judged against. */
function stampCatalogVersion(
  before: readonly AlertStateRecord[],
  after: readonly AlertStateRecord[],
  catalogVersion: string | undefined,
): readonly AlertStateRecord[] {
  if (catalogVersion === undefined) return after;
  const previous = new Map(before.map((record) => [alertKey(record), record]));
  return after.map((record) =>
    previous.get(alertKey(record)) === record ? record : { ...record, catalogVersion },
  );
}

async function persistChanged(
  store: AlertStateStore,
  programme: string,
  before: readonly AlertStateRecord[],
  after: readonly AlertStateRecord[],
): Promise<void> {
  const previous = new Map(before.map((record) => [alertKey(record), record]));
  const changed = after.filter((record) => previous.get(alertKey(record)) !== record);
  if (changed.length > 0) await store.putAlertStates(programme, changed);
}
