import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { forEachConcurrently } from '../../runtime/concurrency.ts';
import type { Observation } from '../../snapshots/observation-rows.ts';
import { getAll, type Item, MAX_WRITE_BATCH } from './batch-requests.ts';
import { observationPk, observationSk } from './item-keys.ts';

/** What the store knows of one (series, date) before a write. */
export interface CurrentValue {
  readonly v: number;
  readonly r: string;
  /** Revision number; absent means 1. */
  readonly n?: number;
}

interface ReadContext {
  readonly client: DynamoDBDocumentClient;
  readonly tableName: string;
  readonly retry: Parameters<typeof getAll>[0]['retry'];
  readonly concurrency: number;
}

/**
 * A unit contributing at least this many values is read with one query of its whole prefix
 * (one request, bytes summed); fewer values are fetched by key, 100 per BatchGetItem.
 */
export const UNIT_QUERY_THRESHOLD = MAX_WRITE_BATCH;

const PROJECTION = { expression: '#sk, #v, #r, #n', names: { '#sk': 'sk', '#v': 'v', '#r': 'r', '#n': 'n' } };

/** Current values of the batch's (series, date) pairs, keyed by observation sort key. */
export async function readCurrentValues(
  context: ReadContext,
  programme: string,
  observations: readonly Observation[],
): Promise<Map<string, CurrentValue>> {
  const perUnit = new Map<string, Observation[]>();
  for (const observation of observations) {
    const list = perUnit.get(observation.unit);
    if (list) list.push(observation);
    else perUnit.set(observation.unit, [observation]);
  }
  const queriedUnits: string[] = [];
  const keys: { pk: string; sk: string }[] = [];
  for (const [unit, list] of perUnit) {
    if (list.length >= UNIT_QUERY_THRESHOLD) queriedUnits.push(unit);
    else {
      for (const observation of list) {
        keys.push({
          pk: observationPk(programme, unit),
          sk: observationSk(unit, observation.indicator, observation.date),
        });
      }
    }
  }
  const current = new Map<string, CurrentValue>();
  const remember = (item: Item) => current.set(item.sk as string, item as unknown as CurrentValue);
  await forEachConcurrently(queriedUnits, context.concurrency, async (unit) => {
    for (const item of await queryUnit(context, programme, unit)) remember(item);
  });
  for (const item of await getAll(context, keys, PROJECTION)) remember(item);
  return current;
}

async function queryUnit(context: ReadContext, programme: string, unit: string): Promise<Item[]> {
  const items: Item[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const output = await context.client.send(
      new QueryCommand({
        TableName: context.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(#sk, :prefix)',
        ExpressionAttributeNames: PROJECTION.names,
        ExpressionAttributeValues: { ':pk': observationPk(programme, unit), ':prefix': `${unit}#` },
        ProjectionExpression: PROJECTION.expression,
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of output.Items ?? []) items.push(item);
    startKey = output.LastEvaluatedKey;
  } while (startKey);
  return items;
}
