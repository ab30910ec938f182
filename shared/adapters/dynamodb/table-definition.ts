/**
 * The one definition of the dtwatch table's shape, shared by the CDK app (infra) and
 * `dtwatch store init` / the embedded store. Plain constants only: infra imports this file, so it
 * must not pull in any runtime AWS client code. docs/data-model.md explains the keys.
 */

/** Partition and sort key of the table. */
export const PARTITION_KEY = { name: 'pk', type: 'S' } as const;
export const SORT_KEY = { name: 'sk', type: 'S' } as const;

/** The one global secondary index: a second ordering for source runs per source. */
export const GSI1 = {
  indexName: 'gsi1',
  partitionKey: { name: 'gsi1pk', type: 'S' },
  sortKey: { name: 'gsi1sk', type: 'S' },
  projection: 'ALL',
} as const;

export const GLOBAL_SECONDARY_INDEXES = [GSI1] as const;

/** Epoch seconds after which DynamoDB may delete a short-lived item. */
export const TTL_ATTRIBUTE = 'expiresAt';

export const BILLING_MODE = 'PAY_PER_REQUEST';

/** Table name the embedded store uses when `DTWATCH_TABLE` is not set. */
export const EMBEDDED_TABLE_NAME = 'dtwatch';

/** Plain-data shape of a CreateTable request (structurally what the SDK's CreateTableInput expects). */
export interface TableCreation {
  TableName: string;
  BillingMode: typeof BILLING_MODE;
  AttributeDefinitions: { AttributeName: string; AttributeType: 'S' }[];
  KeySchema: { AttributeName: string; KeyType: 'HASH' | 'RANGE' }[];
  GlobalSecondaryIndexes: {
    IndexName: string;
    KeySchema: { AttributeName: string; KeyType: 'HASH' | 'RANGE' }[];
    Projection: { ProjectionType: 'ALL' };
  }[];
}

export function tableCreation(tableName: string): TableCreation {
  const keyAttributes = [PARTITION_KEY, SORT_KEY, GSI1.partitionKey, GSI1.sortKey];
  return {
    TableName: tableName,
    BillingMode: BILLING_MODE,
    AttributeDefinitions: keyAttributes.map((key) => ({ AttributeName: key.name, AttributeType: key.type })),
    KeySchema: [
      { AttributeName: PARTITION_KEY.name, KeyType: 'HASH' },
      { AttributeName: SORT_KEY.name, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: GLOBAL_SECONDARY_INDEXES.map((index) => ({
      IndexName: index.indexName,
      KeySchema: [
        { AttributeName: index.partitionKey.name, KeyType: 'HASH' },
        { AttributeName: index.sortKey.name, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: index.projection },
    })),
  };
}
