import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { BatchWriteCommand, DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { startEmbeddedDynamo } from '../../../shared/adapters/dynamodb/embedded-dynalite.ts';
import { ensureTable } from '../../../shared/adapters/open-store.ts';
import { recipientAttributeValue } from '../../../shared/adapters/sns-email-routing.ts';
import type { Channel } from '../../../shared/domain/channel.ts';
import { FaultProxy } from '../../support/fault-proxy.ts';
import { type MotoServer, startMoto } from '../../support/moto.ts';

export const ACCOUNT = '123456789012';
export const EMAIL_TOPIC_PREFIX = 'dtwatch-email-';
export const EMAIL_TOPIC_SHARDS = 4;

export type Item = Record<string, unknown>;

/** One message moto recorded as published. */
export interface PublishedMessage {
  readonly channel: Channel;
  /** Phone number, or the e-mail address whose recipient hash the message carried. */
  readonly recipient: string;
  readonly body: string;
}

export interface MotoSns {
  SMS?: { phone_number: string; message: string; message_id: string }[];
  Topic?: {
    name: string;
    sent_notifications: [string, string, string | null, Record<string, { Value: string }> | null][];
  }[];
}

/**
 * The emulators behind fault proxies: dynalite (in a worker, on a loopback port) for DynamoDB,
 * moto for SNS. The product's clients reach them only through the proxies, by the standard SDK
 * settings `AWS_ENDPOINT_URL_DYNAMODB` / `AWS_ENDPOINT_URL_SNS`; the test reads the truth
 * straight from the emulators.
 */
export interface FaultWorld {
  readonly moto: MotoServer;
  readonly dynamoProxy: FaultProxy;
  readonly snsProxy: FaultProxy;
  /** A new, empty table on dynalite with the product's key schema. */
  newTable(name: string): Promise<string>;
  /** Writes items straight into a table (no proxy). */
  copyInto(table: string, items: readonly Item[]): Promise<void>;
  /** Every item of a table, read directly (no proxy), sorted by key. */
  scan(table: string): Promise<Item[]>;
  /** Forgets moto's SNS state and creates the e-mail topics again. */
  resetSns(): Promise<void>;
  /** What moto says was published since the last reset. */
  published(addresses: readonly string[]): Promise<PublishedMessage[]>;
  stop(): Promise<void>;
}

export async function startFaultWorld(): Promise<FaultWorld> {
  const dataDir = await mkdtemp(join(tmpdir(), 'dtwatch-fault-injection-'));
  const [moto, dynalite] = await Promise.all([startMoto(), startEmbeddedDynamo(dataDir)]);
  const dynamoProxy = await FaultProxy.start(dynalite.endpoint);
  const snsProxy = await FaultProxy.start(moto.endpoint);
  // Standard SDK settings, read by every client the product builds from here on.
  Object.assign(process.env, moto.env, {
    AWS_ENDPOINT_URL_DYNAMODB: dynamoProxy.endpoint,
    AWS_ENDPOINT_URL_SNS: snsProxy.endpoint,
  });
  const direct = { region: moto.clientConfig.region, credentials: moto.clientConfig.credentials };
  const dynamo = new DynamoDBClient({ ...direct, endpoint: dynalite.endpoint });
  const documents = DynamoDBDocumentClient.from(dynamo);
  const sns = new SNSClient({ ...direct, endpoint: moto.endpoint });

  const createTopics = async () => {
    for (let shard = 0; shard < EMAIL_TOPIC_SHARDS; shard++) {
      await sns.send(
        new CreateTopicCommand({ Name: `${EMAIL_TOPIC_PREFIX}${String(shard).padStart(2, '0')}` }),
      );
    }
  };
  await createTopics();

  return {
    moto,
    dynamoProxy,
    snsProxy,
    async newTable(name) {
      await ensureTable(dynamo, name);
      return name;
    },
    async copyInto(table, items) {
      for (let start = 0; start < items.length; start += 25) {
        let requests = items.slice(start, start + 25).map((item) => ({ PutRequest: { Item: item } }));
        while (requests.length > 0) {
          const output = await documents.send(new BatchWriteCommand({ RequestItems: { [table]: requests } }));
          requests = (output.UnprocessedItems?.[table] ?? []) as typeof requests;
        }
      }
    },
    async scan(table) {
      const items: Item[] = [];
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await documents.send(
          new ScanCommand({ TableName: table, ExclusiveStartKey: startKey, ConsistentRead: true }),
        );
        items.push(...(page.Items ?? []));
        startKey = page.LastEvaluatedKey;
      } while (startKey);
      const key = (item: Item) => `${String(item.pk)}\u0000${String(item.sk)}`;
      return items.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
    },
    async resetSns() {
      await moto.reset();
      await createTopics();
    },
    async published(addresses) {
      return publishedMessages((await moto.data()).sns as MotoSns, addresses);
    },
    async stop() {
      dynamo.destroy();
      sns.destroy();
      await Promise.all([dynamoProxy.stop(), snsProxy.stop()]);
      await Promise.all([moto.stop(), dynalite.close()]);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Every message moto recorded as published, e-mail recipients named back from their hash. */
export function publishedMessages(sns: MotoSns, addresses: readonly string[]): PublishedMessage[] {
  const byHash = new Map(addresses.map((address) => [recipientAttributeValue(address), address]));
  const messages: PublishedMessage[] = [];
  for (const sms of sns.SMS ?? [])
    messages.push({ channel: 'sms', recipient: sms.phone_number, body: sms.message });
  for (const topic of sns.Topic ?? []) {
    for (const [, body, , attributes] of topic.sent_notifications) {
      const hash = attributes?.recipient?.Value ?? '';
      messages.push({ channel: 'email', recipient: byHash.get(hash) ?? `unknown:${hash}`, body });
    }
  }
  return messages;
}
