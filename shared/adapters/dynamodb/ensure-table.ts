import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  type DynamoDBClient,
  ResourceInUseException,
  ResourceNotFoundException,
  type TableDescription,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { ConfigError } from '../../errors.ts';
import { PARTITION_KEY, SORT_KEY, TTL_ATTRIBUTE, tableCreation } from './table-definition.ts';

export interface TableReadiness {
  /** false when the table already existed. */
  readonly created: boolean;
  /** `unsupported` on dynalite, which has no TTL (the attribute is still written). */
  readonly ttl: 'enabled' | 'already-enabled' | 'unsupported';
}

const ACTIVE_TIMEOUT_MS = 120_000;
const POLL_MS = 250;

/**
 * Creates the table with the project's key schema unless it exists, waits until it and its index
 * are ACTIVE, and turns TTL on where the service supports it. Safe to call any number of times.
 */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<TableReadiness> {
  let created = false;
  let description = await describeTable(client, tableName);
  if (!description) {
    try {
      await client.send(new CreateTableCommand(tableCreation(tableName)));
      created = true;
    } catch (error) {
      if (!(error instanceof ResourceInUseException)) throw error;
    }
  } else {
    assertKeySchema(tableName, description);
  }
  const deadline = Date.now() + ACTIVE_TIMEOUT_MS;
  for (;;) {
    description = await describeTable(client, tableName);
    const indexesActive = (description?.GlobalSecondaryIndexes ?? []).every(
      (index) => index.IndexStatus === 'ACTIVE',
    );
    if (description?.TableStatus === 'ACTIVE' && indexesActive) break;
    if (Date.now() > deadline) throw new Error(`table ${tableName} did not become ACTIVE in time`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  return { created, ttl: await enableTtl(client, tableName) };
}

async function describeTable(
  client: DynamoDBClient,
  tableName: string,
): Promise<TableDescription | undefined> {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
}

function assertKeySchema(tableName: string, description: TableDescription): void {
  const key = (type: 'HASH' | 'RANGE') =>
    description.KeySchema?.find((element) => element.KeyType === type)?.AttributeName;
  if (key('HASH') !== PARTITION_KEY.name || key('RANGE') !== SORT_KEY.name) {
    throw new ConfigError(
      `table ${tableName} exists with another key schema (${key('HASH')}, ${key('RANGE')}); dtwatch needs (${PARTITION_KEY.name}, ${SORT_KEY.name})`,
    );
  }
}

async function enableTtl(client: DynamoDBClient, tableName: string): Promise<TableReadiness['ttl']> {
  try {
    const current = await client.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
    const status = current.TimeToLiveDescription?.TimeToLiveStatus;
    if (status === 'ENABLED' || status === 'ENABLING') return 'already-enabled';
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
      }),
    );
    return 'enabled';
  } catch (error) {
    // dynalite answers UnknownOperationException (an unmodelled error, so only its name tells).
    if (error instanceof Error && error.name === 'UnknownOperationException') return 'unsupported';
    throw error;
  }
}
