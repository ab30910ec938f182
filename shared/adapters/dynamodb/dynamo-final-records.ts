import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, PutCommand, paginateQuery } from '@aws-sdk/lib-dynamodb';
import type { FinalRecord } from '../../domain/final-record.ts';
import type { FinalRecords } from '../../ports/final-records.ts';
import { finalRecordPk } from './item-keys.ts';

/**
 * The FinalRecords port in the single table: `pk = FINAL#<programme>`, `sk = <unit>`, the record
 * as one attribute. Written once (conditional put), read by one query per programme.
 */
export class DynamoFinalRecords implements FinalRecords {
  constructor(private readonly options: { client: DynamoDBDocumentClient; tableName: string }) {}

  async putFinalRecordIfAbsent(record: FinalRecord): Promise<boolean> {
    try {
      await this.options.client.send(
        new PutCommand({
          TableName: this.options.tableName,
          Item: {
            pk: finalRecordPk(record.programme),
            sk: record.unit,
            recordedAt: record.recordedAt,
            record,
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

  async listFinalRecords(programme: string): Promise<FinalRecord[]> {
    const records: FinalRecord[] = [];
    const pages = paginateQuery(
      { client: this.options.client },
      {
        TableName: this.options.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': finalRecordPk(programme) },
        ConsistentRead: true,
      },
    );
    for await (const page of pages) {
      for (const item of page.Items ?? []) records.push(item.record as FinalRecord);
    }
    return records;
  }
}
