import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalReportPublisher } from '../../shared/adapters/local-report-publisher.ts';
import { createMemoryStore, type MemoryStore } from '../../shared/adapters/memory/memory-store.ts';
import { buildProgramme } from '../../shared/catalog/programme.ts';
import type { QuarantinedRow } from '../../shared/domain/ingest-records.ts';
import { fixedClock } from '../../shared/ports/clock.ts';
import type { Notifier, OutgoingMessage } from '../../shared/ports/notifier.ts';
import type { ReportPublisher } from '../../shared/ports/report-publisher.ts';
import {
  DigestDeliveryError,
  DigestWeekNotOverError,
  publishDigest,
} from '../../shared/use-cases/publish-digest.ts';
import {
  ALERT_STATES,
  acknowledgements,
  PREVIOUS,
  SOURCE_RUNS,
  scenarioCatalog,
  scenarioObservations,
} from './digest-scenario.ts';

/** Monday 2026-03-09 08:00 in Hanoi: week 2026-W10 has ended. */
const AFTER_THE_WEEK = '2026-03-09T01:00:00.000Z';

function recordingNotifier(failFor: ReadonlySet<string> = new Set()): Notifier & { sent: OutgoingMessage[] } {
  const sent: OutgoingMessage[] = [];
  return {
    sent,
    async send(message) {
      if (failFor.has(message.recipient)) throw new Error('SNS throttled');
      sent.push(message);
      return { messageId: `m-${sent.length}` };
    },
  };
}

function countingPublisher(inner: ReportPublisher): ReportPublisher & { calls: number } {
  const counter = {
    calls: 0,
    publish: async (key: string, html: string) => {
      counter.calls++;
      return inner.publish(key, html);
    },
  };
  return counter;
}

const quarantined = (receivedAt: string): QuarantinedRow => ({
  programme: 'demo',
  source: 'sheet-a',
  receivedAt,
  location: 'line 3',
  reason: 'value is not a number',
  row: { unit: 'C1', indicator: 'online', date: '2026-03-01', value: 'abc' },
});

describe('publishDigest with the embedded store', () => {
  const programme = buildProgramme(scenarioCatalog());
  let dataDir: string;
  let store: MemoryStore;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'dtwatch-digest-'));
    store = createMemoryStore();
    await store.putObservations('demo', scenarioObservations(), '2026-03-01T00:00:00.000Z');
    await store.putAlertStates('demo', ALERT_STATES);
    for (const ack of acknowledgements()) await store.putAcknowledgement(ack);
    for (const run of SOURCE_RUNS) await store.putSourceRun(run);
    await store.putQuarantined('demo', [
      quarantined('2026-03-03T05:00:00.000Z'),
      { ...quarantined('2026-03-05T05:00:00.000Z'), location: 'line 9' },
      { ...quarantined('2026-02-20T05:00:00.000Z'), location: 'line 4' },
    ]);
    await store.putDigestIfAbsent(PREVIOUS);
  });
  afterAll(async () => {
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses a week that has not ended on the programme’s clock', async () => {
    const notifier = recordingNotifier();
    // Sunday 23:30 in Hanoi.
    const clock = fixedClock('2026-03-08T16:30:00.000Z');
    await expect(
      publishDigest(programme, '2026-W10', { store: store, notifier, clock }),
    ).rejects.toBeInstanceOf(DigestWeekNotOverError);
    expect(notifier.sent).toEqual([]);
  });

  it('does not record the digest when an e-mail fails, and the retry sends only what is missing', async () => {
    const reports = join(dataDir, 'reports');
    const failing = recordingNotifier(new Set(['thu-ky@example.com']));
    const deps = {
      store: store,
      clock: fixedClock(AFTER_THE_WEEK),
      reportPublisher: createLocalReportPublisher(reports),
    };
    const error = await publishDigest(programme, undefined, { ...deps, notifier: failing }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DigestDeliveryError);
    expect((error as DigestDeliveryError).failed).toBe(1);
    expect(failing.sent.map((message) => message.recipient)).toEqual(['bcd@example.com']);
    expect(await store.getDigest('demo', '2026-W10')).toBeUndefined();

    const notifier = recordingNotifier();
    const publisher = countingPublisher(createLocalReportPublisher(reports));
    const result = await publishDigest(programme, undefined, {
      ...deps,
      notifier,
      reportPublisher: publisher,
    });
    expect(result).toMatchObject({
      outcome: 'published',
      week: '2026-W10',
      recipients: 2,
      sent: 1,
      alreadySent: 1,
    });
    expect(notifier.sent.map((message) => message.recipient)).toEqual(['thu-ky@example.com']);
    expect(publisher.calls).toBe(1);

    const message = notifier.sent[0] as OutgoingMessage;
    expect(message).toMatchObject({
      channel: 'email',
      kind: 'digest',
      programme: 'demo',
      runKey: 'digest:2026-W10',
    });
    expect(message.subject).toBe('[dtwatch] Bản tin tuần 2026-W10: 2 chỉ tiêu chậm tiến độ');
    const reportFile = join(reports, 'demo', '2026-W10', 'digest.html');
    expect(result.report?.location).toBe(reportFile);
    expect(message.body).toContain(`Báo cáo đầy đủ (biểu đồ): ${result.report?.url}`);
    expect(fileURLToPath(result.report?.url ?? '')).toBe(reportFile);
    expect(readFileSync(reportFile, 'utf8')).toBe(result.html);

    // The numbers come from the store: last week's record, alert states, runs, quarantine.
    expect(result.digest.headline.counts.map((count) => [count.status, count.count, count.change])).toEqual([
      ['no_data', 1, 0],
      ['stale', 1, 1],
      ['achieved', 1, 0],
      ['on_track', 5, 1],
      ['at_risk', 2, 0],
      ['behind', 2, -2],
    ]);
    expect(result.digest.league[1]?.movers.up.map((row) => row.unit)).toEqual(['C1']);
    expect(result.digest.alerts.opened.map((event) => event.unit)).toEqual(['C2']);
    expect(result.digest.alerts.overdue.map((item) => item.unit)).toEqual(['C3']);
    expect(result.digest.dataHealth.failingSources.map((source) => source.source)).toEqual(['sheet-a']);
    expect(result.digest.dataHealth.quarantinedRows).toBe(2);

    const record = await store.getDigest('demo', '2026-W10');
    expect(record).toMatchObject({
      programme: 'demo',
      week: '2026-W10',
      createdAt: AFTER_THE_WEEK,
      reportLocation: reportFile,
      statusCounts: { no_data: 1, stale: 1, achieved: 1, on_track: 5, at_risk: 2, behind: 2 },
      unitScores: { P: 0, C1: 1, C2: 0.5, C3: 0.5, C4: 0.5, C5: 0.5 },
    });
  });

  it('sends nothing and publishes nothing on a re-run of a recorded week', async () => {
    const notifier = recordingNotifier();
    const publisher = countingPublisher(createLocalReportPublisher(join(dataDir, 'again')));
    const result = await publishDigest(programme, '2026-W10', {
      store: store,
      notifier,
      clock: fixedClock('2026-03-10T01:00:00.000Z'),
      reportPublisher: publisher,
    });
    expect(result.outcome).toBe('already-published');
    expect(result.sent).toBe(0);
    expect(notifier.sent).toEqual([]);
    expect(publisher.calls).toBe(0);
    expect(existsSync(join(dataDir, 'again'))).toBe(false);
    // The renderings are still there for the CLI to write.
    expect(result.text).toContain('2026-W10');
    expect(result.csv).toContain('C1');
  });

  it('compares next week with the digest it recorded', async () => {
    const notifier = recordingNotifier();
    const result = await publishDigest(programme, '2026-W11', {
      store: store,
      notifier,
      clock: fixedClock('2026-03-16T01:00:00.000Z'),
      language: 'en',
    });
    expect(result.outcome).toBe('published');
    expect(result.report).toBeUndefined();
    expect(notifier.sent).toHaveLength(2);
    expect(notifier.sent[0]?.subject).toBe('[dtwatch] Weekly digest 2026-W11: 2 series behind');
    expect(notifier.sent[0]?.body).not.toContain('Full report');
    expect(result.digest.comparedWithLastWeek).toBe(true);
    // Same observations, a week later: C4's and P's statuses hold, so nothing moved.
    expect(result.digest.league.flatMap((level) => [...level.movers.up, ...level.movers.down])).toEqual([]);
  });
});

describe('publishDigest with the web app', () => {
  it('links the e-mail to the web app’s durable digest page instead of the publisher’s URL', async () => {
    const programme = buildProgramme(scenarioCatalog());
    const store = createMemoryStore();
    await store.putObservations('demo', scenarioObservations(), '2026-03-01T00:00:00.000Z');
    const notifier = recordingNotifier();
    const presigned: ReportPublisher = {
      publish: async (key) => ({
        location: `s3://reports/${key}`,
        url: `https://reports.example.com/${key}?X-Amz-Signature=x`,
      }),
    };
    await publishDigest(programme, '2026-W10', {
      store,
      notifier,
      clock: fixedClock(AFTER_THE_WEEK),
      reportPublisher: presigned,
      webBaseUrl: 'https://dtwatch.example.com/',
    });
    const [message] = notifier.sent;
    expect(message?.body).toContain('https://dtwatch.example.com/digests/2026-W10');
    expect(message?.body).not.toContain('X-Amz-Signature');
  });
});
