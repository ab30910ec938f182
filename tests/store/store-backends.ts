import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { startEmbeddedDynamo } from '../../shared/adapters/dynamodb/embedded-dynalite.ts';
import { ensureTable } from '../../shared/adapters/dynamodb/ensure-table.ts';
import { startMoto } from '../support/moto.ts';

/** One running DynamoDB implementation with the project's table created in it. */
export interface RunningBackend {
  readonly client: DynamoDBClient;
  readonly documents: DynamoDBDocumentClient;
  readonly tableName: string;
  stop(): Promise<void>;
}

export interface Backend {
  readonly name: string;
  start(): Promise<RunningBackend>;
}

const TABLE = 'dtwatch-store-test';

async function withTable(client: DynamoDBClient, stop: () => Promise<void>): Promise<RunningBackend> {
  await ensureTable(client, TABLE);
  return {
    client,
    documents: DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } }),
    tableName: TABLE,
    async stop() {
      client.destroy();
      await stop();
    },
  };
}

export const BACKENDS: readonly Backend[] = [
  {
    name: 'dynalite',
    async start() {
      const dataDir = mkdtempSync(join(tmpdir(), 'dtwatch-store-'));
      const dynamo = await startEmbeddedDynamo(dataDir);
      const client = new DynamoDBClient({
        endpoint: dynamo.endpoint,
        region: 'local',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      });
      return withTable(client, async () => {
        await dynamo.close();
        rmSync(dataDir, { recursive: true, force: true });
      });
    },
  },
  {
    name: 'moto',
    async start() {
      const moto = await startMoto();
      return withTable(new DynamoDBClient(moto.clientConfig), () => moto.stop());
    },
  },
];
