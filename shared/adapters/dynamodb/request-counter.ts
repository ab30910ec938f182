import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * Counts DynamoDB requests per operation and sums the capacity the service says they consumed,
 * for the benchmark's "write requests vs the minimum" and RCU/WCU figures. Once attached, every
 * data operation of the client asks for `ReturnConsumedCapacity: 'TOTAL'`.
 */

const CAPACITY_OPERATIONS = new Set([
  'GetItem',
  'PutItem',
  'UpdateItem',
  'DeleteItem',
  'Query',
  'Scan',
  'BatchGetItem',
  'BatchWriteItem',
  'TransactGetItems',
  'TransactWriteItems',
]);
const READ_OPERATIONS = new Set(['GetItem', 'Query', 'Scan', 'BatchGetItem', 'TransactGetItems']);
const WRITE_OPERATIONS = new Set([
  'PutItem',
  'UpdateItem',
  'DeleteItem',
  'BatchWriteItem',
  'TransactWriteItems',
]);

export interface RequestCounts {
  /** Requests sent, by operation name (`BatchWriteItem`, `Query`, ...). */
  readonly requests: Readonly<Record<string, number>>;
  readonly readRequests: number;
  readonly writeRequests: number;
  /** Capacity units reported by the service (0 where the emulator reports none). */
  readonly readCapacityUnits: number;
  readonly writeCapacityUnits: number;
}

interface ConsumedCapacity {
  CapacityUnits?: number;
  ReadCapacityUnits?: number;
  WriteCapacityUnits?: number;
}

const MIDDLEWARE_NAME = 'dtwatchRequestCounter';

export class RequestCounter {
  private requests = new Map<string, number>();
  private readUnits = 0;
  private writeUnits = 0;

  /** Adds the counting middleware to the client (and so to document clients built on it). */
  attach(client: DynamoDBClient | DynamoDBDocumentClient): this {
    const stack = client.middlewareStack as DynamoDBClient['middlewareStack'];
    stack.remove(MIDDLEWARE_NAME);
    stack.add(
      (next, context) => async (args) => {
        const operation = String(context.commandName ?? 'Unknown').replace(/Command$/, '');
        const input = args.input as Record<string, unknown>;
        if (CAPACITY_OPERATIONS.has(operation) && input.ReturnConsumedCapacity === undefined) {
          input.ReturnConsumedCapacity = 'TOTAL';
        }
        this.requests.set(operation, (this.requests.get(operation) ?? 0) + 1);
        const result = await next(args);
        this.addCapacity(operation, (result.output as { ConsumedCapacity?: unknown }).ConsumedCapacity);
        return result;
      },
      { step: 'initialize', name: MIDDLEWARE_NAME, override: true },
    );
    return this;
  }

  /** Stops counting on that client. */
  detach(client: DynamoDBClient | DynamoDBDocumentClient): void {
    (client.middlewareStack as DynamoDBClient['middlewareStack']).remove(MIDDLEWARE_NAME);
  }

  counts(): RequestCounts {
    const requests = Object.fromEntries(this.requests);
    const sum = (operations: Set<string>) =>
      [...this.requests].reduce((total, [name, count]) => total + (operations.has(name) ? count : 0), 0);
    return {
      requests,
      readRequests: sum(READ_OPERATIONS),
      writeRequests: sum(WRITE_OPERATIONS),
      readCapacityUnits: round(this.readUnits),
      writeCapacityUnits: round(this.writeUnits),
    };
  }

  reset(): void {
    this.requests.clear();
    this.readUnits = 0;
    this.writeUnits = 0;
  }

  private addCapacity(operation: string, consumed: unknown): void {
    const entries = (Array.isArray(consumed) ? consumed : consumed ? [consumed] : []) as ConsumedCapacity[];
    for (const entry of entries) {
      const read = entry.ReadCapacityUnits;
      const write = entry.WriteCapacityUnits;
      if (read !== undefined || write !== undefined) {
        this.readUnits += read ?? 0;
        this.writeUnits += write ?? 0;
      } else if (WRITE_OPERATIONS.has(operation)) {
        this.writeUnits += entry.CapacityUnits ?? 0;
      } else {
        this.readUnits += entry.CapacityUnits ?? 0;
      }
    }
  }
}

function round(units: number): number {
  return Math.round(units * 100) / 100;
}
