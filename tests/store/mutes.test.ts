import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoMutes } from '../../shared/adapters/dynamodb/dynamo-mutes.ts';
import { InMemoryMutes } from '../../shared/adapters/memory/memory-mutes.ts';
import { DuplicateMuteError, type Mute } from '../../shared/alerts/mute.ts';
import type { Mutes } from '../../shared/ports/mutes.ts';
import { BACKENDS, type RunningBackend } from './store-backends.ts';

function mute(programme: string, id: string, createdAt = '2025-03-01T01:00:00.000Z'): Mute {
  return {
    programme,
    id,
    unit: '40-x*',
    indicator: 'dgov-rank',
    level: '*',
    reason: 'bảng xếp hạng chưa công bố',
    author: 'Văn phòng Sở (mẫu)',
    createdAt,
    until: '2025-03-31',
  };
}

/** The same contract for every implementation of the port. */
function contract(name: string, open: () => Mutes) {
  describe(`Mutes contract: ${name}`, () => {
    let programmes = 0;
    const fresh = () => `p${++programmes}-${Math.random().toString(36).slice(2, 8)}`;

    it('keeps every mute of a programme, oldest first, and nothing of another programme', async () => {
      const store = open();
      const programme = fresh();
      await store.putMute(mute(programme, 'm-b', '2025-03-02T00:00:00.000Z'));
      await store.putMute(mute(programme, 'm-a', '2025-03-03T00:00:00.000Z'));
      await store.putMute(mute(programme, 'm-c', '2025-03-01T00:00:00.000Z'));
      await store.putMute(mute(fresh(), 'm-a'));
      expect((await store.listMutes(programme)).map((kept) => kept.id)).toEqual(['m-c', 'm-b', 'm-a']);
      expect(await store.listMutes(fresh())).toEqual([]);
    });

    it('refuses an id the programme already has, keeping the first mute', async () => {
      const store = open();
      const programme = fresh();
      await store.putMute(mute(programme, 'm-1'));
      await expect(store.putMute({ ...mute(programme, 'm-1'), reason: 'khác' })).rejects.toBeInstanceOf(
        DuplicateMuteError,
      );
      expect(await store.listMutes(programme)).toEqual([mute(programme, 'm-1')]);
    });

    it('removes a mute by recording who and when, once; the mute stays listed (the audit)', async () => {
      const store = open();
      const programme = fresh();
      await store.putMute(mute(programme, 'm-1'));
      const removed = { at: '2025-03-10T02:00:00.000Z', by: 'Giám đốc Sở (mẫu)' };
      expect(await store.removeMute(programme, 'm-1', removed)).toBe(true);
      expect(await store.removeMute(programme, 'm-1', { ...removed, by: 'người khác' })).toBe(false);
      expect(await store.removeMute(programme, 'm-unknown', removed)).toBe(false);
      expect(await store.listMutes(programme)).toEqual([{ ...mute(programme, 'm-1'), removed }]);
    });
  });
}

contract('in memory', () => new InMemoryMutes());

for (const backend of BACKENDS) {
  let running: RunningBackend;
  let store: DynamoMutes;
  describe(`on ${backend.name}`, () => {
    beforeAll(async () => {
      running = await backend.start();
      store = new DynamoMutes({ client: running.documents, tableName: running.tableName });
    });
    afterAll(async () => {
      await running?.stop();
    });
    contract(`DynamoDB (${backend.name})`, () => store);

    it('follows the key design: pk MUTE#<programme>, sk <id>', async () => {
      await store.putMute(mute('keys', 'm-9'));
      const item = await running.documents.send(
        new GetCommand({ TableName: running.tableName, Key: { pk: 'MUTE#keys', sk: 'm-9' } }),
      );
      expect(item.Item?.mute).toEqual(mute('keys', 'm-9'));
    });
  });
}
