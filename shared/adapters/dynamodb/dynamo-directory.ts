import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { EmailState, Role, Tenure } from '../../domain/person.ts';
import type { Directory } from '../../ports/directory.ts';
import { DEFAULT_BATCH_RETRY, type Item, putAll } from './batch-requests.ts';
import { EMAIL_INTEREST_PK, EMAIL_STATE_PK, emailInterestSk, tenurePk, tenureSk } from './item-keys.ts';

export interface DynamoDirectoryOptions {
  readonly client: DynamoDBDocumentClient;
  readonly tableName: string;
}

/** The Directory port in the project's single table (keys: docs/data-model.md, "People"). */
export function createDynamoDirectory(options: DynamoDirectoryOptions): Directory {
  const batch = {
    client: options.client,
    tableName: options.tableName,
    retry: DEFAULT_BATCH_RETRY,
    concurrency: 4,
  };
  const partition = async (pk: string): Promise<Item[]> => {
    const items: Item[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await options.client.send(
        new QueryCommand({
          TableName: options.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': pk },
          ExclusiveStartKey: startKey,
          ConsistentRead: true,
        }),
      );
      items.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return items;
  };
  return {
    async listTenures(programme) {
      return (await partition(tenurePk(programme))).map(tenureOf);
    },
    async putTenures(programme, tenures) {
      await putAll(
        batch,
        tenures.map((tenure) => {
          // Empty strings are left out: not every DynamoDB implementation stores them.
          const fields = Object.entries({ ...tenure, programme }).filter(([, value]) => value !== '');
          return {
            ...Object.fromEntries(fields),
            pk: tenurePk(programme),
            sk: tenureSk(tenure.seat, tenure.validFrom),
          };
        }),
      );
    },
    async listEmailStates() {
      return (await partition(EMAIL_STATE_PK)).map((item) => ({
        address: item.address as string,
        state: item.state as EmailState,
        updatedAt: item.updatedAt as string,
      }));
    },
    async putEmailStates(states) {
      await putAll(
        batch,
        states.map((state) => ({ ...state, pk: EMAIL_STATE_PK, sk: state.address })),
      );
    },
    async listEmailInterests() {
      return (await partition(EMAIL_INTEREST_PK)).map((item) => ({
        address: item.address as string,
        programme: item.programme as string,
        wanted: item.wanted === true,
        updatedAt: item.updatedAt as string,
      }));
    },
    async putEmailInterests(interests) {
      await putAll(
        batch,
        interests.map((interest) => ({
          ...interest,
          pk: EMAIL_INTEREST_PK,
          sk: emailInterestSk(interest.address, interest.programme),
        })),
      );
    },
  };
}

function tenureOf(item: Item): Tenure {
  return {
    programme: item.programme as string,
    seat: item.seat as string,
    role: item.role as Role,
    unit: typeof item.unit === 'string' ? item.unit : '',
    indicator: typeof item.indicator === 'string' ? item.indicator : '',
    name: item.name as string,
    ...(typeof item.email === 'string' && { email: item.email }),
    ...(typeof item.phone === 'string' && { phone: item.phone }),
    validFrom: item.validFrom as string,
    ...(typeof item.validTo === 'string' && { validTo: item.validTo }),
    recordedAt: item.recordedAt as string,
  };
}
