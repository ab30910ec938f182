import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Acknowledgement } from '../../alerts/acknowledgement.ts';
import type { AlertStateRecord } from '../../alerts/alert-state.ts';
import type { DigestRecord } from '../../digest/digest-record.ts';
import type { QuarantinedRow, SourceRun } from '../../domain/ingest-records.ts';
import type { LedgerEntry, LedgerKey } from '../../domain/notification-ledger-entry.ts';
import type { ObservationWriteResult } from '../../domain/observation-write.ts';
import type { ClaimOutcome, NotificationClaim } from '../../ports/notification-ledger.ts';
import type { StoreSet } from '../../ports/store-set.ts';
import { mapConcurrently } from '../../runtime/concurrency.ts';
import type { Observation } from '../../snapshots/observation-rows.ts';
import { latestPerKey, storedCopy } from '../store-rules.ts';
import { type BatchRetryPolicy, DEFAULT_BATCH_RETRY, type Item, putAll } from './batch-requests.ts';
import {
  acknowledgementPk,
  acknowledgementSk,
  alertPk,
  alertShardPk,
  alertSk,
  allShards,
  digestPk,
  epochSeconds,
  isoInstant,
  ledgerKey,
  observationPk,
  observationShardPk,
  observationSk,
  parseObservationSk,
  quarantinePk,
  quarantineSk,
  revisionPk,
  revisionSk,
  sourceRunGsiPk,
  sourceRunKeys,
  sourceRunPk,
} from './item-keys.ts';
import {
  acknowledgement,
  alertStateRecord,
  digestRecord,
  ledgerEntry,
  quarantinedRow,
  readItem,
  readObservationValue,
  sourceRun,
} from './item-schemas.ts';
import { readCurrentValues } from './observation-diff.ts';
import { GSI1, TTL_ATTRIBUTE } from './table-definition.ts';

const DAY_SECONDS = 86_400;
/** How long short-lived records stay (docs/data-model.md, "TTLs"). */
export const RETENTION_DAYS = { ledger: 90, quarantine: 180, sourceRun: 400 } as const;

const KEY_ATTRIBUTES = ['pk', 'sk', GSI1.partitionKey.name, GSI1.sortKey.name, TTL_ATTRIBUTE];

export interface DynamoStoreOptions {
  readonly client: DynamoDBDocumentClient;
  readonly tableName: string;
  readonly batchRetry?: Partial<BatchRetryPolicy>;
  /** Requests in flight at once for bulk reads and writes (default 8). */
  readonly concurrency?: number;
}

/** Every storage port on one DynamoDB table (AWS, moto or dynalite). Keys: docs/data-model.md. */
export class DynamoStore implements StoreSet {
  readonly tableName: string;
  private readonly client: DynamoDBDocumentClient;
  private readonly batch: {
    client: DynamoDBDocumentClient;
    tableName: string;
    retry: BatchRetryPolicy;
    concurrency: number;
  };

  constructor(options: DynamoStoreOptions) {
    this.client = options.client;
    this.tableName = options.tableName;
    this.batch = {
      client: options.client,
      tableName: options.tableName,
      retry: { ...DEFAULT_BATCH_RETRY, ...options.batchRetry },
      concurrency: options.concurrency ?? 8,
    };
  }

  // ── observations ──────────────────────────────────────────────────────────────────────────
  async putObservations(
    programme: string,
    observations: readonly Observation[],
    receivedAt: string,
  ): Promise<ObservationWriteResult> {
    isoInstant(receivedAt); // throws on anything that is not a timestamp
    const incoming = latestPerKey(observations);
    const current = await readCurrentValues(this.batch, programme, incoming);
    const archives: Item[] = [];
    const writes: Item[] = [];
    let stored = 0;
    let revised = 0;
    for (const observation of incoming) {
      const sk = observationSk(observation.unit, observation.indicator, observation.date);
      const existing = current.get(sk);
      const pk = observationPk(programme, observation.unit);
      if (!existing) {
        writes.push({ pk, sk, v: observation.value, r: receivedAt });
        stored++;
      } else if (existing.v !== observation.value) {
        const revision = existing.n ?? 1;
        archives.push({
          pk: revisionPk(programme, observation.unit),
          sk: revisionSk(observation.indicator, observation.date, revision),
          v: existing.v,
          r: existing.r,
        });
        writes.push({ pk, sk, v: observation.value, r: receivedAt, n: revision + 1 });
        revised++;
      }
    }
    // Archives first: if the current items then fail, a re-run archives the same revision again.
    await putAll(this.batch, archives);
    await putAll(this.batch, writes);
    return { stored, revised, unchanged: incoming.length - stored - revised };
  }

  async programmeObservations(programme: string): Promise<Observation[]> {
    const intern = interner();
    const shards = await mapConcurrently(allShards(), 16, (shard) =>
      this.readShard(programme, shard, intern),
    );
    return shards.flat();
  }

  /** One shard at a time (the next one read while the caller works on this one). */
  async *observationPartitions(programme: string): AsyncIterable<readonly Observation[]> {
    const intern = interner();
    const shards = allShards();
    const read = (index: number) => {
      const shard = shards[index];
      if (shard === undefined) return undefined;
      const reading = this.readShard(programme, shard, intern);
      // Awaited below; a failed prefetch must not surface as an unhandled rejection meanwhile.
      reading.catch(() => undefined);
      return reading;
    };
    let next = read(0);
    for (let index = 0; next; index++) {
      const current = next;
      next = read(index + 1);
      const partition = await current;
      if (partition.length > 0) yield partition;
    }
  }

  /** Current values of one observation shard, converted page by page (raw items are not kept). */
  private async readShard(
    programme: string,
    shard: string,
    intern: (id: string) => string,
  ): Promise<Observation[]> {
    const observations: Observation[] = [];
    const pages = this.queryPages({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': observationShardPk(programme, shard) },
      // pk only so that a corrupt item can be named.
      ProjectionExpression: 'pk, sk, v',
      ConsistentRead: true,
    });
    for await (const page of pages) {
      for (const item of page) {
        const { sk, v } = readObservationValue(item);
        const { unit, indicator, date } = parseObservationSk(sk);
        observations.push({ unit: intern(unit), indicator: intern(indicator), date, value: v });
      }
    }
    return observations;
  }

  // ── ingestion bookkeeping ─────────────────────────────────────────────────────────────────
  async putQuarantined(programme: string, rows: readonly QuarantinedRow[]): Promise<void> {
    const items = new Map<string, Item>();
    for (const row of rows) {
      const sk = quarantineSk(row);
      items.set(sk, {
        ...storedCopy(row),
        programme,
        pk: quarantinePk(programme),
        sk,
        [TTL_ATTRIBUTE]: epochSeconds(row.receivedAt) + RETENTION_DAYS.quarantine * DAY_SECONDS,
      });
    }
    await putAll(this.batch, [...items.values()]);
  }

  async listQuarantined(programme: string, options: { limit?: number } = {}): Promise<QuarantinedRow[]> {
    // Keys are per distinct row, not per arrival, so recency is sorted here; the partition stays
    // small (rows per delivery are capped and expire after RETENTION_DAYS.quarantine).
    const items = await this.queryAll({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': quarantinePk(programme) },
    });
    const rows = items
      .map((item) => ({ sk: String(item.sk), row: readItem(quarantinedRow, withoutKeys(item), item) }))
      .sort((a, b) => b.row.receivedAt.localeCompare(a.row.receivedAt) || a.sk.localeCompare(b.sk))
      .map(({ row }) => row);
    return options.limit === undefined ? rows : rows.slice(0, options.limit);
  }

  async putSourceRun(run: SourceRun): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...storedCopy(run),
          ...sourceRunKeys(run),
          [TTL_ATTRIBUTE]: epochSeconds(run.finishedAt) + RETENTION_DAYS.sourceRun * DAY_SECONDS,
        },
      }),
    );
  }

  async listSourceRuns(
    programme: string,
    options: { source?: string; limit?: number } = {},
  ): Promise<SourceRun[]> {
    const query: Omit<QueryCommandInput, 'TableName'> =
      options.source === undefined
        ? {
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': sourceRunPk(programme) },
            ScanIndexForward: false,
          }
        : {
            IndexName: GSI1.indexName,
            KeyConditionExpression: `${GSI1.partitionKey.name} = :pk`,
            ExpressionAttributeValues: { ':pk': sourceRunGsiPk(programme, options.source) },
            ScanIndexForward: false,
          };
    const items = await this.queryAll(query, options.limit);
    return items.map((item) => readItem(sourceRun, withoutKeys(item), item));
  }

  // ── alerts ────────────────────────────────────────────────────────────────────────────────
  async listAlertStates(programme: string): Promise<AlertStateRecord[]> {
    const shards = await mapConcurrently(allShards(), 16, (shard) =>
      this.queryAll({
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': alertShardPk(programme, shard) },
        ConsistentRead: true,
      }),
    );
    return shards.flat().map((item) => readItem(alertStateRecord, item.record, item));
  }

  async putAlertStates(programme: string, states: readonly AlertStateRecord[]): Promise<void> {
    const items = new Map<string, Item>();
    for (const state of states) {
      const pk = alertPk(programme, state.unit);
      const sk = alertSk(state.unit, state.indicator, state.kind);
      items.set(`${pk}\u0000${sk}`, { pk, sk, record: storedCopy({ ...state, programme }) });
    }
    await putAll(this.batch, [...items.values()]);
  }

  async putAcknowledgement(ack: Acknowledgement): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...storedCopy(ack),
          pk: acknowledgementPk(ack.programme),
          sk: acknowledgementSk(ack.unit, ack.indicator),
        },
      }),
    );
  }

  async listAcknowledgements(programme: string): Promise<Acknowledgement[]> {
    const items = await this.queryAll({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': acknowledgementPk(programme) },
      ConsistentRead: true,
    });
    return items.map((item) => readItem(acknowledgement, withoutKeys(item), item));
  }

  async removeAcknowledgement(programme: string, unit: string, indicator?: string): Promise<boolean> {
    const output = await this.client.send(
      new DeleteCommand({
        TableName: this.tableName,
        Key: { pk: acknowledgementPk(programme), sk: acknowledgementSk(unit, indicator) },
        ReturnValues: 'ALL_OLD',
      }),
    );
    return output.Attributes !== undefined;
  }

  // ── notification ledger ───────────────────────────────────────────────────────────────────
  async claimNotification(key: LedgerKey, claim: NotificationClaim): Promise<ClaimOutcome> {
    const claimed = isoInstant(claim.at);
    const cutoff = new Date(Date.parse(claimed) - claim.leaseSeconds * 1000).toISOString();
    // A refused claim is followed by a read; if the entry vanished in between (released), try again.
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        // The sender in the condition also covers a claim whose answer was lost: the SDK sends it
        // again, and the entry it finds is this sender's own.
        await this.client.send(
          new PutCommand({
            TableName: this.tableName,
            Item: {
              ...ledgerKey(key),
              programme: key.programme,
              runKey: key.runKey,
              recipient: key.recipient,
              channel: key.channel,
              state: 'pending',
              claimedAt: claimed,
              sender: claim.sender,
              ...(claim.catalogVersion !== undefined && { catalogVersion: claim.catalogVersion }),
              [TTL_ATTRIBUTE]: epochSeconds(claimed) + RETENTION_DAYS.ledger * DAY_SECONDS,
            },
            ConditionExpression:
              'attribute_not_exists(pk) OR (#state = :pending AND (#claimedAt <= :cutoff OR #sender = :sender))',
            ExpressionAttributeNames: { '#state': 'state', '#claimedAt': 'claimedAt', '#sender': 'sender' },
            ExpressionAttributeValues: { ':pending': 'pending', ':cutoff': cutoff, ':sender': claim.sender },
          }),
        );
        return 'claimed';
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
      const { pk, sk } = ledgerKey(key);
      const existing = await this.getItem(pk, sk);
      if (!existing) continue;
      return readItem(ledgerEntry, withoutKeys(existing), existing).state === 'sent' ? 'sent' : 'busy';
    }
    return 'busy';
  }

  async markNotificationSent(key: LedgerKey, messageId: string, sentAt: string): Promise<void> {
    const sent = isoInstant(sentAt);
    // Unconditional: a published message is a fact even if another sender took the lease over.
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: ledgerKey(key),
        UpdateExpression:
          'SET #state = :sent, sentAt = :sentAt, messageId = :messageId, programme = :programme, ' +
          'runKey = :runKey, recipient = :recipient, channel = :channel, ' +
          '#claimedAt = if_not_exists(#claimedAt, :sentAt), #ttl = if_not_exists(#ttl, :ttl)',
        ExpressionAttributeNames: { '#state': 'state', '#claimedAt': 'claimedAt', '#ttl': TTL_ATTRIBUTE },
        ExpressionAttributeValues: {
          ':sent': 'sent',
          ':sentAt': sent,
          ':messageId': messageId,
          ':programme': key.programme,
          ':runKey': key.runKey,
          ':recipient': key.recipient,
          ':channel': key.channel,
          ':ttl': epochSeconds(sent) + RETENTION_DAYS.ledger * DAY_SECONDS,
        },
      }),
    );
  }

  async releaseNotification(key: LedgerKey): Promise<void> {
    try {
      await this.client.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: ledgerKey(key),
          ConditionExpression: '#state = :pending',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':pending': 'pending' },
        }),
      );
    } catch (error) {
      // Already sent (never dropped) or already gone: nothing to release.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  async listNotifications(programme: string, runKey: string): Promise<LedgerEntry[]> {
    const { pk } = ledgerKey({ programme, runKey, recipient: '', channel: 'sms' });
    const items = await this.queryAll({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': pk },
      ConsistentRead: true,
    });
    return items.map((item) => readItem(ledgerEntry, withoutKeys(item), item));
  }

  // ── digests ───────────────────────────────────────────────────────────────────────────────
  async putDigestIfAbsent(digest: DigestRecord): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            pk: digestPk(digest.programme),
            sk: digest.week,
            createdAt: digest.createdAt,
            record: storedCopy(digest),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async getDigest(programme: string, week: string): Promise<DigestRecord | undefined> {
    const item = await this.getItem(digestPk(programme), week);
    return item ? readItem(digestRecord, item.record, item) : undefined;
  }

  // ── plumbing ──────────────────────────────────────────────────────────────────────────────
  private async getItem(pk: string, sk: string): Promise<Item | undefined> {
    const output = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: { pk, sk }, ConsistentRead: true }),
    );
    return output.Item;
  }

  /** Every page of a query, or the first `limit` items. */
  private async queryAll(input: Omit<QueryCommandInput, 'TableName'>, limit?: number): Promise<Item[]> {
    const items: Item[] = [];
    for await (const page of this.queryPages(input, limit)) for (const item of page) items.push(item);
    return items;
  }

  /** A query's result page by page, so that a large partition need not be held at once. */
  private async *queryPages(
    input: Omit<QueryCommandInput, 'TableName'>,
    limit?: number,
  ): AsyncIterable<Item[]> {
    let read = 0;
    let startKey: Record<string, unknown> | undefined;
    do {
      const remaining = limit === undefined ? undefined : limit - read;
      const output = await this.client.send(
        new QueryCommand({
          ...input,
          TableName: this.tableName,
          ExclusiveStartKey: startKey,
          ...(remaining === undefined ? {} : { Limit: remaining }),
        }),
      );
      const page = output.Items ?? [];
      read += page.length;
      yield page;
      startKey = output.LastEvaluatedKey;
    } while (startKey && (limit === undefined || read < limit));
  }
}

/** Ids repeat across millions of items: one string per distinct unit and indicator. */
function interner(): (id: string) => string {
  const ids = new Map<string, string>();
  return (id) => {
    const known = ids.get(id);
    if (known !== undefined) return known;
    ids.set(id, id);
    return id;
  };
}

function withoutKeys(item: Item): Item {
  const copy: Item = { ...item };
  for (const attribute of KEY_ATTRIBUTES) delete copy[attribute];
  return copy;
}
