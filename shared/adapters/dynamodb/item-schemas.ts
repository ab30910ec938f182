import * as z from 'zod';
import type { Acknowledgement } from '../../alerts/acknowledgement.ts';
import { ALERT_KINDS } from '../../alerts/alert-kind.ts';
import type { AlertStateRecord } from '../../alerts/alert-state.ts';
import type { DigestRecord } from '../../digest/digest-record.ts';
import type { QuarantinedRow, SourceRun } from '../../domain/ingest-records.ts';
import type { LedgerEntry } from '../../domain/notification-ledger-entry.ts';
import { SERIES_STATUSES } from '../../domain/series-status.ts';
import { maskContactsInText } from '../../pii-mask.ts';
import type { Item } from './batch-requests.ts';
import { StoreReadError } from './store-errors.ts';

/**
 * The shape of every item kind as read back, so that an item written by an older version, edited
 * by hand or damaged fails loudly with its key and field instead of flowing on as a wrong type.
 * Extra attributes are allowed (keys, TTL, fields a newer version adds).
 */

const text = z.string();
const count = z.number().int().nonnegative();
const channel = z.enum(['sms', 'email']);

export const observationValue = z.looseObject({ sk: text, v: z.number() });
export const currentValue = z.looseObject({ sk: text, v: z.number(), r: text, n: count.optional() });

/**
 * An observation item as `observationValue` checks it, with the common case decided by two
 * `typeof`s: a programme read goes through millions of these, and zod costs ~2 µs each.
 */
export function readObservationValue(item: Item): { sk: string; v: number } {
  const { sk, v } = item;
  if (typeof sk === 'string' && typeof v === 'number') return { sk, v };
  return readItem(observationValue, item, item);
}

/** The same for what an ingest reads before writing (`currentValue`). */
export function readCurrentValue(item: Item): { sk: string; v: number; r: string; n?: number } {
  const { sk, v, r, n } = item;
  if (typeof sk === 'string' && typeof v === 'number' && typeof r === 'string') {
    if (n === undefined) return { sk, v, r };
    if (typeof n === 'number' && Number.isInteger(n) && n >= 0) return { sk, v, r, n };
  }
  return readItem(currentValue, item, item);
}

export const quarantinedRow: z.ZodType<QuarantinedRow> = z.looseObject({
  programme: text,
  source: text,
  receivedAt: text,
  location: text,
  reason: text,
  row: z.object({
    unit: text.optional(),
    indicator: text.optional(),
    date: text.optional(),
    value: text.optional(),
  }),
});

export const sourceRun: z.ZodType<SourceRun> = z.looseObject({
  programme: text,
  source: text,
  runKey: text.optional(),
  startedAt: text,
  finishedAt: text,
  outcome: z.enum(['ok', 'partial', 'failed']),
  rowsOk: count,
  rowsRejected: count,
  rowsUnchanged: count,
  error: text.optional(),
});

export const alertStateRecord: z.ZodType<AlertStateRecord> = z.looseObject({
  programme: text,
  unit: text,
  indicator: text,
  kind: z.enum(ALERT_KINDS),
  state: z.enum(['open', 'resolved']),
  openedAt: text,
  lastNotifiedAt: text.optional(),
  resolvedAt: text.optional(),
  escalationLevel: count,
  lastStatus: z.enum(SERIES_STATUSES).optional(),
  history: z.array(z.object({ at: text, event: text, detail: text.optional() })),
});

export const acknowledgement: z.ZodType<Acknowledgement> = z.looseObject({
  programme: text,
  unit: text,
  indicator: text.optional(),
  until: text,
  note: text,
  by: text,
  createdAt: text,
});

export const ledgerEntry: z.ZodType<LedgerEntry> = z.looseObject({
  programme: text,
  runKey: text,
  recipient: text,
  channel,
  state: z.enum(['pending', 'sent']),
  claimedAt: text,
  sender: text.optional(),
  sentAt: text.optional(),
  messageId: text.optional(),
  catalogVersion: text.optional(),
});

export const digestRecord: z.ZodType<DigestRecord> = z.looseObject({
  programme: text,
  week: text,
  createdAt: text,
  reportLocation: text.optional(),
  statusCounts: z.record(z.enum(SERIES_STATUSES), z.number()),
  unitScores: z.record(text, z.number()),
});

/**
 * `value` checked against `schema`; otherwise a StoreReadError naming the item's key and the
 * first field that is wrong. Never a value, and the key with contacts masked: ledger keys hold
 * the recipient, and the message ends up in logs.
 */
export function readItem<T>(schema: z.ZodType<T>, value: unknown, item: Item): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.map(String).join('.') || '(whole item)';
  throw new StoreReadError(
    `corrupt item pk="${maskContactsInText(String(item.pk))}" sk="${maskContactsInText(String(item.sk))}": field "${field}" ${issue?.message ?? 'is invalid'}`,
    { cause: parsed.error },
  );
}
