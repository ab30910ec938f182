import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoStore } from '../shared/adapters/dynamodb/dynamo-store.ts';
import { ensureTable } from '../shared/adapters/dynamodb/ensure-table.ts';
import { openStore } from '../shared/adapters/open-store.ts';
import { type MotoServer, startMoto } from '../tests/support/moto.ts';

/** A store under measurement, with the low-level client the request counter attaches to. */
export interface BenchBackend {
  readonly name: 'dynalite' | 'moto';
  readonly store: DynamoStore;
  readonly client: DynamoDBClient;
  close(): Promise<void>;
}

/** A fresh embedded store (dynalite in a worker thread of this process) in a temporary folder. */
export async function freshDynalite(): Promise<BenchBackend> {
  const dataDir = await mkdtemp(join(tmpdir(), 'dtwatch-bench-store-'));
  // An empty environment: a DTWATCH_TABLE set in the shell must not send the bench elsewhere.
  const opened = await openStore({ dataDir, env: {} });
  return {
    name: 'dynalite',
    store: opened.store,
    client: opened.client,
    async close() {
      await opened.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** One moto server for the section; each call to `table` creates a fresh table on it. */
export async function motoServer(): Promise<{
  table(name: string): Promise<BenchBackend>;
  stop(): Promise<void>;
}> {
  const server: MotoServer = await startMoto();
  return {
    async table(name) {
      const client = new DynamoDBClient(server.clientConfig);
      await ensureTable(client, name);
      const store = new DynamoStore({
        client: DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } }),
        tableName: name,
      });
      return {
        name: 'moto',
        store,
        client,
        async close() {
          client.destroy();
        },
      };
    },
    stop: () => server.stop(),
  };
}
