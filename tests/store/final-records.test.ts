import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoFinalRecords } from '../../shared/adapters/dynamodb/dynamo-final-records.ts';
import { InMemoryFinalRecords } from '../../shared/adapters/memory/memory-final-records.ts';
import type { FinalRecord } from '../../shared/domain/final-record.ts';
import type { FinalRecords } from '../../shared/ports/final-records.ts';
import { BACKENDS, type RunningBackend } from './store-backends.ts';

function record(programme: string, unit: string, status: 'behind' | 'on_track' = 'behind'): FinalRecord {
  return {
    programme,
    unit,
    unitName: `Xã ${unit}`,
    level: 'commune',
    validTo: '2025-06-30',
    recordedAt: '2025-07-01T01:00:00.000Z',
    results: [
      {
        unit,
        indicator: 'work-records-online',
        status,
        date: '2025-06-30',
        value: 45,
        required: 52.5,
        gap: -7.5,
        observedPace: 1,
        requiredPace: null,
        progress: null,
        milestones: [{ date: '2025-12-31', target: 60, verdict: 'unlikely', projected: 51.1 }],
      },
    ],
  };
}

/** The same contract for every implementation of the port. */
function contract(name: string, open: () => FinalRecords) {
  describe(`FinalRecords contract: ${name}`, () => {
    let programmes = 0;
    const fresh = () => `p${++programmes}`;

    it('keeps the first record of a unit and never replaces it', async () => {
      const store = open();
      const programme = fresh();
      expect(await store.putFinalRecordIfAbsent(record(programme, 'pre2025-18073'))).toBe(true);
      expect(await store.putFinalRecordIfAbsent(record(programme, 'pre2025-18073', 'on_track'))).toBe(false);
      expect(await store.listFinalRecords(programme)).toEqual([record(programme, 'pre2025-18073')]);
    });

    it('lists one programme’s records by unit id, and nothing of another programme', async () => {
      const store = open();
      const programme = fresh();
      for (const unit of ['pre2025-18077', 'pre2025-18073', '436']) {
        await store.putFinalRecordIfAbsent(record(programme, unit));
      }
      await store.putFinalRecordIfAbsent(record(fresh(), 'pre2025-18073'));
      expect((await store.listFinalRecords(programme)).map((kept) => kept.unit)).toEqual([
        '436',
        'pre2025-18073',
        'pre2025-18077',
      ]);
      expect(await store.listFinalRecords(fresh())).toEqual([]);
    });
  });
}

const memory = new InMemoryFinalRecords();
contract('in memory', () => memory);

for (const backend of BACKENDS) {
  let running: RunningBackend;
  let store: DynamoFinalRecords;
  describe(`on ${backend.name}`, () => {
    beforeAll(async () => {
      running = await backend.start();
      store = new DynamoFinalRecords({ client: running.documents, tableName: running.tableName });
    });
    afterAll(async () => {
      await running?.stop();
    });
    contract(`DynamoDB (${backend.name})`, () => store);

    it('follows the key design: pk FINAL#<programme>, sk <unit>', async () => {
      await store.putFinalRecordIfAbsent(record('keys', 'pre2025-18073'));
      const item = await running.documents.send(
        new GetCommand({ TableName: running.tableName, Key: { pk: 'FINAL#keys', sk: 'pre2025-18073' } }),
      );
      expect(item.Item?.record).toEqual(record('keys', 'pre2025-18073'));
    });
  });
}
