import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoStore, RETENTION_DAYS } from '../../shared/adapters/dynamodb/dynamo-store.ts';
import {
  alertPk,
  ledgerPk,
  observationPk,
  quarantinePk,
  shardOf,
  sourceRunPk,
} from '../../shared/adapters/dynamodb/item-keys.ts';
import { RequestCounter } from '../../shared/adapters/dynamodb/request-counter.ts';
import { StoreReadError, StoreWriteError } from '../../shared/adapters/dynamodb/store-errors.ts';
import { TTL_ATTRIBUTE } from '../../shared/adapters/dynamodb/table-definition.ts';
import type { DigestRecord } from '../../shared/digest/digest-record.ts';
import type { QuarantinedRow, SourceRun } from '../../shared/domain/ingest-records.ts';
import { grid } from './contract/observation-grid.ts';
import { BACKENDS, type RunningBackend } from './store-backends.ts';
import { withUnprocessedItems } from './unprocessed-items.ts';

/**
 * What only the DynamoDB adapter promises: request counts, batch retries, TTLs and loud failures
 * on corrupt items. The behaviour every adapter shares is in contract/store-contract.ts.
 */
const DAY = 86_400;
const FAST_RETRY = { baseDelayMs: 1, maxDelayMs: 4 };

const epoch = (iso: string) => Math.floor(Date.parse(iso) / 1000);

describe.each(BACKENDS)('DynamoStore on $name', (backend) => {
  let running: RunningBackend;
  let store: DynamoStore;
  let programmes = 0;
  /** Every test writes to its own programme, so tests share one table without interfering. */
  const freshProgramme = () => `p${++programmes}`;

  beforeAll(async () => {
    running = await backend.start();
    store = new DynamoStore({
      client: running.documents,
      tableName: running.tableName,
      batchRetry: FAST_RETRY,
    });
  });
  afterAll(async () => {
    await running?.stop();
  });

  const rawItem = async (pk: string, sk: string) =>
    (await running.documents.send(new GetCommand({ TableName: running.tableName, Key: { pk, sk } }))).Item;
  const rawPartition = async (pk: string) =>
    (
      await running.documents.send(
        new QueryCommand({
          TableName: running.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': pk },
        }),
      )
    ).Items ?? [];

  describe('requests', () => {
    it('writes nothing when the same batch arrives again', async () => {
      const programme = freshProgramme();
      const batch = grid(4, 3, 12, (month) => month * 1.5);
      await store.putObservations(programme, batch, '2026-03-01T00:00:00Z');
      const counter = new RequestCounter().attach(running.client);
      try {
        expect((await store.putObservations(programme, batch, '2026-03-02T00:00:00Z')).unchanged).toBe(
          batch.length,
        );
        expect(counter.counts().writeRequests).toBe(0);
      } finally {
        counter.detach(running.client);
      }
    });

    it('writes one item per new observation: at most ⌈N/25⌉ + 2 write requests', async () => {
      const programme = freshProgramme();
      await store.putObservations(programme, grid(30, 4, 6), '2026-01-01T00:00:00Z');
      // Steady state: next month for every series, plus a few series seen for the first time.
      const next = grid(30, 4, 7).filter((observation) => observation.date === '2022-07-31');
      const fresh = grid(33, 4, 2).filter((observation) => Number(observation.unit.slice(1)) >= 30);
      const batch = [...next, ...fresh];
      const counter = new RequestCounter().attach(running.client);
      try {
        const result = await store.putObservations(programme, batch, '2026-02-01T00:00:00Z');
        expect(result.stored).toBe(batch.length);
        const counts = counter.counts();
        expect(counts.writeRequests).toBeLessThanOrEqual(Math.ceil(batch.length / 25) + 2);
        expect(counts.requests.BatchWriteItem).toBe(Math.ceil(batch.length / 25));
      } finally {
        counter.detach(running.client);
      }
    });

    it('reads a programme spread over all 16 shards', async () => {
      const programme = freshProgramme();
      const batch = grid(150, 3, 4);
      await store.putObservations(programme, batch, '2026-01-01T00:00:00Z');
      expect(new Set(batch.map((observation) => shardOf(observation.unit))).size).toBe(16);
      expect(await store.programmeObservations(programme)).toHaveLength(batch.length);
    });
  });

  describe('batch writes under throttling', () => {
    it('retries UnprocessedItems until everything is stored', async () => {
      const programme = freshProgramme();
      const throttled = withUnprocessedItems(running.documents, running.tableName, { partialResponses: 2 });
      const throttledStore = new DynamoStore({
        client: throttled.client,
        tableName: running.tableName,
        batchRetry: FAST_RETRY,
      });
      const batch = grid(1, 1, 60); // 3 requests of 25, 25 and 10 items
      expect(await throttledStore.putObservations(programme, batch, '2026-01-01T00:00:00Z')).toMatchObject({
        stored: 60,
      });
      expect(throttled.batchWrites()).toBe(3 + 2);
      expect(await store.programmeObservations(programme)).toHaveLength(60);
    });

    it('throws StoreWriteError when the retry budget is spent, reporting nothing as stored', async () => {
      const programme = freshProgramme();
      const refusing = withUnprocessedItems(running.documents, running.tableName, { refuseAll: true });
      const refusingStore = new DynamoStore({
        client: refusing.client,
        tableName: running.tableName,
        batchRetry: { ...FAST_RETRY, maxAttempts: 3 },
        concurrency: 1,
      });
      const failure = await refusingStore
        .putObservations(programme, grid(1, 1, 60), '2026-01-01T00:00:00Z')
        .then(
          () => undefined,
          (error: unknown) => error,
        );
      expect(failure).toBeInstanceOf(StoreWriteError);
      expect((failure as StoreWriteError).unprocessedItems).toBe(60);
      expect(refusing.batchWrites()).toBe(3);
      expect(await store.programmeObservations(programme)).toEqual([]);
    });
  });

  describe('items read back are checked', () => {
    const put = (item: Record<string, unknown>) =>
      running.documents.send(new PutCommand({ TableName: running.tableName, Item: item }));
    const failureOf = (read: Promise<unknown>) =>
      read.then(
        () => undefined,
        (error: unknown) => error,
      );

    it('names the key and field of a corrupt observation, alert state and ledger entry', async () => {
      const programme = freshProgramme();
      await put({ pk: observationPk(programme, 'u1'), sk: 'u1#i1#2026-01-31', v: 'forty' });
      const observation = await failureOf(store.programmeObservations(programme));
      expect(observation).toBeInstanceOf(StoreReadError);
      expect((observation as Error).message).toBe(
        `corrupt item pk="${observationPk(programme, 'u1')}" sk="u1#i1#2026-01-31": field "v" Invalid input: expected number, received string`,
      );

      await put({
        pk: alertPk(programme, 'u1'),
        sk: 'u1#i1#behind',
        record: { programme, unit: 'u1', indicator: 'i1', kind: 'behind', state: 'opened' },
      });
      const alert = await failureOf(store.listAlertStates(programme));
      expect(alert).toBeInstanceOf(StoreReadError);
      expect((alert as Error).message).toMatch(
        /^corrupt item pk="ALERT#.*" sk="u1#i1#behind": field "state" /,
      );

      await put({
        pk: ledgerPk(programme, 'r1'),
        sk: 'sms#+84900000999',
        programme,
        runKey: 'r1',
        state: 'sent',
      });
      const ledger = await failureOf(store.listNotifications(programme, 'r1'));
      expect(ledger).toBeInstanceOf(StoreReadError);
      // The key holds the recipient: masked, as everywhere a message may reach a log.
      expect((ledger as Error).message).toMatch(/sk="sms#\+8490\*\*\*\*999": field "recipient" /);
    });
  });

  describe('time to live', () => {
    const run = (programme: string, startedAt: string): SourceRun => ({
      programme,
      source: 'portal',
      startedAt,
      finishedAt: new Date(Date.parse(startedAt) + 5_000).toISOString(),
      outcome: 'ok',
      rowsOk: 10,
      rowsRejected: 0,
      rowsUnchanged: 0,
    });

    it('keeps ledger entries 90 days, source runs 400 days and quarantined rows 180 days', async () => {
      const programme = freshProgramme();
      const key = { programme, runKey: 'r1', recipient: '+84900000123', channel: 'sms' as const };
      await store.claimNotification(key, { at: '2026-11-21T08:00:00Z', leaseSeconds: 300, sender: 'a' });
      const [ledger] = await rawPartition(ledgerPk(programme, 'r1'));
      expect(ledger?.[TTL_ATTRIBUTE]).toBe(epoch('2026-11-21T08:00:00Z') + RETENTION_DAYS.ledger * DAY);

      await store.putSourceRun(run(programme, '2026-11-01T00:00:00Z'));
      const [raw] = await rawPartition(sourceRunPk(programme));
      expect(raw?.[TTL_ATTRIBUTE]).toBe(epoch(raw?.finishedAt as string) + RETENTION_DAYS.sourceRun * DAY);

      const row: QuarantinedRow = {
        programme,
        source: 'upload.csv',
        receivedAt: '2026-11-01T00:00:00Z',
        location: 'line 2',
        reason: 'unknown unit "99"',
        row: { unit: '99' },
      };
      await store.putQuarantined(programme, [row]);
      for (const item of await rawPartition(quarantinePk(programme))) {
        expect(item[TTL_ATTRIBUTE]).toBe(epoch(item.receivedAt as string) + RETENTION_DAYS.quarantine * DAY);
      }
    });

    it('puts no TTL on long-lived items', async () => {
      const programme = freshProgramme();
      await store.putObservations(programme, grid(1, 1, 1), '2026-01-01T00:00:00Z');
      const [observation] = await rawPartition(`OBS#${programme}#${shardOf('u0')}`);
      expect(observation).toBeDefined();
      expect(observation?.[TTL_ATTRIBUTE]).toBeUndefined();
      const digest: DigestRecord = {
        programme,
        week: '2026-W01',
        createdAt: '2026-01-05T00:00:00Z',
        statusCounts: { no_data: 0, stale: 0, achieved: 0, on_track: 0, at_risk: 0, behind: 0 },
        unitScores: {},
      };
      await store.putDigestIfAbsent(digest);
      expect((await rawItem(`DIGEST#${programme}`, '2026-W01'))?.[TTL_ATTRIBUTE]).toBeUndefined();
    });
  });
});
