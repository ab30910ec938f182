import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeTableCommand, DescribeTimeToLiveCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GSI1, TTL_ATTRIBUTE } from '../../shared/adapters/dynamodb/table-definition.ts';
import { type MotoServer, startMoto } from '../support/moto.ts';
import { runCli } from '../support/run-cli.ts';

let moto: MotoServer;
let client: DynamoDBClient;

beforeAll(async () => {
  moto = await startMoto();
  client = new DynamoDBClient(moto.clientConfig);
});
afterAll(async () => {
  client?.destroy();
  await moto?.stop();
});

describe('dtwatch store init', () => {
  it('creates the table with the project key schema, index and TTL at AWS_ENDPOINT_URL', async () => {
    const env = { ...moto.env, DTWATCH_TABLE: 'dtwatch-cli-init' };
    const first = runCli(['store', 'init'], env);
    expect(first.stderr).not.toMatch(/failed/);
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/^created DynamoDB table dtwatch-cli-init/);

    const { Table } = await client.send(new DescribeTableCommand({ TableName: 'dtwatch-cli-init' }));
    expect(Table?.KeySchema).toEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
    expect(Table?.GlobalSecondaryIndexes?.map((index) => index.IndexName)).toEqual([GSI1.indexName]);
    const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: 'dtwatch-cli-init' }));
    expect(ttl.TimeToLiveDescription).toMatchObject({
      AttributeName: TTL_ATTRIBUTE,
      TimeToLiveStatus: 'ENABLED',
    });

    const again = runCli(['store', 'init'], env);
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/^already exists: DynamoDB table dtwatch-cli-init/);
  });

  it('creates the embedded table under --data-dir when DTWATCH_TABLE is unset', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'dtwatch-init-'));
    try {
      const result = runCli(['store', 'init', '--data-dir', dataDir], { DTWATCH_TABLE: '' });
      expect(result.status).toBe(0);
      expect(result.stdout).toContain(`embedded store in ${dataDir}`);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('explains itself with --help and rejects unknown options', () => {
    const help = runCli(['store', 'init', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: dtwatch store init');
    const wrong = runCli(['store', 'init', '--bogus']);
    expect(wrong.status).toBe(2);
  });
});
