import { randomUUID } from 'node:crypto';
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
import { InvalidInputError } from '../../errors.ts';
import type {
  Acknowledgement,
  AlertStateRecord,
  DateRange,
  DigestRecord,
  LedgerEntry,
  LedgerKey,
  ObservationWriteResult,
  QuarantinedRow,
  SourceRun,
  Store,
  StoredObservation,
} from '../../ports/store.ts';
import { mapConcurrently } from '../../runtime/concurrency.ts';
import type { Observation } from '../../snapshots/observation-rows.ts';
import { type BatchRetryPolicy, DEFAULT_BATCH_RETRY, type Item, putAll } from './batch-requests.ts';
import {
  AFTER_SEPARATOR,
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
  seriesPrefix,
  sourceRunGsiPk,
  sourceRunKeys,
  sourceRunPk,
  UNIT_WIDE,
} from './item-keys.ts';
import { readCurrentValues } from './observation-diff.ts';
import { GSI1, TTL_ATTRIBUTE } from './table-definition.ts';

const DAY_SECONDS = 86_400;
/** How long short-lived records stay (docs/data-model.md, "TTLs"). */
export const RETENTION_DAYS = { ledger: 90, quarantine: 180, sourceRun: 400 } as const;

const KEY_ATTRIBUTES = ['pk', 'sk', GSI1.partitionKey.name, GSI1.sortKey.name, TTL_ATTRIBUTE];
/** Ledger attribute naming the claim attempt that wrote the entry (not part of LedgerEntry). */
const CLAIM_TOKEN = 'claimToken';

export interface DynamoStoreOptions {
  readonly client: DynamoDBDocumentClient;
  readonly tableName: string;
  readonly batchRetry?: Partial<BatchRetryPolicy>;
  /** Requests in flight at once for bulk reads and writes (default 8). */
  readonly concurrency?: number;
}

/** The Store port on one DynamoDB table (AWS, moto or dynalite). Keys: docs/data-model.md. */
export class DynamoStore implements Store {
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
    const shards = await mapConcurrently(allShards(), 16, (shard) =>
      this.queryAll({
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': observationShardPk(programme, shard) },
        ProjectionExpression: 'sk, v',
        ConsistentRead: true,
      }),
    );
    const ids = new Map<string, string>();
    const intern = (id: string) => {
      const known = ids.get(id);
      if (known !== undefined) return known;
      ids.set(id, id);
      return id;
    };
    const observations: Observation[] = [];
    for (const items of shards) {
      for (const item of items) {
        const { unit, indicator, date } = parseObservationSk(item.sk as string);
        observations.push({
          unit: intern(unit),
          indicator: intern(indicator),
          date,
          value: item.v as number,
        });
      }
    }
    return observations;
  }

  async seriesObservations(
    programme: string,
    unit: string,
    indicator: string,
    range: DateRange = {},
  ): Promise<StoredObservation[]> {
    const prefix = seriesPrefix(unit, indicator);
    const items = await this.queryAll({
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: {
        ':pk': observationPk(programme, unit),
        ':from': range.from === undefined ? prefix : `${prefix}${range.from}`,
        // Without an upper date: everything of the series (`<unit>#<indicator>$` sorts after it).
        ':to': range.to === undefined ? `${unit}#${indicator}${AFTER_SEPARATOR}` : `${prefix}${range.to}`,
      },
      ConsistentRead: true,
    });
    return items.map(storedObservation);
  }

  async latestObservation(
    programme: string,
    unit: string,
    indicator: string,
  ): Promise<StoredObservation | undefined> {
    const output = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: {
          ':pk': observationPk(programme, unit),
          ':prefix': seriesPrefix(unit, indicator),
        },
        ScanIndexForward: false,
        Limit: 1,
        ConsistentRead: true,
      }),
    );
    const [item] = output.Items ?? [];
    return item ? storedObservation(item) : undefined;
  }

  async observationRevisions(
    programme: string,
    unit: string,
    indicator: string,
    date: string,
  ): Promise<StoredObservation[]> {
    const [archived, current] = await Promise.all([
      this.queryAll({
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: {
          ':pk': revisionPk(programme, unit),
          ':prefix': `${indicator}#${date}#`,
        },
        ConsistentRead: true,
      }),
      this.getItem(observationPk(programme, unit), observationSk(unit, indicator, date)),
    ]);
    const revision = (item: Item): StoredObservation => ({
      unit,
      indicator,
      date,
      value: item.v as number,
      receivedAt: item.r as string,
    });
    return [...archived.map(revision), ...(current ? [revision(current)] : [])];
  }

  // ── ingestion bookkeeping ─────────────────────────────────────────────────────────────────
  async putQuarantined(programme: string, rows: readonly QuarantinedRow[]): Promise<void> {
    const items = new Map<string, Item>();
    for (const row of rows) {
      const sk = quarantineSk(row);
      items.set(sk, {
        ...withoutUndefined(row),
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
      .map((item) => ({ sk: item.sk as string, row: withoutKeys(item) as unknown as QuarantinedRow }))
      .sort((a, b) => b.row.receivedAt.localeCompare(a.row.receivedAt) || a.sk.localeCompare(b.sk))
      .map(({ row }) => row);
    return options.limit === undefined ? rows : rows.slice(0, options.limit);
  }

  async putSourceRun(run: SourceRun): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...withoutUndefined(run),
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
    return items.map((item) => withoutKeys(item) as unknown as SourceRun);
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
    return shards.flat().map((item) => item.record as AlertStateRecord);
  }

  async putAlertStates(programme: string, states: readonly AlertStateRecord[]): Promise<void> {
    const items = new Map<string, Item>();
    for (const state of states) {
      const pk = alertPk(programme, state.unit);
      const sk = alertSk(state.unit, state.indicator, state.kind);
      items.set(`${pk}\u0000${sk}`, { pk, sk, record: withoutUndefined({ ...state, programme }) });
    }
    await putAll(this.batch, [...items.values()]);
  }

  async putAcknowledgement(ack: Acknowledgement): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...withoutUndefined(ack),
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
    return items.map((item) => withoutKeys(item) as unknown as Acknowledgement);
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
  async claimNotification(
    key: LedgerKey,
    claimedAt: string,
    leaseSeconds: number,
  ): Promise<'claimed' | 'sent' | 'busy'> {
    const claimed = isoInstant(claimedAt);
    const cutoff = new Date(Date.parse(claimed) - leaseSeconds * 1000).toISOString();
    // When the answer to a claim is lost, the SDK sends it again and the condition refuses it:
    // the token tells this caller's own entry from another sender's.
    const token = randomUUID();
    // A refused claim is followed by a read; if the entry vanished in between (released), try again.
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
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
              [CLAIM_TOKEN]: token,
              [TTL_ATTRIBUTE]: epochSeconds(claimed) + RETENTION_DAYS.ledger * DAY_SECONDS,
            },
            ConditionExpression: 'attribute_not_exists(pk) OR (#state = :pending AND #claimedAt <= :cutoff)',
            ExpressionAttributeNames: { '#state': 'state', '#claimedAt': 'claimedAt' },
            ExpressionAttributeValues: { ':pending': 'pending', ':cutoff': cutoff },
          }),
        );
        return 'claimed';
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
      const existing = await this.getItem(ledgerKey(key).pk, ledgerKey(key).sk);
      if (existing?.state === 'sent') return 'sent';
      if (existing?.[CLAIM_TOKEN] === token) return 'claimed';
      if (existing) return 'busy';
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

  async getNotification(key: LedgerKey): Promise<LedgerEntry | undefined> {
    const { pk, sk } = ledgerKey(key);
    const item = await this.getItem(pk, sk);
    return item ? ledgerEntry(item) : undefined;
  }

  async listNotifications(programme: string, runKey: string): Promise<LedgerEntry[]> {
    const { pk } = ledgerKey({ programme, runKey, recipient: '', channel: 'sms' });
    const items = await this.queryAll({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': pk },
      ConsistentRead: true,
    });
    return items.map(ledgerEntry);
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
            record: withoutUndefined(digest),
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
    return item ? (item.record as DigestRecord) : undefined;
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
    let startKey: Record<string, unknown> | undefined;
    do {
      const remaining = limit === undefined ? undefined : limit - items.length;
      const output = await this.client.send(
        new QueryCommand({
          ...input,
          TableName: this.tableName,
          ExclusiveStartKey: startKey,
          ...(remaining === undefined ? {} : { Limit: remaining }),
        }),
      );
      for (const item of output.Items ?? []) items.push(item);
      startKey = output.LastEvaluatedKey;
    } while (startKey && (limit === undefined || items.length < limit));
    return items;
  }
}

function storedObservation(item: Item): StoredObservation {
  const { unit, indicator, date } = parseObservationSk(item.sk as string);
  return { unit, indicator, date, value: item.v as number, receivedAt: item.r as string };
}

/** One observation per (series, date), the later one winning, after checking the ids fit the keys. */
function latestPerKey(observations: readonly Observation[]): Observation[] {
  const byKey = new Map<string, Observation>();
  for (const observation of observations) {
    assertStorable(observation);
    const key = observationSk(observation.unit, observation.indicator, observation.date);
    byKey.delete(key);
    byKey.set(key, observation);
  }
  return [...byKey.values()];
}

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

function assertStorable(observation: Observation): void {
  const { unit, indicator, date, value } = observation;
  const problem =
    !unit || !indicator || `${unit}${indicator}`.includes('#') || unit === UNIT_WIDE
      ? `unit "${unit}" / indicator "${indicator}" cannot be stored (ids are non-empty, without "#")`
      : !DATE_PATTERN.test(date)
        ? `date must be YYYY-MM-DD (got "${date}")`
        : !Number.isFinite(value)
          ? `value must be a finite number (got ${value})`
          : undefined;
  if (problem) throw new InvalidInputError([{ location: `${unit}/${indicator}/${date}`, message: problem }]);
}

function ledgerEntry(item: Item): LedgerEntry {
  const { [CLAIM_TOKEN]: _token, ...entry } = withoutKeys(item);
  return entry as unknown as LedgerEntry;
}

function withoutKeys(item: Item): Item {
  const copy: Item = { ...item };
  for (const attribute of KEY_ATTRIBUTES) delete copy[attribute];
  return copy;
}

/** A deep copy without `undefined` values, which DynamoDB cannot store. */
function withoutUndefined<T extends object>(record: T): T {
  return JSON.parse(JSON.stringify(record)) as T;
}
