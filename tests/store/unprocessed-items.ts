import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * Wraps a document client so that BatchWriteItem behaves like a throttled table: the first
 * `partialResponses` requests write only the first half of their items and hand the rest back as
 * UnprocessedItems; with `refuseAll` nothing is ever written. Counts BatchWriteItem requests.
 */
export function withUnprocessedItems(
  client: DynamoDBDocumentClient,
  tableName: string,
  plan: { partialResponses?: number; refuseAll?: boolean },
): { client: DynamoDBDocumentClient; batchWrites(): number } {
  let partialLeft = plan.partialResponses ?? 0;
  let batchWrites = 0;
  const send = async (command: unknown) => {
    if (!(command instanceof BatchWriteCommand)) {
      return (client.send as (command: unknown) => Promise<unknown>)(command);
    }
    batchWrites++;
    const requests = command.input.RequestItems?.[tableName] ?? [];
    if (plan.refuseAll) return { UnprocessedItems: { [tableName]: requests } };
    if (partialLeft <= 0 || requests.length < 2) return client.send(command);
    partialLeft--;
    const half = Math.ceil(requests.length / 2);
    await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests.slice(0, half) } }));
    return { UnprocessedItems: { [tableName]: requests.slice(half) } };
  };
  const wrapped = new Proxy(client, {
    get: (target, property, receiver) =>
      property === 'send' ? send : Reflect.get(target, property, receiver),
  });
  return { client: wrapped, batchWrites: () => batchWrites };
}
