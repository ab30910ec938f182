import { performance } from 'node:perf_hooks';
import { RequestCounter } from '../shared/adapters/dynamodb/request-counter.ts';
import { logger } from '../shared/logger.ts';
import { measureSms } from '../shared/messages/sms-segments.ts';
import { fixedClock } from '../shared/ports/clock.ts';
import type { Notifier } from '../shared/ports/notifier.ts';
import type { ReportPublisher } from '../shared/ports/report-publisher.ts';
import { evaluateAndNotify } from '../shared/use-cases/evaluate-and-notify.ts';
import { publishDigest } from '../shared/use-cases/publish-digest.ts';
import { freshDynalite } from './store-backends.ts';
import type { StoreDataset } from './store-datasets.ts';
import { round } from './timing.ts';

/** What one kind of scheduled job did over the simulated month (all runs summed). */
export interface JobTotals {
  runs: number;
  ms: number[];
  readRequests: number;
  writeRequests: number;
  rcu: number;
  wcu: number;
}

export interface MonthSimulation {
  readonly month: string;
  readonly days: number;
  readonly warmUp: string;
  readonly evaluateNotify: JobTotals;
  readonly digest: JobTotals & { reportBytes: number[] };
  readonly messages: {
    sms: number;
    smsSegments: number;
    alertEmails: number;
    digestEmails: number;
    /** Largest SMS body seen, in characters. */
    longestSms: number;
  };
}

const STORE_CHUNK = 2_500;

/**
 * A month of the daily run on one programme, on a fresh dynalite: every day at 08:00 on the
 * programme's clock evaluate-and-notify runs (alert states, ledger, messages through a counting
 * notifier); every Monday at 07:30 the weekly digest. The observations are stored first, and a
 * warm-up run the day before the month opens the alerts that already stand, so the month shows
 * reminders, escalations and resolutions rather than the first-ever burst. Ingest is not
 * simulated here: its daily figures come from the store section.
 */
export async function simulateMonth(
  dataset: StoreDataset,
  month: { first: string; days: number; warmUp: string },
): Promise<MonthSimulation> {
  const backend = await freshDynalite();
  const programme = dataset.programme;
  // Each run logs a summary line on stdout, which belongs to the bench's results table.
  const logLevel = logger.getLevelName();
  logger.setLogLevel('WARN');
  try {
    for (let start = 0; start < dataset.observations.length; start += STORE_CHUNK) {
      await backend.store.putObservations(
        programme.id,
        dataset.observations.slice(start, start + STORE_CHUNK),
        dataset.receivedAt,
      );
    }
    const messages = { sms: 0, smsSegments: 0, alertEmails: 0, digestEmails: 0, longestSms: 0 };
    const notifier: Notifier = {
      async send(message) {
        if (message.channel === 'sms') {
          messages.sms++;
          messages.smsSegments += measureSms(message.body).segments;
          messages.longestSms = Math.max(messages.longestSms, message.body.length);
        } else if (message.kind === 'digest') messages.digestEmails++;
        else messages.alertEmails++;
        return { messageId: `bench-${messages.sms + messages.alertEmails + messages.digestEmails}` };
      },
    };
    const reportBytes: number[] = [];
    const reportPublisher: ReportPublisher = {
      async publish(key, html) {
        reportBytes.push(Buffer.byteLength(html));
        return { location: `bench://${key}` };
      },
    };
    const deps = (instant: string) => ({ store: backend.store, notifier, clock: fixedClock(instant) });
    // 08:00 and 07:30 in Asia/Ho_Chi_Minh (UTC+7), the prod schedules.
    await evaluateAndNotify(programme, month.warmUp, deps(`${month.warmUp}T01:00:00.000Z`));
    Object.assign(messages, { sms: 0, smsSegments: 0, alertEmails: 0, digestEmails: 0, longestSms: 0 });

    const counter = new RequestCounter().attach(backend.client);
    const evaluateNotify = emptyTotals();
    const digest = { ...emptyTotals(), reportBytes };
    const first = Date.parse(`${month.first}T00:00:00.000Z`);
    for (let day = 0; day < month.days; day++) {
      const date = new Date(first + day * 86_400_000).toISOString().slice(0, 10);
      if (new Date(`${date}T00:00:00.000Z`).getUTCDay() === 1) {
        await timed(counter, digest, () =>
          publishDigest(programme, undefined, {
            ...deps(`${date}T00:30:00.000Z`),
            reportPublisher,
          }),
        );
      }
      await timed(counter, evaluateNotify, () =>
        evaluateAndNotify(programme, date, deps(`${date}T01:00:00.000Z`)),
      );
    }
    counter.detach(backend.client);
    return {
      month: month.first.slice(0, 7),
      days: month.days,
      warmUp: month.warmUp,
      evaluateNotify,
      digest,
      messages,
    };
  } finally {
    logger.setLogLevel(logLevel);
    await backend.close();
  }
}

function emptyTotals(): JobTotals {
  return { runs: 0, ms: [], readRequests: 0, writeRequests: 0, rcu: 0, wcu: 0 };
}

async function timed(counter: RequestCounter, totals: JobTotals, job: () => Promise<unknown>): Promise<void> {
  counter.reset();
  const start = performance.now();
  await job();
  totals.ms.push(round(performance.now() - start, 1));
  const counts = counter.counts();
  totals.runs++;
  totals.readRequests += counts.readRequests;
  totals.writeRequests += counts.writeRequests;
  totals.rcu = round(totals.rcu + counts.readCapacityUnits, 2);
  totals.wcu = round(totals.wcu + counts.writeCapacityUnits, 2);
}
