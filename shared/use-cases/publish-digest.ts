import { randomUUID } from 'node:crypto';
import type { Programme } from '../catalog/programme.ts';
import { buildDigest, digestRecordOf } from '../digest/build-digest.ts';
import type { Digest } from '../digest/digest.ts';
import { formatIsoWeek, type IsoWeek, parseIsoWeek, previousIsoWeek } from '../digest/iso-week.ts';
import { renderLeagueCsv, renderScorecardCsv } from '../digest/render-csv.ts';
import { renderDigestHtml } from '../digest/render-html.ts';
import { renderDigestText } from '../digest/render-text.ts';
import { isWithin, lastCompletedWeek, type WeekWindow, weekWindow } from '../digest/week-window.ts';
import type { DayNumber } from '../domain/calendar-date.ts';
import type { LedgerKey } from '../domain/notification-ledger-entry.ts';
import type { DatedValue } from '../domain/observation.ts';
import { evaluateProgramme, groupBySeries, type SeriesHistory } from '../domain/programme-evaluation.ts';
import type { Ratio, RatioIndex } from '../domain/ratio.ts';
import { ratioIndexOf } from '../domain/scorecard.ts';
import { InvalidInputError } from '../errors.ts';
import type { Language } from '../messages/labels.ts';
import type { AcknowledgementStore } from '../ports/acknowledgement-store.ts';
import type { AlertStateStore } from '../ports/alert-state-store.ts';
import type { AuditTrail } from '../ports/audit-trail.ts';
import type { Clock } from '../ports/clock.ts';
import type { DigestArchive } from '../ports/digest-archive.ts';
import type { Directory } from '../ports/directory.ts';
import type { FinalRecords } from '../ports/final-records.ts';
import type { IngestLog } from '../ports/ingest-log.ts';
import type { NotificationLedger } from '../ports/notification-ledger.ts';
import type { Notifier, OutgoingMessage } from '../ports/notifier.ts';
import type { ObservationStore } from '../ports/observation-store.ts';
import type { PublishedReport, ReportPublisher } from '../ports/report-publisher.ts';
import { digestLink } from '../web/web-links.ts';
import { deliverOnce } from './deliver-once.ts';
import { notificationEvents } from './notification-audit.ts';
import { programmePeopleHealth } from './people-reach.ts';

/** What building a digest reads. */
export type DigestSources = Pick<ObservationStore, 'observationPartitions'> &
  Pick<AlertStateStore, 'listAlertStates'> &
  Pick<AcknowledgementStore, 'listAcknowledgements'> &
  Pick<IngestLog, 'listSourceRuns' | 'listQuarantined'> &
  Pick<DigestArchive, 'getDigest'>;

export interface PublishDigestDeps {
  readonly store: DigestSources & DigestArchive & Omit<NotificationLedger, 'listNotifications'>;
  /** Dissolved units' final records for the digest's section; without it the section is empty. */
  readonly finalRecords?: FinalRecords;
  readonly notifier: Notifier;
  readonly clock: Clock;
  /** Where the HTML report goes; without one the e-mail carries no link. */
  readonly reportPublisher?: ReportPublisher;
  /**
   * The web app's address: the e-mail then links to its durable digest page
   * (`<base>/digests/<week>`, behind sign-in) instead of the publisher's (pre-signed) URL, and the
   * digest links each unit to `<base>/units/<id>`.
   */
  readonly webBaseUrl?: string;
  /** Default: the programme's alert language (catalog `programme.alerts.language`). */
  readonly language?: Language;
  /** Key of the report (default `<programme>/<week>/digest.html`). */
  readonly reportKey?: string;
  /** How long a claimed, unconfirmed e-mail blocks other senders (default 300 s). */
  readonly leaseSeconds?: number;
  /** This attempt's identity in the ledger (see NotifyOptions.sender); default: a new one. */
  readonly sender?: string;
  /** Where each e-mail sent is recorded (programme-wide); without it, nowhere. */
  readonly audit?: AuditTrail;
  /** The directory, for the data-health section's e-mail reach; without it the section has none. */
  readonly directory?: Directory;
}

export interface DigestRenderings {
  readonly digest: Digest;
  readonly text: string;
  readonly html: string;
  readonly csv: string;
  /** The scorecard's targets, one row each (`scorecard.csv`). */
  readonly scorecardCsv: string;
  readonly subject: string;
}

export interface PublishDigestResult extends DigestRenderings {
  readonly programme: string;
  readonly week: string;
  /** `already-published`: a digest for this week was recorded before; nothing was sent. */
  readonly outcome: 'published' | 'already-published';
  readonly report?: PublishedReport;
  readonly recipients: number;
  readonly sent: number;
  /** Recipients the ledger shows as already sent (a retry after a partial failure). */
  readonly alreadySent: number;
}

/** The week has not ended yet on the programme's clock: its digest would be incomplete. */
export class DigestWeekNotOverError extends Error {
  override readonly name = 'DigestWeekNotOverError';
  constructor(
    readonly week: string,
    readonly endsAt: string,
  ) {
    super(`week ${week} has not ended yet (it ends ${endsAt})`);
  }
}

/** Some committee e-mails could not be sent; the digest is not recorded, so a retry sends them. */
export class DigestDeliveryError extends Error {
  override readonly name = 'DigestDeliveryError';
  constructor(
    readonly failed: number,
    options?: { cause?: unknown },
  ) {
    super(`${failed} digest e-mail(s) could not be sent`, options);
  }
}

const DEFAULT_LEASE_SECONDS = 300;

/**
 * The weekly digest of one programme: evaluates the week as of its Sunday, publishes the HTML
 * report, e-mails the text to every steering-committee address (effect-once through the
 * notification ledger, run key `digest:<week>`) and records the digest, which next week's digest
 * compares against. A week already recorded sends nothing again. `week` defaults to the last week
 * that has ended on the programme's clock.
 */
export async function publishDigest(
  programme: Programme,
  week: IsoWeek | string | undefined,
  deps: PublishDigestDeps,
): Promise<PublishDigestResult> {
  const { store, clock } = deps;
  const isoWeek = resolveWeek(programme, week, clock);
  const weekName = formatIsoWeek(isoWeek);
  const window = weekWindow(isoWeek, programme.timezone);
  if (clock.now().getTime() < Date.parse(window.end)) throw new DigestWeekNotOverError(weekName, window.end);
  const language = deps.language ?? programme.catalog.programme.alerts.language;

  const existing = await store.getDigest(programme.id, weekName);
  const digest = await loadDigest(programme, isoWeek, window, store, deps.finalRecords, deps.directory);
  const web = deps.webBaseUrl === undefined ? {} : { webBaseUrl: deps.webBaseUrl };
  const html = renderDigestHtml(digest, { language, generatedAt: clock.now().toISOString(), ...web });
  const base = {
    programme: programme.id,
    week: weekName,
    digest,
    html,
    csv: renderLeagueCsv(digest, language),
    scorecardCsv: renderScorecardCsv(digest, language),
  };
  const subject = digestSubject(digest, language);
  const recipients = committeeAddresses(programme);

  if (existing) {
    const text = renderDigestText(digest, { language, ...web });
    return {
      ...base,
      text,
      subject,
      outcome: 'already-published',
      recipients: recipients.length,
      sent: 0,
      alreadySent: 0,
    };
  }

  const report = deps.reportPublisher
    ? await deps.reportPublisher.publish(deps.reportKey ?? `${programme.id}/${weekName}/digest.html`, html)
    : undefined;
  const reportUrl = deps.webBaseUrl !== undefined ? digestLink(deps.webBaseUrl, weekName) : report?.url;
  const text = renderDigestText(digest, {
    language,
    ...web,
    ...(reportUrl !== undefined && { reportUrl }),
  });

  const runKey = `digest:${weekName}`;
  const claim = {
    leaseSeconds: deps.leaseSeconds ?? DEFAULT_LEASE_SECONDS,
    sender: deps.sender ?? randomUUID(),
    ...(programme.catalogVersion !== undefined && { catalogVersion: programme.catalogVersion }),
  };
  let sent = 0;
  let alreadySent = 0;
  const failures: unknown[] = [];
  for (const recipient of recipients) {
    const key: LedgerKey = {
      programme: programme.id,
      runKey,
      recipient: recipient.address,
      channel: 'email',
    };
    const message: OutgoingMessage = {
      channel: 'email',
      recipient: recipient.address,
      ...(recipient.name !== undefined && { recipientName: recipient.name }),
      subject,
      body: text,
      programme: programme.id,
      runKey,
      kind: 'digest',
      ...(programme.catalogVersion !== undefined && { catalogVersion: programme.catalogVersion }),
    };
    const delivery = await deliverOnce(
      { ledger: store, notifier: deps.notifier, clock, ...(deps.audit && { audit: deps.audit }) },
      key,
      claim,
      message,
      (messageId, at) => notificationEvents(programme, message, messageId, at),
      failures,
    );
    if (delivery.outcome === 'sent') sent++;
    if (delivery.outcome === 'already-sent') alreadySent++;
    // Another run is sending it right now; that run records the digest, this one fails.
    if (delivery.outcome === 'busy') failures.push(new Error('claimed by a concurrent run'));
  }
  if (failures.length > 0) throw new DigestDeliveryError(failures.length, { cause: failures[0] });

  const record = digestRecordOf(digest, clock.now().toISOString(), report?.location);
  await store.putDigestIfAbsent(
    programme.catalogVersion === undefined ? record : { ...record, catalogVersion: programme.catalogVersion },
  );
  return {
    ...base,
    text,
    subject,
    outcome: 'published',
    ...(report && { report }),
    recipients: recipients.length,
    sent,
    alreadySent,
  };
}

/** Reads what the digest needs from the store and builds it (no side effect). */
export async function loadDigest(
  programme: Programme,
  week: IsoWeek,
  window: WeekWindow,
  store: DigestSources,
  finalRecords?: FinalRecords,
  directory?: Directory,
): Promise<Digest> {
  const [
    { history, ratios },
    previous,
    alertStates,
    acknowledgements,
    sourceRuns,
    quarantined,
    dissolved,
    people,
  ] = await Promise.all([
    readHistory(store, programme.id),
    store.getDigest(programme.id, formatIsoWeek(previousIsoWeek(week))),
    store.listAlertStates(programme.id),
    store.listAcknowledgements(programme.id),
    store.listSourceRuns(programme.id),
    store.listQuarantined(programme.id),
    finalRecords?.listFinalRecords(programme.id) ?? [],
    directory ? programmePeopleHealth(directory, programme.id, window.sunday) : undefined,
  ]);
  const results = evaluateProgramme(programme, history, window.sunday).results;
  return buildDigest({
    programme,
    week,
    results,
    history,
    ratios,
    ...(previous && { previous }),
    alertStates,
    acknowledgements,
    sourceRuns,
    quarantinedRows: quarantined.filter((row) => isWithin(row.receivedAt, window)).length,
    finalRecords: dissolved,
    ...(people && { people }),
  });
}

/**
 * Every series' values and the ratios they carry, read one store partition at a time: only the
 * compact per-series values are kept, never the programme's observations all at once (a
 * partition holds every observation of its units, so the series are complete). The digest needs
 * every series: the league table's sparkline re-judges each unit over the past year.
 */
async function readHistory(
  store: Pick<ObservationStore, 'observationPartitions'>,
  programme: string,
): Promise<{ history: SeriesHistory; ratios: RatioIndex }> {
  const history = new Map<string, readonly DatedValue[]>();
  const ratios = new Map<string, ReadonlyMap<DayNumber, Ratio>>();
  for await (const partition of store.observationPartitions(programme)) {
    for (const [key, values] of groupBySeries(partition)) history.set(key, values);
    for (const [key, days] of ratioIndexOf(partition)) ratios.set(key, days);
  }
  return { history, ratios };
}

export function digestSubject(digest: Digest, language: Language): string {
  const behind = digest.headline.counts.find((count) => count.status === 'behind')?.count ?? 0;
  return language === 'vi'
    ? `[dtwatch] Bản tin tuần ${digest.week}: ${behind} chỉ tiêu chậm tiến độ`
    : `[dtwatch] Weekly digest ${digest.week}: ${behind} series behind`;
}

function resolveWeek(programme: Programme, week: IsoWeek | string | undefined, clock: Clock): IsoWeek {
  if (week === undefined) return lastCompletedWeek(clock.now(), programme.timezone);
  if (typeof week !== 'string') return week;
  const parsed = parseIsoWeek(week);
  if (!parsed)
    throw new InvalidInputError([{ location: 'week', message: `not an ISO week such as 2026-W47: ${week}` }]);
  return parsed;
}

/** Each steering-committee e-mail address once (case-insensitive). */
function committeeAddresses(programme: Programme): { address: string; name?: string }[] {
  const seen = new Set<string>();
  const addresses: { address: string; name?: string }[] = [];
  for (const contact of programme.catalog.programme.steeringCommittee) {
    if (!contact.email) continue;
    const key = contact.email.trim().toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    addresses.push({ address: contact.email, ...(contact.name !== undefined && { name: contact.name }) });
  }
  return addresses;
}
