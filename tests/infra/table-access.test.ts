import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TABLE_ACCESS, type TableUser } from '../../infra/table-access.ts';
import { createLocalReportPublisher } from '../../shared/adapters/local-report-publisher.ts';
import { type OpenedStore, openStore } from '../../shared/adapters/open-store.ts';
import { buildProgramme } from '../../shared/catalog/programme.ts';
import { DEFAULT_SUBSCRIPTION_QUOTAS } from '../../shared/directory/subscription-plan.ts';
import { type PersonDetails, seatOf } from '../../shared/domain/person.ts';
import { fixedClock } from '../../shared/ports/clock.ts';
import type { Notifier } from '../../shared/ports/notifier.ts';
import { evaluateAndNotify } from '../../shared/use-cases/evaluate-and-notify.ts';
import { ingestSnapshotFile } from '../../shared/use-cases/ingest.ts';
import { publishDigest } from '../../shared/use-cases/publish-digest.ts';
import { syncSubscriptions } from '../../shared/use-cases/sync-subscriptions.ts';
import {
  ALERT_STATES,
  acknowledgements,
  PREVIOUS,
  SOURCE_RUNS,
  scenarioCatalog,
  scenarioObservations,
} from '../digest/digest-scenario.ts';

/**
 * The IAM grants of infra/table-access.ts against what the use-cases really send: each function's
 * use-case runs on the embedded store, every request is recorded with the partition keys it
 * names, and each must be an action granted on that item kind. A use-case that starts using a new
 * action or item kind fails here before it fails in AWS with AccessDenied.
 */

interface Request {
  readonly action: string;
  readonly partitions: string[];
}

function record(client: DynamoDBClient): { requests: Request[]; stop: () => void } {
  const requests: Request[] = [];
  const name = 'recordTableRequests';
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const text = JSON.stringify(args.input);
      const partitions = [...text.matchAll(/"(?:pk|:pk)":(?:\{"S":)?"([^"]+)"/g)].map(
        (match) => match[1] as string,
      );
      requests.push({ action: String(context.commandName).replace(/Command$/, ''), partitions });
      return next(args);
    },
    { step: 'initialize', name },
  );
  return { requests, stop: () => client.middlewareStack.remove(name) };
}

function refused(user: TableUser, requests: readonly Request[]): string[] {
  return requests.flatMap(({ action, partitions }) => {
    const kinds = [...new Set(partitions.map((pk) => pk.split('#')[0] as string))];
    const allowed = kinds.every((kind) =>
      TABLE_ACCESS[user].some(
        (grant) => grant.actions.includes(action) && grant.kinds.includes(kind as never),
      ),
    );
    return allowed && partitions.length > 0 ? [] : [`${action} on ${partitions.join(', ') || '(no key)'}`];
  });
}

const silentNotifier: Notifier = {
  async send() {
    return { messageId: 'm' };
  },
};

describe('each function’s table grants cover what its use-case sends', () => {
  const programme = buildProgramme(scenarioCatalog());
  let dataDir: string;
  let opened: OpenedStore;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'dtwatch-grants-'));
    opened = await openStore({ dataDir: join(dataDir, 'store'), env: {} });
    const { store } = opened;
    await store.putObservations('demo', scenarioObservations(), '2026-03-01T00:00:00.000Z');
    await store.putAlertStates('demo', ALERT_STATES);
    for (const ack of acknowledgements()) await store.putAcknowledgement(ack);
    for (const run of SOURCE_RUNS) await store.putSourceRun(run);
    await store.putDigestIfAbsent(PREVIOUS);
  });
  afterAll(async () => {
    await opened?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('ingest (and s3-inbox, the same use-case): new values, revisions, a quarantined row, a run record', async () => {
    const rows = scenarioObservations().map(
      (row) => `${row.unit},${row.indicator},${row.date},${row.value + 1}`,
    );
    const csv = ['unit,indicator,date,value', ...rows, 'C1,online,2026-03-01,abc'].join('\n');
    const recorder = record(opened.client);
    const report = await ingestSnapshotFile(programme, new TextEncoder().encode(csv), 'upload.csv', {
      store: opened.store,
      clock: fixedClock('2026-03-07T01:00:00.000Z'),
      runKey: '2026-03-07',
    });
    recorder.stop();
    expect(report.run.rowsRejected).toBeGreaterThanOrEqual(1);
    expect(new Set(recorder.requests.map((request) => request.action))).toEqual(
      new Set(['BatchGetItem', 'BatchWriteItem', 'PutItem']),
    );
    expect(refused('ingest', recorder.requests)).toEqual([]);
    expect(refused('s3-inbox', recorder.requests)).toEqual([]);
  });

  it('evaluate-notify: the subscription sync over the directory, then the alert run', async () => {
    const clock = fixedClock('2026-03-09T01:00:00.000Z');
    const head: PersonDetails = {
      role: 'head',
      unit: 'C1',
      indicator: '',
      name: 'Chủ tịch xã (mẫu)',
      email: 'head-c1@example.com',
    };
    await opened.directory.putTenures('demo', [
      {
        ...head,
        programme: 'demo',
        seat: seatOf(head),
        validFrom: '2025-01-01',
        recordedAt: '2026-03-01T00:00:00.000Z',
      },
    ]);
    const recorder = record(opened.client);
    await syncSubscriptions(programme, {
      directory: opened.directory,
      subscriptions: {
        list: async () => [],
        subscribe: async () => 'pending' as const,
        unsubscribe: async () => {},
      },
      clock,
      shardOf: () => 0,
      quotas: DEFAULT_SUBSCRIPTION_QUOTAS,
    });
    const counts = await evaluateAndNotify(programme, '2026-03-09', {
      store: opened.store,
      directory: opened.directory,
      mutes: opened.mutes,
      finalRecords: opened.finalRecords,
      audit: opened.auditTrail,
      notifier: silentNotifier,
      clock,
    });
    recorder.stop();
    expect(counts.finalRecords).toBeGreaterThan(0);
    const touched = new Set(recorder.requests.flatMap((request) => request.partitions));
    expect([...touched].some((pk) => pk.startsWith('PEOPLE#'))).toBe(true);
    expect([...touched].some((pk) => pk.startsWith('FINAL#'))).toBe(true);
    expect(touched.has('EMAILSUB')).toBe(true);
    expect(touched.has('EMAILWANT')).toBe(true);
    // The policy reads the mutes and the source runs (a source down holds overdue alerts back).
    expect(touched.has('MUTE#demo')).toBe(true);
    expect(touched.has('RUN#demo')).toBe(true);
    expect(refused('evaluate-notify', recorder.requests)).toEqual([]);
  });

  it('digest', async () => {
    const recorder = record(opened.client);
    const result = await publishDigest(programme, undefined, {
      store: opened.store,
      finalRecords: opened.finalRecords,
      audit: opened.auditTrail,
      directory: opened.directory,
      notifier: silentNotifier,
      clock: fixedClock('2026-03-09T01:00:00.000Z'),
      reportPublisher: createLocalReportPublisher(join(dataDir, 'reports')),
    });
    recorder.stop();
    expect(result.outcome).toBe('published');
    expect(result.sent).toBeGreaterThan(0);
    expect(
      recorder.requests.some((request) => request.partitions.some((pk) => pk.startsWith('AUDIT#'))),
    ).toBe(true);
    expect(refused('digest', recorder.requests)).toEqual([]);
  });
});
