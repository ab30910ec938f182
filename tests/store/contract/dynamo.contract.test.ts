import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe } from 'vitest';
import { DynamoStore } from '../../../shared/adapters/dynamodb/dynamo-store.ts';
import { observationPk, observationSk, revisionPk } from '../../../shared/adapters/dynamodb/item-keys.ts';
import { BACKENDS, type RunningBackend } from '../store-backends.ts';
import { describeStoreContract } from './store-contract.ts';

describe.each(BACKENDS)('DynamoStore on $name', (backend) => {
  let running: RunningBackend;
  let store: DynamoStore;
  beforeAll(async () => {
    running = await backend.start();
    store = new DynamoStore({ client: running.documents, tableName: running.tableName });
  });
  afterAll(async () => {
    await running?.stop();
  });

  /** Archived values of one (series, date), then the current one, read from the items. */
  const revisions = async (programme: string, unit: string, indicator: string, date: string) => {
    const { documents, tableName } = running;
    const archived = await documents.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': revisionPk(programme, unit), ':prefix': `${indicator}#${date}#` },
        ConsistentRead: true,
      }),
    );
    const current = await documents.send(
      new GetCommand({
        TableName: tableName,
        Key: { pk: observationPk(programme, unit), sk: observationSk(unit, indicator, date) },
        ConsistentRead: true,
      }),
    );
    return [...(archived.Items ?? []), ...(current.Item ? [current.Item] : [])].map((item) => ({
      value: Number(item.v),
      receivedAt: String(item.r),
    }));
  };

  describeStoreContract(backend.name, () => ({ store, revisions }));
});
