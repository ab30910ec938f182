import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import {
  AUDIT_KINDS,
  type AuditEvent,
  auditEventId,
  DEFAULT_AUDIT_RETAIN_UNTIL,
  onTimeline,
} from '../../domain/audit-event.ts';
import { SERIES_STATUSES } from '../../domain/series-status.ts';
import type { AuditTrail } from '../../ports/audit-trail.ts';
import { DEFAULT_BATCH_RETRY, type Item, putAll } from './batch-requests.ts';
import { auditPk, epochSeconds, isoInstant } from './item-keys.ts';
import { readItem } from './item-schemas.ts';
import { TTL_ATTRIBUTE } from './table-definition.ts';

export interface DynamoAuditTrailOptions {
  readonly client: DynamoDBDocumentClient;
  readonly tableName: string;
  /** ISO-8601 instant after which DynamoDB may delete the records (default: 2031-01-01). */
  readonly retainUntil?: string;
}

const text = z.string();
const number = z.number().nullable();
/** An event as read back: its kind and the fields every timeline shows; extra attributes allowed. */
const storedEvent = z.looseObject({
  kind: z.enum(AUDIT_KINDS as [AuditEvent['kind'], ...AuditEvent['kind'][]]),
  programme: text,
  at: text,
  unit: text.default(''),
  indicator: text.optional(),
  catalogVersion: text.optional(),
  basis: z
    .array(
      z.looseObject({
        unit: text,
        indicator: text,
        status: z.enum(SERIES_STATUSES),
        value: number,
        date: text.nullable(),
        required: number,
      }),
    )
    .optional(),
});

/**
 * The audit trail in the single table (docs/data-model.md, "Audit trail"): one partition per unit
 * of a programme, sorted by instant, each item expiring at the retention instant.
 */
export function createDynamoAuditTrail(options: DynamoAuditTrailOptions): AuditTrail {
  const batch = {
    client: options.client,
    tableName: options.tableName,
    retry: DEFAULT_BATCH_RETRY,
    concurrency: 4,
  };
  const expiresAt = epochSeconds(options.retainUntil ?? DEFAULT_AUDIT_RETAIN_UNTIL);
  return {
    async record(events) {
      const items = new Map<string, Item>();
      for (const event of events) {
        const pk = auditPk(event.programme, event.unit);
        const sk = `${isoInstant(event.at)}#${auditEventId(event)}`;
        // Empty strings are left out (not every DynamoDB implementation stores them).
        const fields = Object.entries(event).filter(([, value]) => value !== '');
        items.set(`${pk}\u0000${sk}`, { ...Object.fromEntries(fields), pk, sk, [TTL_ATTRIBUTE]: expiresAt });
      }
      await putAll(batch, [...items.values()]);
    },
    async auditTimeline({ programme, unit, indicator, limit }) {
      const timeline: AuditEvent[] = [];
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await options.client.send(
          new QueryCommand({
            TableName: options.tableName,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': auditPk(programme, unit) },
            ScanIndexForward: false,
            ExclusiveStartKey: startKey,
          }),
        );
        for (const item of page.Items ?? []) {
          const { pk: _pk, sk: _sk, [TTL_ATTRIBUTE]: _ttl, ...rest } = item;
          const event = readItem(storedEvent, rest, item) as unknown as AuditEvent;
          const shown = onTimeline(event, indicator);
          if (shown) timeline.push(shown);
        }
        startKey = page.LastEvaluatedKey;
      } while (startKey && (limit === undefined || timeline.length < limit));
      return limit === undefined ? timeline : timeline.slice(0, limit);
    },
  };
}
