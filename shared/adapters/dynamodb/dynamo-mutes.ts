import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, PutCommand, paginateQuery, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { compareMutes, DuplicateMuteError, type Mute } from '../../alerts/mute.ts';
import type { Mutes } from '../../ports/mutes.ts';
import { mutePk } from './item-keys.ts';

/**
 * The Mutes port in the single table: `pk = MUTE#<programme>`, `sk = <id>`, the mute as one
 * attribute. Created by a conditional put; removal sets `removed` (conditionally, once), so the
 * partition is the mutes' audit.
 */
export class DynamoMutes implements Mutes {
  constructor(private readonly options: { client: DynamoDBDocumentClient; tableName: string }) {}

  async putMute(mute: Mute): Promise<void> {
    try {
      await this.options.client.send(
        new PutCommand({
          TableName: this.options.tableName,
          Item: { pk: mutePk(mute.programme), sk: mute.id, mute },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new DuplicateMuteError(mute.id);
      throw error;
    }
  }

  async listMutes(programme: string): Promise<Mute[]> {
    const mutes: Mute[] = [];
    const pages = paginateQuery(
      { client: this.options.client },
      {
        TableName: this.options.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': mutePk(programme) },
        ConsistentRead: true,
      },
    );
    for await (const page of pages) {
      for (const item of page.Items ?? []) mutes.push(item.mute as Mute);
    }
    return mutes.sort(compareMutes);
  }

  async removeMute(programme: string, id: string, removed: { at: string; by: string }): Promise<boolean> {
    try {
      await this.options.client.send(
        new UpdateCommand({
          TableName: this.options.tableName,
          Key: { pk: mutePk(programme), sk: id },
          UpdateExpression: 'SET #mute.#removed = :removed',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(#mute.#removed)',
          ExpressionAttributeNames: { '#mute': 'mute', '#removed': 'removed' },
          ExpressionAttributeValues: { ':removed': { at: removed.at, by: removed.by } },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}
