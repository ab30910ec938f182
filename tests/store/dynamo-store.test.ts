import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoStore, RETENTION_DAYS } from '../../shared/adapters/dynamodb/dynamo-store.ts';
import { quarantinePk, shardOf, sourceRunPk } from '../../shared/adapters/dynamodb/item-keys.ts';
import { RequestCounter } from '../../shared/adapters/dynamodb/request-counter.ts';
import { StoreWriteError } from '../../shared/adapters/dynamodb/store-errors.ts';
import { TTL_ATTRIBUTE } from '../../shared/adapters/dynamodb/table-definition.ts';
import type {
  AlertStateRecord,
  DigestRecord,
  LedgerKey,
  QuarantinedRow,
  SourceRun,
} from '../../shared/ports/store.ts';
import type { Observation } from '../../shared/snapshots/observation-rows.ts';
import { BACKENDS, type RunningBackend } from './store-backends.ts';
import { withUnprocessedItems } from './unprocessed-items.ts';

const DAY = 86_400;
const FAST_RETRY = { baseDelayMs: 1, maxDelayMs: 4 };

/** Month ends from January 2022: a series' dated values. */
function monthEnd(index: number): string {
  return new Date(Date.UTC(2022, index + 1, 0)).toISOString().slice(0, 10);
}

function grid(
  units: number,
  indicators: number,
  months: number,
  value = (month: number) => month,
): Observation[] {
  const observations: Observation[] = [];
  for (let unit = 0; unit < units; unit++) {
    for (let indicator = 0; indicator < indicators; indicator++) {
      for (let month = 0; month < months; month++) {
        observations.push({
          unit: `u${unit}`,
          indicator: `i${indicator}`,
          date: monthEnd(month),
          value: value(month),
        });
      }
    }
  }
  return observations;
}

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

  describe('observations', () => {
    it('adds nothing for the same value and a revision for a changed one', async () => {
      const programme = freshProgramme();
      const one = (value: number): Observation[] => [
        { unit: '42', indicator: 'dossiers', date: '2026-01-31', value },
      ];

      expect(await store.putObservations(programme, one(40), '2026-02-01T08:00:00Z')).toEqual({
        stored: 1,
        revised: 0,
        unchanged: 0,
      });
      expect(await store.putObservations(programme, one(40), '2026-02-02T08:00:00Z')).toEqual({
        stored: 0,
        revised: 0,
        unchanged: 1,
      });
      expect(await store.observationRevisions(programme, '42', 'dossiers', '2026-01-31')).toHaveLength(1);

      expect(await store.putObservations(programme, one(45), '2026-02-03T08:00:00Z')).toEqual({
        stored: 0,
        revised: 1,
        unchanged: 0,
      });
      // Two revisions received in the same instant must not overwrite each other.
      await store.putObservations(programme, one(46), '2026-02-03T08:00:00Z');

      const revisions = await store.observationRevisions(programme, '42', 'dossiers', '2026-01-31');
      expect(revisions.map((revision) => [revision.value, revision.receivedAt])).toEqual([
        [40, '2026-02-01T08:00:00Z'],
        [45, '2026-02-03T08:00:00Z'],
        [46, '2026-02-03T08:00:00Z'],
      ]);
      expect(await store.programmeObservations(programme)).toEqual([
        { unit: '42', indicator: 'dossiers', date: '2026-01-31', value: 46 },
      ]);
      expect(await store.latestObservation(programme, '42', 'dossiers')).toMatchObject({ value: 46 });
      expect(await store.observationRevisions(programme, '42', 'dossiers', '2026-02-28')).toEqual([]);
    });

    it('stores nothing new when the same batch arrives twice', async () => {
      const programme = freshProgramme();
      const batch = grid(4, 3, 12, (month) => month * 1.5);
      expect(await store.putObservations(programme, batch, '2026-03-01T00:00:00Z')).toEqual({
        stored: batch.length,
        revised: 0,
        unchanged: 0,
      });
      const counter = new RequestCounter().attach(running.client);
      try {
        expect(await store.putObservations(programme, batch, '2026-03-02T00:00:00Z')).toEqual({
          stored: 0,
          revised: 0,
          unchanged: batch.length,
        });
        expect(counter.counts().writeRequests).toBe(0);
      } finally {
        counter.detach(running.client);
      }
      expect(await store.programmeObservations(programme)).toHaveLength(batch.length);
    });

    it('keeps the later of two values for one (series, date) within a batch', async () => {
      const programme = freshProgramme();
      const result = await store.putObservations(
        programme,
        [
          { unit: '7', indicator: 'a', date: '2026-01-31', value: 1 },
          { unit: '7', indicator: 'a', date: '2026-01-31', value: 2 },
        ],
        '2026-02-01T00:00:00Z',
      );
      expect(result).toEqual({ stored: 1, revised: 0, unchanged: 0 });
      expect(await store.latestObservation(programme, '7', 'a')).toMatchObject({ value: 2 });
    });

    it('answers range queries inclusively and in date order', async () => {
      const programme = freshProgramme();
      await store.putObservations(programme, grid(2, 2, 12), '2026-01-01T00:00:00Z');
      const dates = async (range?: { from?: string; to?: string }) =>
        (await store.seriesObservations(programme, 'u1', 'i0', range)).map((observation) => observation.date);

      expect(await dates({ from: '2022-03-31', to: '2022-06-30' })).toEqual([
        '2022-03-31',
        '2022-04-30',
        '2022-05-31',
        '2022-06-30',
      ]);
      expect(await dates({ from: '2022-11-01' })).toEqual(['2022-11-30', '2022-12-31']);
      expect(await dates({ to: '2022-02-27' })).toEqual(['2022-01-31']);
      expect(await dates()).toHaveLength(12);
      expect(await dates({ from: '2023-01-01' })).toEqual([]);
      const [first] = await store.seriesObservations(programme, 'u1', 'i0', { to: '2022-01-31' });
      expect(first).toEqual({
        unit: 'u1',
        indicator: 'i0',
        date: '2022-01-31',
        value: 0,
        receivedAt: '2026-01-01T00:00:00Z',
      });
    });

    it('finds the latest observation of a series, and none for an unknown one', async () => {
      const programme = freshProgramme();
      await store.putObservations(programme, grid(1, 3, 5), '2026-01-01T00:00:00Z');
      expect(await store.latestObservation(programme, 'u0', 'i1')).toEqual({
        unit: 'u0',
        indicator: 'i1',
        date: monthEnd(4),
        value: 4,
        receivedAt: '2026-01-01T00:00:00Z',
      });
      expect(await store.latestObservation(programme, 'u0', 'nope')).toBeUndefined();
      expect(await store.latestObservation(programme, 'u9', 'i1')).toBeUndefined();
    });

    it('reads every series of a programme across many units, and only that programme', async () => {
      const programme = freshProgramme();
      const other = freshProgramme();
      const batch = grid(150, 3, 4);
      await store.putObservations(programme, batch, '2026-01-01T00:00:00Z');
      await store.putObservations(other, grid(3, 1, 1), '2026-01-01T00:00:00Z');
      const read = await store.programmeObservations(programme);
      const key = (observation: Observation) =>
        `${observation.unit}/${observation.indicator}/${observation.date}=${observation.value}`;
      expect(read.map(key).sort()).toEqual(batch.map(key).sort());
      // Within a series the values come in date order (the engine's fast path).
      const series = read.filter(
        (observation) => observation.unit === 'u7' && observation.indicator === 'i2',
      );
      expect(series.map((observation) => observation.date)).toEqual([0, 1, 2, 3].map(monthEnd));
    });

    it('writes one item per new observation: at most ⌈N/25⌉ + 2 write requests', async () => {
      const programme = freshProgramme();
      await store.putObservations(programme, grid(30, 4, 6), '2026-01-01T00:00:00Z');
      // Steady state: next month for every series, plus a few series seen for the first time.
      const next = grid(30, 4, 7).filter((observation) => observation.date === monthEnd(6));
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

    it('refuses ids that cannot be stored', async () => {
      await expect(
        store.putObservations(
          freshProgramme(),
          [{ unit: 'a#b', indicator: 'i', date: '2026-01-31', value: 1 }],
          '2026-02-01T00:00:00Z',
        ),
      ).rejects.toThrow(/cannot be stored/);
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

  describe('notification ledger', () => {
    const keyOf = (programme: string, recipient = '+84901234567'): LedgerKey => ({
      programme,
      runKey: '2026-11-21T08:00',
      recipient,
      channel: 'sms',
    });

    it('claims once, is busy within the lease, can be taken over after it, and stays sent', async () => {
      const key = keyOf(freshProgramme());
      expect(await store.claimNotification(key, '2026-11-21T08:00:00Z', 300)).toBe('claimed');
      expect(await store.claimNotification(key, '2026-11-21T08:01:00Z', 300)).toBe('busy');
      expect(await store.claimNotification(key, '2026-11-21T08:06:00Z', 300)).toBe('claimed');
      expect(await store.getNotification(key)).toMatchObject({
        state: 'pending',
        claimedAt: '2026-11-21T08:06:00.000Z',
      });

      await store.markNotificationSent(key, 'msg-1', '2026-11-21T08:06:05Z');
      expect(await store.claimNotification(key, '2026-11-22T08:00:00Z', 300)).toBe('sent');
      await store.releaseNotification(key); // never drops a sent entry
      expect(await store.getNotification(key)).toEqual({
        ...key,
        state: 'sent',
        claimedAt: '2026-11-21T08:06:00.000Z',
        sentAt: '2026-11-21T08:06:05.000Z',
        messageId: 'msg-1',
      });
    });

    it('lets the next attempt claim a released entry', async () => {
      const key = keyOf(freshProgramme());
      expect(await store.claimNotification(key, '2026-11-21T08:00:00Z', 300)).toBe('claimed');
      await store.releaseNotification(key);
      expect(await store.getNotification(key)).toBeUndefined();
      expect(await store.claimNotification(key, '2026-11-21T08:00:10Z', 300)).toBe('claimed');
    });

    it('gives exactly one of two concurrent claims', async () => {
      const key = keyOf(freshProgramme());
      const outcomes = await Promise.all([
        store.claimNotification(key, '2026-11-21T08:00:00Z', 300),
        store.claimNotification(key, '2026-11-21T08:00:00Z', 300),
      ]);
      expect(outcomes.sort()).toEqual(['busy', 'claimed']);
    });

    it('lists the entries of one run and keeps them 90 days', async () => {
      const programme = freshProgramme();
      const sms = keyOf(programme);
      const email: LedgerKey = { ...keyOf(programme, 'head@example.vn'), channel: 'email' };
      await store.claimNotification(sms, '2026-11-21T08:00:00Z', 300);
      await store.claimNotification(email, '2026-11-21T08:00:00Z', 300);
      await store.claimNotification({ ...sms, runKey: 'another-run' }, '2026-11-21T08:00:00Z', 300);
      const listed = await store.listNotifications(programme, sms.runKey);
      expect(listed.map((entry) => entry.channel).sort()).toEqual(['email', 'sms']);

      const [raw] = await rawPartition(`NOTE#${programme}#${sms.runKey}`);
      expect(raw?.[TTL_ATTRIBUTE]).toBe(epoch('2026-11-21T08:00:00Z') + RETENTION_DAYS.ledger * DAY);
    });
  });

  describe('digests', () => {
    it('puts a week once and reads it back', async () => {
      const programme = freshProgramme();
      const digest: DigestRecord = {
        programme,
        week: '2026-W47',
        createdAt: '2026-11-23T01:00:00Z',
        statusCounts: { no_data: 0, stale: 1, achieved: 1, on_track: 2, at_risk: 0, behind: 3 },
        unitScores: { '42': 0.5 },
      };
      expect(await store.putDigestIfAbsent(digest)).toBe(true);
      expect(await store.putDigestIfAbsent({ ...digest, createdAt: '2026-11-23T02:00:00Z' })).toBe(false);
      expect(await store.getDigest(programme, '2026-W47')).toEqual(digest);
      expect(await store.getDigest(programme, '2026-W48')).toBeUndefined();
    });
  });

  describe('acknowledgements and alert states', () => {
    it('puts, lists and removes acknowledgements, unit-wide ones included', async () => {
      const programme = freshProgramme();
      const base = {
        programme,
        until: '2026-12-31',
        note: 'data system down',
        by: 'ops',
        createdAt: '2026-11-21T00:00:00Z',
      };
      await store.putAcknowledgement({ ...base, unit: '42' });
      await store.putAcknowledgement({ ...base, unit: '42', indicator: 'dossiers' });
      await store.putAcknowledgement({ ...base, unit: '42', indicator: 'dossiers', until: '2027-01-15' });
      const listed = await store.listAcknowledgements(programme);
      expect(listed).toHaveLength(2);
      expect(listed.find((ack) => ack.indicator === 'dossiers')?.until).toBe('2027-01-15');
      expect(listed.find((ack) => ack.indicator === undefined)).toEqual({ ...base, unit: '42' });

      expect(await store.removeAcknowledgement(programme, '42', 'dossiers')).toBe(true);
      expect(await store.removeAcknowledgement(programme, '42', 'dossiers')).toBe(false);
      expect(await store.removeAcknowledgement(programme, '42')).toBe(true);
      expect(await store.listAcknowledgements(programme)).toEqual([]);
    });

    it('stores alert states per series and kind, across units, overwriting on change', async () => {
      const programme = freshProgramme();
      const state = (
        unit: string,
        kind: AlertStateRecord['kind'],
        escalationLevel = 0,
      ): AlertStateRecord => ({
        programme,
        unit,
        indicator: 'dossiers',
        kind,
        state: 'open',
        openedAt: '2026-11-01T00:00:00Z',
        escalationLevel,
        lastStatus: 'behind',
        history: [{ at: '2026-11-01T00:00:00Z', event: 'opened' }],
      });
      const units = Array.from({ length: 40 }, (_, index) => `u${index}`);
      await store.putAlertStates(programme, [
        ...units.map((unit) => state(unit, 'behind')),
        state('u0', 'stale'),
      ]);
      await store.putAlertStates(programme, [state('u3', 'behind', 2)]);
      const listed = await store.listAlertStates(programme);
      expect(listed).toHaveLength(41);
      expect(listed.find((record) => record.unit === 'u3')?.escalationLevel).toBe(2);
      expect(listed.find((record) => record.unit === 'u0' && record.kind === 'stale')).toEqual(
        state('u0', 'stale'),
      );
    });
  });

  describe('ingestion bookkeeping', () => {
    const run = (
      programme: string,
      source: string,
      startedAt: string,
      outcome: SourceRun['outcome'] = 'ok',
    ): SourceRun => ({
      programme,
      source,
      startedAt,
      finishedAt: new Date(Date.parse(startedAt) + 5_000).toISOString(),
      outcome,
      rowsOk: 10,
      rowsRejected: 0,
      rowsUnchanged: 0,
    });

    it('lists source runs newest first, per programme and per source, and keeps them 400 days', async () => {
      const programme = freshProgramme();
      await store.putSourceRun(run(programme, 'portal', '2026-11-01T00:00:00Z'));
      await store.putSourceRun(run(programme, 'csv-drop', '2026-11-02T00:00:00Z', 'partial'));
      await store.putSourceRun({
        ...run(programme, 'portal', '2026-11-03T00:00:00Z', 'failed'),
        error: 'HTTP 500',
      });
      await store.putSourceRun(run(freshProgramme(), 'portal', '2026-11-04T00:00:00Z'));

      const all = await store.listSourceRuns(programme);
      expect(all.map((entry) => [entry.source, entry.outcome])).toEqual([
        ['portal', 'failed'],
        ['csv-drop', 'partial'],
        ['portal', 'ok'],
      ]);
      expect(all[0]).toEqual({
        ...run(programme, 'portal', '2026-11-03T00:00:00Z', 'failed'),
        error: 'HTTP 500',
      });
      const portal = await store.listSourceRuns(programme, { source: 'portal' });
      expect(portal.map((entry) => entry.startedAt)).toEqual([
        '2026-11-03T00:00:00Z',
        '2026-11-01T00:00:00Z',
      ]);
      expect(await store.listSourceRuns(programme, { limit: 2 })).toHaveLength(2);
      expect(await store.listSourceRuns(programme, { source: 'portal', limit: 1 })).toHaveLength(1);

      const [raw] = await rawPartition(sourceRunPk(programme));
      expect(typeof raw?.[TTL_ATTRIBUTE]).toBe('number');
      const finished = raw?.finishedAt as string;
      expect(raw?.[TTL_ATTRIBUTE]).toBe(epoch(finished) + RETENTION_DAYS.sourceRun * DAY);
    });

    it('lists quarantined rows newest first, idempotently, and keeps them 180 days', async () => {
      const programme = freshProgramme();
      const row = (receivedAt: string, line: number): QuarantinedRow => ({
        programme,
        source: 'upload.csv',
        receivedAt,
        location: `line ${line}`,
        reason: 'unknown unit "99"',
        row: { unit: '99', indicator: 'dossiers', date: '2026-01-31', value: '4' },
      });
      const older = [row('2026-11-01T00:00:00Z', 2), row('2026-11-01T00:00:00Z', 3)];
      const newer = [row('2026-11-02T00:00:00Z', 7)];
      await store.putQuarantined(programme, older);
      await store.putQuarantined(programme, older); // a retried batch
      await store.putQuarantined(programme, newer);
      const listed = await store.listQuarantined(programme);
      expect(listed).toHaveLength(3);
      expect(listed[0]).toEqual(newer[0]);
      expect(await store.listQuarantined(programme, { limit: 1 })).toEqual(newer);

      // The same bad row delivered again later is the same quarantined row, seen more recently.
      const again = row('2026-11-03T00:00:00Z', 2);
      await store.putQuarantined(programme, [again]);
      const relisted = await store.listQuarantined(programme);
      expect(relisted).toHaveLength(3);
      expect(relisted[0]).toEqual(again);

      const raw = await rawPartition(quarantinePk(programme));
      for (const item of raw) {
        expect(item[TTL_ATTRIBUTE]).toBe(epoch(item.receivedAt as string) + RETENTION_DAYS.quarantine * DAY);
      }
    });

    it('puts no TTL on long-lived items', async () => {
      const programme = freshProgramme();
      await store.putObservations(programme, grid(1, 1, 1), '2026-01-01T00:00:00Z');
      const [observation] = await rawPartition(`OBS#${programme}#${shardOf('u0')}`);
      expect(observation).toBeDefined();
      expect(observation?.[TTL_ATTRIBUTE]).toBeUndefined();
      const digest = {
        programme,
        week: '2026-W01',
        createdAt: '2026-01-05T00:00:00Z',
        statusCounts: {},
        unitScores: {},
      };
      await store.putDigestIfAbsent(digest as unknown as DigestRecord);
      expect((await rawItem(`DIGEST#${programme}`, '2026-W01'))?.[TTL_ATTRIBUTE]).toBeUndefined();
    });
  });
});
