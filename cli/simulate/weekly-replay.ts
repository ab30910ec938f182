import { join } from 'node:path';
import { createLocalReportPublisher } from '../../shared/adapters/local-report-publisher.ts';
import { createOutboxNotifier } from '../../shared/adapters/outbox-notifier.ts';
import type { AlertKind } from '../../shared/alerts/alert-kind.ts';
import type { AlertStateRecord } from '../../shared/alerts/alert-state.ts';
import type { Programme } from '../../shared/catalog/programme.ts';
import { formatIsoWeek, isoWeekOfDate } from '../../shared/digest/iso-week.ts';
import { localMidnight } from '../../shared/digest/week-window.ts';
import { addDays, dateInZone, days } from '../../shared/domain/calendar-date.ts';
import { evaluateProgramme, groupBySeries } from '../../shared/domain/programme-evaluation.ts';
import type { SeriesStatus } from '../../shared/domain/series-status.ts';
import type { Language } from '../../shared/messages/labels.ts';
import { fixedClock } from '../../shared/ports/clock.ts';
import type { Mutes } from '../../shared/ports/mutes.ts';
import type { StoreSet } from '../../shared/ports/store-set.ts';
import { generateSampleData } from '../../shared/sample/sample-programme-data.ts';
import { evaluateAndNotify } from '../../shared/use-cases/evaluate-and-notify.ts';
import { ingestProgramme } from '../../shared/use-cases/ingest.ts';
import { publishDigest } from '../../shared/use-cases/publish-digest.ts';
import { createSampleFeed } from './sample-feed.ts';

export interface ReplayOptions {
  readonly programme: Programme;
  readonly catalogPath: string;
  /** Outbox and digests go under it; the store is the one passed in. */
  readonly dataDir: string;
  readonly store: StoreSet;
  /** Silences the runs honour; absent: none. */
  readonly mutes?: Mutes;
  /** A Monday, YYYY-MM-DD. */
  readonly from: string;
  readonly weeks: number;
  /** Minutes after local midnight at which every weekly run happens. */
  readonly runMinute: number;
  /** Language of the digests. */
  readonly language: Language;
  readonly onWeek?: (row: WeekRow, index: number) => void | Promise<void>;
}

/** What one weekly run did. */
export interface WeekRow {
  /** ISO week of the run. */
  readonly week: string;
  readonly date: string;
  /** Observations new or revised by this run's ingest. */
  readonly stored: number;
  readonly quarantined: number;
  readonly opened: number;
  readonly reminded: number;
  readonly escalated: number;
  readonly resolved: number;
  /** Closed without a word: the unit ceased to exist (a reorganisation). */
  readonly retired: number;
  /** Alerts open after the run. */
  readonly open: number;
  /** Alert messages written to the outbox (SMS + e-mail). */
  readonly sent: number;
  readonly deferred: number;
  /** The week the digest of this run covers (the one that ended the day before). */
  readonly digestWeek: string;
  readonly digestPublished: boolean;
  /** Committee e-mails carrying the digest. */
  readonly digestSent: number;
}

export interface OpenAlertAge {
  readonly unit: string;
  readonly alerts: number;
  /** The oldest open alert of the unit. */
  readonly indicator: string;
  readonly kind: AlertKind;
  readonly openedOn: string;
  readonly daysOpen: number;
  readonly escalationLevel: number;
}

export interface ReplayOutcome {
  readonly rows: WeekRow[];
  /** The day of the last run. */
  readonly lastDate: string;
  readonly statusCounts: Record<SeriesStatus, number>;
  /** Units by their oldest open alert, oldest first. */
  readonly longestOpen: OpenAlertAge[];
  readonly outboxDirectory: string;
  readonly digestDirectory: string;
}

const OUTBOX_CONCURRENCY = 32;
/** Units listed under "open longest". */
export const LONGEST_OPEN_LIMIT = 5;
const STATUSES: readonly SeriesStatus[] = ['achieved', 'on_track', 'at_risk', 'behind', 'stale', 'no_data'];

/**
 * Replays the weekly monitoring run over SAMPLE DATA with a moving clock: every Monday the sources
 * offer what became known since the last run, and the product's own use-cases ingest, alert
 * (outbox) and publish the digest of the week that just ended. The data is generated once
 * through the last run's day, so the story does not rewrite its past from one week to the next.
 */
export async function replayWeeks(options: ReplayOptions): Promise<ReplayOutcome> {
  const { programme, store } = options;
  const lastDate = addDays(options.from, 7 * (options.weeks - 1));
  const feed = createSampleFeed(programme, generateSampleData(programme, { through: lastDate }));
  const outbox = createOutboxNotifier({ dataDir: options.dataDir, report: () => undefined });
  const digestDirectory = join(options.dataDir, 'digest');
  const reportPublisher = createLocalReportPublisher(digestDirectory);

  const rows: WeekRow[] = [];
  let since: string | undefined;
  let alertStates: AlertStateRecord[] = [];
  for (let index = 0; index < options.weeks; index++) {
    const date = addDays(options.from, 7 * index);
    const at = new Date(localMidnight(date, programme.timezone).getTime() + options.runMinute * 60_000);
    const clock = fixedClock(at);
    const previousSince = since;
    const ingest = await ingestProgramme(programme, feed.sources, {
      store,
      clock,
      runKey: date,
      fetchSource: (source) => offered(feed.deliveriesFor(source, previousSince, date)),
    });
    since = date;
    const notify = await evaluateAndNotify(
      programme,
      date,
      { store, notifier: outbox, clock, ...(options.mutes && { mutes: options.mutes }) },
      // The outbox and the embedded store take more messages in flight than SNS's rate allows.
      { concurrency: OUTBOX_CONCURRENCY },
    );
    const digest = await publishDigest(programme, undefined, {
      store,
      notifier: outbox,
      clock,
      reportPublisher,
      language: options.language,
    });
    alertStates = await store.listAlertStates(programme.id);
    const atText = at.toISOString();
    const row: WeekRow = {
      week: formatIsoWeek(isoWeekOfDate(date)),
      date,
      stored: ingest.sources.reduce((sum, source) => sum + source.stored + source.revised, 0),
      quarantined: ingest.totals.rowsRejected,
      opened: notify.opened,
      reminded: notify.reminded,
      escalated: notify.escalated,
      resolved: notify.resolved,
      retired: alertStates.filter((state) =>
        state.history.some((entry) => entry.at === atText && entry.event === 'retired'),
      ).length,
      open: alertStates.filter((state) => state.state === 'open').length,
      sent: notify.sent.sms + notify.sent.email,
      deferred: notify.deferred,
      digestWeek: digest.week,
      digestPublished: digest.outcome === 'published',
      digestSent: digest.sent,
    };
    rows.push(row);
    await options.onWeek?.(row, index);
  }

  const observations = await store.programmeObservations(programme.id);
  const report = evaluateProgramme(programme, groupBySeries(observations), lastDate);
  const statusCounts = Object.fromEntries(STATUSES.map((status) => [status, 0])) as Record<
    SeriesStatus,
    number
  >;
  for (const result of report.results) statusCounts[result.status]++;
  return {
    rows,
    lastDate,
    statusCounts,
    longestOpen: longestOpen(alertStates, programme, lastDate),
    outboxDirectory: outbox.directory,
    digestDirectory,
  };
}

/** Units by their oldest open alert (ties: more alerts first, then unit id), at most `limit`. */
function longestOpen(
  states: readonly AlertStateRecord[],
  programme: Programme,
  today: string,
  limit = LONGEST_OPEN_LIMIT,
): OpenAlertAge[] {
  const byUnit = new Map<string, AlertStateRecord[]>();
  for (const state of states) {
    if (state.state !== 'open') continue;
    byUnit.set(state.unit, [...(byUnit.get(state.unit) ?? []), state]);
  }
  const ages: OpenAlertAge[] = [];
  for (const [unit, open] of byUnit) {
    const oldest = [...open].sort(
      (a, b) => a.openedAt.localeCompare(b.openedAt) || a.indicator.localeCompare(b.indicator),
    )[0];
    if (!oldest) continue;
    const openedOn = dateInZone(new Date(oldest.openedAt), programme.timezone);
    ages.push({
      unit,
      alerts: open.length,
      indicator: oldest.indicator,
      kind: oldest.kind,
      openedOn,
      daysOpen: days(openedOn, today),
      escalationLevel: Math.max(...open.map((state) => state.escalationLevel)),
    });
  }
  return ages
    .sort((a, b) => b.daysOpen - a.daysOpen || b.alerts - a.alerts || a.unit.localeCompare(b.unit))
    .slice(0, limit);
}

async function* offered<T>(items: readonly T[]): AsyncIterable<T> {
  yield* items;
}
