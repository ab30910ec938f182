import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, PutCommand, paginateQuery } from '@aws-sdk/lib-dynamodb';
import type { ObservationRevision, ObservationRevisions } from '../../ports/observation-revisions.ts';
import type { SignInTokens } from '../../ports/sign-in-tokens.ts';
import { epochSeconds, revisionPk, signInPk } from './item-keys.ts';
import { TTL_ATTRIBUTE } from './table-definition.ts';

interface TableOptions {
  readonly client: DynamoDBDocumentClient;
  readonly tableName: string;
}

/**
 * Spent sign-in links in the single table: `pk = SIGNIN#<programme>`, `sk = <link id>`, written
 * with `attribute_not_exists` (the second use of a link fails the condition) and deleted by TTL
 * a day after the link expired.
 */
export class DynamoSignInTokens implements SignInTokens {
  constructor(private readonly options: TableOptions) {}

  async spendSignInToken(programme: string, tokenId: string, expiresAt: string): Promise<boolean> {
    try {
      await this.options.client.send(
        new PutCommand({
          TableName: this.options.tableName,
          Item: {
            pk: signInPk(programme),
            sk: tokenId,
            [TTL_ATTRIBUTE]: epochSeconds(expiresAt) + 86_400,
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
}

/**
 * Superseded observation values, as the store archives them on a revision:
 * `pk = REV#<programme>#<unit>`, `sk = <indicator>#<date>#<revision>`, value `v`, received `r`.
 */
export class DynamoObservationRevisions implements ObservationRevisions {
  constructor(private readonly options: TableOptions) {}

  async seriesRevisions(programme: string, unit: string, indicator: string): Promise<ObservationRevision[]> {
    const revisions: ObservationRevision[] = [];
    const pages = paginateQuery(
      { client: this.options.client },
      {
        TableName: this.options.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :series)',
        ExpressionAttributeValues: { ':pk': revisionPk(programme, unit), ':series': `${indicator}#` },
      },
    );
    for await (const page of pages) {
      for (const item of page.Items ?? []) {
        const [, date = ''] = String(item.sk).split('#');
        if (typeof item.v === 'number') {
          revisions.push({ date, value: item.v, receivedAt: String(item.r ?? '') });
        }
      }
    }
    return revisions;
  }
}
