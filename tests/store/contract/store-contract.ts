import { describe, expect, it } from 'vitest';
import type { AlertStateRecord } from '../../../shared/alerts/alert-state.ts';
import type { DigestRecord } from '../../../shared/digest/digest-record.ts';
import type { QuarantinedRow, SourceRun } from '../../../shared/domain/ingest-records.ts';
import type { LedgerKey } from '../../../shared/domain/notification-ledger-entry.ts';
import { InvalidInputError } from '../../../shared/errors.ts';
import type { StoreSet } from '../../../shared/ports/store-set.ts';
import type { Observation } from '../../../shared/snapshots/observation-rows.ts';
import { grid, monthEnd } from './observation-grid.ts';

/** What the contract needs from a store under test besides its ports. */
export interface ContractSubject {
  readonly store: StoreSet;
  /** Every value received for one (series, date), oldest first (no port reads this). */
  revisions(
    programme: string,
    unit: string,
    indicator: string,
    date: string,
  ): Promise<{ value: number; receivedAt: string }[]>;
}

/**
 * The behaviour every storage adapter promises through the ports (shared/ports/*): the DynamoDB
 * table on dynalite and moto, and the in-memory twins, run this same suite. `subject()` is
 * called per test; each test writes to its own programme, so a shared table does not interfere.
 */
export function describeStoreContract(name: string, subject: () => ContractSubject): void {
  let programmes = 0;
  const freshProgramme = () => `contract-${name}-${++programmes}-${Math.random().toString(36).slice(2, 8)}`;

  describe(`storage contract on ${name}`, () => {
    describe('observations', () => {
      it('adds nothing for the same value and a revision for a changed one', async () => {
        const { store, revisions } = subject();
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
        expect(await revisions(programme, '42', 'dossiers', '2026-01-31')).toHaveLength(1);
        expect(await store.putObservations(programme, one(45), '2026-02-03T08:00:00Z')).toEqual({
          stored: 0,
          revised: 1,
          unchanged: 0,
        });
        // Two revisions received in the same instant must not overwrite each other.
        await store.putObservations(programme, one(46), '2026-02-03T08:00:00Z');
        const history = await revisions(programme, '42', 'dossiers', '2026-01-31');
        expect(history.map((revision) => [revision.value, revision.receivedAt])).toEqual([
          [40, '2026-02-01T08:00:00Z'],
          [45, '2026-02-03T08:00:00Z'],
          [46, '2026-02-03T08:00:00Z'],
        ]);
        expect(await store.programmeObservations(programme)).toEqual([
          { unit: '42', indicator: 'dossiers', date: '2026-01-31', value: 46 },
        ]);
        expect(await revisions(programme, '42', 'dossiers', '2026-02-28')).toEqual([]);
      });

      it('stores nothing new when the same batch arrives twice', async () => {
        const { store } = subject();
        const programme = freshProgramme();
        const batch = grid(4, 3, 12, (month) => month * 1.5);
        expect(await store.putObservations(programme, batch, '2026-03-01T00:00:00Z')).toEqual({
          stored: batch.length,
          revised: 0,
          unchanged: 0,
        });
        expect(await store.putObservations(programme, batch, '2026-03-02T00:00:00Z')).toEqual({
          stored: 0,
          revised: 0,
          unchanged: batch.length,
        });
        expect(await store.programmeObservations(programme)).toHaveLength(batch.length);
      });

      it('keeps the later of two values for one (series, date) within a batch', async () => {
        const { store } = subject();
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
        expect(await store.programmeObservations(programme)).toEqual([
          { unit: '7', indicator: 'a', date: '2026-01-31', value: 2 },
        ]);
      });

      /** 40 units × 3 indicators × 4 months in a programme, and another programme beside it. */
      const twoProgrammes = async (store: StoreSet) => {
        const programme = freshProgramme();
        const batch = grid(40, 3, 4);
        await store.putObservations(programme, batch, '2026-01-01T00:00:00Z');
        await store.putObservations(freshProgramme(), grid(3, 1, 1), '2026-01-01T00:00:00Z');
        return { programme, batch };
      };

      it('reads every series of a programme across many units, in date order, and only that programme', async () => {
        const { store } = subject();
        const { programme, batch } = await twoProgrammes(store);
        const read = await store.programmeObservations(programme);
        const key = (o: Observation) => `${o.unit}/${o.indicator}/${o.date}=${o.value}`;
        expect(read.map(key).sort()).toEqual(batch.map(key).sort());
        // Within a series the values come in date order (the engine's fast path).
        const series = read.filter((o) => o.unit === 'u7' && o.indicator === 'i2');
        expect(series.map((o) => o.date)).toEqual([0, 1, 2, 3].map(monthEnd));
      });

      it('reads the same values partition by partition, each unit whole in one partition', async () => {
        const { store } = subject();
        const { programme, batch } = await twoProgrammes(store);
        const partitions: (readonly Observation[])[] = [];
        for await (const partition of store.observationPartitions(programme)) partitions.push(partition);
        expect(partitions.length).toBeGreaterThan(1);
        const read = partitions.flat();
        const key = (o: Observation) => `${o.unit}/${o.indicator}/${o.date}=${o.value}`;
        expect(read.map(key).sort()).toEqual(batch.map(key).sort());
        const partitionOf = new Map<string, number>();
        for (const [index, partition] of partitions.entries()) {
          for (const { unit } of partition) {
            expect(partitionOf.get(unit) ?? index).toBe(index);
            partitionOf.set(unit, index);
          }
        }
        const series = read.filter((o) => o.unit === 'u7' && o.indicator === 'i2');
        expect(series.map((o) => o.date)).toEqual([0, 1, 2, 3].map(monthEnd));
        const empty: unknown[] = [];
        for await (const partition of store.observationPartitions(freshProgramme())) empty.push(partition);
        expect(empty).toEqual([]);
      });

      it('refuses ids and timestamps that cannot be stored, storing nothing', async () => {
        const { store } = subject();
        const programme = freshProgramme();
        const bad = [{ unit: 'a#b', indicator: 'i', date: '2026-01-31', value: 1 }];
        await expect(store.putObservations(programme, bad, '2026-02-01T00:00:00Z')).rejects.toBeInstanceOf(
          InvalidInputError,
        );
        const good = [{ unit: 'a', indicator: 'i', date: '2026-01-31', value: 1 }];
        await expect(store.putObservations(programme, good, 'yesterday')).rejects.toThrow(/ISO-8601/);
        expect(await store.programmeObservations(programme)).toEqual([]);
      });
    });

    describe('notification ledger', () => {
      const keyOf = (programme: string, recipient = '+84900000123'): LedgerKey => ({
        programme,
        runKey: '2026-11-21',
        recipient,
        channel: 'sms',
      });
      const claim = (at: string, sender = 'run-a', leaseSeconds = 300) => ({ at, leaseSeconds, sender });

      it('claims once, is busy for another sender within the lease, taken over after it, and stays sent', async () => {
        const { store } = subject();
        const key = keyOf(freshProgramme());
        expect(await store.claimNotification(key, claim('2026-11-21T08:00:00Z'))).toBe('claimed');
        expect(await store.claimNotification(key, claim('2026-11-21T08:01:00Z', 'run-b'))).toBe('busy');
        expect(await store.claimNotification(key, claim('2026-11-21T08:06:00Z', 'run-b'))).toBe('claimed');
        const [pending] = await store.listNotifications(key.programme, key.runKey);
        expect(pending).toMatchObject({
          state: 'pending',
          claimedAt: '2026-11-21T08:06:00.000Z',
          sender: 'run-b',
        });

        await store.markNotificationSent(key, 'msg-1', '2026-11-21T08:06:05Z');
        expect(await store.claimNotification(key, claim('2026-11-22T08:00:00Z', 'run-b'))).toBe('sent');
        await store.releaseNotification(key); // never drops a sent entry
        expect(await store.listNotifications(key.programme, key.runKey)).toEqual([
          {
            ...key,
            state: 'sent',
            claimedAt: '2026-11-21T08:06:00.000Z',
            sender: 'run-b',
            sentAt: '2026-11-21T08:06:05.000Z',
            messageId: 'msg-1',
          },
        ]);
      });

      it('lets the same sender take its own pending claim over at once (a retry of a crashed attempt)', async () => {
        const { store } = subject();
        const key = keyOf(freshProgramme());
        expect(await store.claimNotification(key, claim('2026-11-21T08:00:00Z', 'execution-1'))).toBe(
          'claimed',
        );
        expect(await store.claimNotification(key, claim('2026-11-21T08:00:30Z', 'execution-2'))).toBe('busy');
        expect(await store.claimNotification(key, claim('2026-11-21T08:00:30Z', 'execution-1'))).toBe(
          'claimed',
        );
        const [entry] = await store.listNotifications(key.programme, key.runKey);
        expect(entry).toMatchObject({ claimedAt: '2026-11-21T08:00:30.000Z', sender: 'execution-1' });
      });

      it('takes over any pending claim with a lease of 0, and never a sent one', async () => {
        const { store } = subject();
        const key = keyOf(freshProgramme());
        await store.claimNotification(key, claim('2026-11-21T08:00:00Z', 'a'));
        expect(await store.claimNotification(key, claim('2026-11-21T08:00:00Z', 'b', 0))).toBe('claimed');
        await store.markNotificationSent(key, 'msg-2', '2026-11-21T08:00:01Z');
        expect(await store.claimNotification(key, claim('2026-11-21T08:00:02Z', 'c', 0))).toBe('sent');
      });

      it('lets the next attempt claim a released entry', async () => {
        const { store } = subject();
        const key = keyOf(freshProgramme());
        expect(await store.claimNotification(key, claim('2026-11-21T08:00:00Z'))).toBe('claimed');
        await store.releaseNotification(key);
        expect(await store.listNotifications(key.programme, key.runKey)).toEqual([]);
        expect(await store.claimNotification(key, claim('2026-11-21T08:00:10Z', 'run-b'))).toBe('claimed');
      });

      it('gives exactly one of two concurrent claims by different senders', async () => {
        const { store } = subject();
        const key = keyOf(freshProgramme());
        const outcomes = await Promise.all([
          store.claimNotification(key, claim('2026-11-21T08:00:00Z', 'run-a')),
          store.claimNotification(key, claim('2026-11-21T08:00:00Z', 'run-b')),
        ]);
        expect(outcomes.sort()).toEqual(['busy', 'claimed']);
      });

      it('lists the entries of one run only, ordered by channel and recipient', async () => {
        const { store } = subject();
        const programme = freshProgramme();
        const sms = keyOf(programme);
        const email: LedgerKey = { ...keyOf(programme, 'head@example.com'), channel: 'email' };
        await store.claimNotification(sms, claim('2026-11-21T08:00:00Z'));
        await store.claimNotification(email, claim('2026-11-21T08:00:00Z'));
        await store.claimNotification({ ...sms, runKey: 'another-run' }, claim('2026-11-21T08:00:00Z'));
        const listed = await store.listNotifications(programme, sms.runKey);
        expect(listed.map((entry) => entry.channel)).toEqual(['email', 'sms']);
      });
    });

    describe('digests', () => {
      it('puts a week once and reads it back', async () => {
        const { store } = subject();
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
        const { store } = subject();
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
        const { store } = subject();
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
          pending: [{ id: 'n1', event: 'opened' }],
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

      it('lists source runs newest first, per programme and per source', async () => {
        const { store } = subject();
        const programme = freshProgramme();
        await store.putSourceRun(run(programme, 'portal', '2026-11-01T00:00:00Z'));
        await store.putSourceRun(run(programme, 'csv-drop', '2026-11-02T00:00:00Z', 'partial'));
        const failed = { ...run(programme, 'portal', '2026-11-03T00:00:00Z', 'failed'), error: 'HTTP 500' };
        await store.putSourceRun(failed);
        await store.putSourceRun(run(freshProgramme(), 'portal', '2026-11-04T00:00:00Z'));

        const all = await store.listSourceRuns(programme);
        expect(all.map((entry) => [entry.source, entry.outcome])).toEqual([
          ['portal', 'failed'],
          ['csv-drop', 'partial'],
          ['portal', 'ok'],
        ]);
        expect(all[0]).toEqual(failed);
        const portal = await store.listSourceRuns(programme, { source: 'portal' });
        expect(portal.map((entry) => entry.startedAt)).toEqual([
          '2026-11-03T00:00:00Z',
          '2026-11-01T00:00:00Z',
        ]);
        expect(await store.listSourceRuns(programme, { limit: 2 })).toHaveLength(2);
        expect(await store.listSourceRuns(programme, { source: 'portal', limit: 1 })).toEqual([failed]);
      });

      it('lists quarantined rows newest first, idempotently, refreshing a row seen again', async () => {
        const { store } = subject();
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

        const again = row('2026-11-03T00:00:00Z', 2);
        await store.putQuarantined(programme, [again]);
        const relisted = await store.listQuarantined(programme);
        expect(relisted).toHaveLength(3);
        expect(relisted[0]).toEqual(again);
      });
    });
  });
}
