import type { PlannedMessage } from '../alerts/delivery-plan.ts';
import type { Programme } from '../catalog/programme.ts';
import { messageHash, type NotificationBasis, type NotificationEvent } from '../domain/audit-event.ts';
import type { OutgoingMessage } from '../ports/notifier.ts';

/**
 * The audit records of one message sent: one per unit it spoke about (a parent head's message
 * may cover several units), each with the figures the message showed for that unit's series.
 * A message about no series (the digest) is one programme-wide record.
 */
export function notificationEvents(
  programme: Programme,
  sent: OutgoingMessage,
  messageId: string,
  at: string,
  planned?: PlannedMessage,
): NotificationEvent[] {
  const byUnit = new Map<string, NotificationBasis[]>();
  for (const { unit, indicator, notice } of planned?.notices ?? []) {
    const list = byUnit.get(unit) ?? [];
    list.push({
      unit,
      indicator,
      alert: notice.kind,
      event: notice.event,
      status: notice.snapshot.status,
      value: notice.snapshot.value,
      date: notice.snapshot.date,
      required: notice.snapshot.required,
    });
    byUnit.set(unit, list);
  }
  const common = {
    kind: 'notification' as const,
    programme: programme.id,
    at,
    ...(programme.catalogVersion !== undefined && { catalogVersion: programme.catalogVersion }),
    message: sent.kind,
    channel: sent.channel,
    recipient: sent.recipient,
    ...(sent.recipientName !== undefined && { recipientName: sent.recipientName }),
    runKey: sent.runKey,
    messageId,
    messageHash: messageHash(sent.body),
    textLength: sent.body.length,
  };
  if (byUnit.size === 0) return [{ ...common, unit: '', basis: [] }];
  return [...byUnit].map(([unit, basis]) => ({ ...common, unit, basis }));
}
