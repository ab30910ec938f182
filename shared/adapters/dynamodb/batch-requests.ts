import { BatchGetCommand, BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type BackoffPolicy, backoffDelay, sleep } from '../../runtime/backoff.ts';
import { chunked, forEachConcurrently } from '../../runtime/concurrency.ts';
import { StoreReadError, StoreWriteError } from './store-errors.ts';

/**
 * Bulk reads and writes with the service's own limits (25 puts, 100 gets per request) and a
 * bounded retry of what the service leaves unprocessed.
 */

export interface BatchRetryPolicy extends BackoffPolicy {
  /** Requests per chunk, the first included, before giving up. */
  readonly maxAttempts: number;
  /** For tests: replaces the timer and the jitter source. */
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
}

export const DEFAULT_BATCH_RETRY: BatchRetryPolicy = { maxAttempts: 8, baseDelayMs: 50, maxDelayMs: 2_000 };

export const MAX_WRITE_BATCH = 25;
export const MAX_GET_BATCH = 100;

export type Item = Record<string, unknown>;
type Key = Record<string, unknown>;

interface BatchContext {
  readonly client: DynamoDBDocumentClient;
  readonly tableName: string;
  readonly retry: BatchRetryPolicy;
  readonly concurrency: number;
}

const sleepFor = (policy: BatchRetryPolicy, ms: number) => (policy.sleep ?? sleep)(ms);

/** Puts every item or throws StoreWriteError; ⌈items/25⌉ requests when nothing is throttled. */
export async function putAll(context: BatchContext, items: readonly Item[]): Promise<void> {
  if (items.length === 0) return;
  let unwritten = 0;
  let firstError: unknown;
  const chunks = chunked(items, MAX_WRITE_BATCH);
  let started = 0;
  await forEachConcurrently(chunks, context.concurrency, async (chunk) => {
    started++;
    try {
      await putChunk(context, chunk);
    } catch (error) {
      unwritten += error instanceof StoreWriteError ? error.unprocessedItems : chunk.length;
      firstError ??= error;
      throw error;
    }
  }).catch(() => undefined);
  if (firstError === undefined) return;
  for (const chunk of chunks.slice(started)) unwritten += chunk.length;
  throw new StoreWriteError(
    `${unwritten} of ${items.length} items could not be written to ${context.tableName}`,
    unwritten,
    { cause: firstError },
  );
}

async function putChunk(context: BatchContext, chunk: readonly Item[]): Promise<void> {
  const { client, tableName, retry } = context;
  let pending = chunk.map((item) => ({ PutRequest: { Item: item } }));
  for (let attempt = 1; ; attempt++) {
    let output: Awaited<ReturnType<typeof sendBatchWrite>>;
    try {
      output = await sendBatchWrite(client, tableName, pending);
    } catch (error) {
      throw new StoreWriteError(`BatchWriteItem failed: ${describe(error)}`, pending.length, {
        cause: error,
      });
    }
    const left = (output.UnprocessedItems?.[tableName] ?? []) as typeof pending;
    if (left.length === 0) return;
    if (attempt >= retry.maxAttempts) {
      throw new StoreWriteError(
        `${left.length} items still unprocessed after ${attempt} BatchWriteItem attempts`,
        left.length,
      );
    }
    await sleepFor(retry, backoffDelay(attempt, retry, retry.random));
    pending = left;
  }
}

function sendBatchWrite(
  client: DynamoDBDocumentClient,
  tableName: string,
  requests: { PutRequest: { Item: Item } }[],
) {
  return client.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests } }));
}

/** Consistent bulk get, 100 keys per request, unprocessed keys retried like writes. */
export async function getAll(
  context: BatchContext,
  keys: readonly Key[],
  projection?: { expression: string; names: Record<string, string> },
): Promise<Item[]> {
  const found: Item[] = [];
  await forEachConcurrently(chunked(keys, MAX_GET_BATCH), context.concurrency, async (chunk) => {
    let pending: Key[] = chunk;
    for (let attempt = 1; ; attempt++) {
      const output = await context.client.send(
        new BatchGetCommand({
          RequestItems: {
            [context.tableName]: {
              Keys: pending,
              ConsistentRead: true,
              ...(projection
                ? { ProjectionExpression: projection.expression, ExpressionAttributeNames: projection.names }
                : {}),
            },
          },
        }),
      );
      found.push(...((output.Responses?.[context.tableName] ?? []) as Item[]));
      const left = (output.UnprocessedKeys?.[context.tableName]?.Keys ?? []) as Key[];
      if (left.length === 0) return;
      if (attempt >= context.retry.maxAttempts) {
        throw new StoreReadError(
          `${left.length} keys still unprocessed after ${attempt} BatchGetItem attempts`,
        );
      }
      await sleepFor(context.retry, backoffDelay(attempt, context.retry, context.retry.random));
      pending = left;
    }
  });
  return found;
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
