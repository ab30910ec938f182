import { describe, expect, it } from 'vitest';
import { createMemoryAuditTrail } from '../../shared/adapters/memory/memory-audit-trail.ts';
import { MemoryNotificationLedger } from '../../shared/adapters/memory/memory-notification-ledger.ts';
import type { NotificationEvent } from '../../shared/domain/audit-event.ts';
import type { LedgerKey } from '../../shared/domain/notification-ledger-entry.ts';
import type { AuditTrail } from '../../shared/ports/audit-trail.ts';
import { fixedClock } from '../../shared/ports/clock.ts';
import type { Notifier, OutgoingMessage } from '../../shared/ports/notifier.ts';
import { deliverOnce } from '../../shared/use-cases/deliver-once.ts';

const KEY: LedgerKey = {
  programme: 'p',
  runKey: '2025-03-03',
  recipient: 'head@example.com',
  channel: 'email',
};
const MESSAGE: OutgoingMessage = {
  channel: 'email',
  recipient: KEY.recipient,
  subject: 's',
  body: 'b',
  programme: 'p',
  runKey: KEY.runKey,
  kind: 'alert',
};
const CLAIM = { leaseSeconds: 300, sender: 'run-1' };
const clock = fixedClock('2025-03-03T01:00:00Z');

function eventsOf(messageId: string, at: string): NotificationEvent[] {
  return [
    {
      kind: 'notification',
      programme: 'p',
      unit: 'so-a',
      at,
      message: 'alert',
      channel: 'email',
      recipient: KEY.recipient,
      runKey: KEY.runKey,
      messageId,
      messageHash: '0'.repeat(64),
      textLength: 1,
      basis: [],
    },
  ];
}

function notifier(fail = false): Notifier & { sent: number } {
  const counter = {
    sent: 0,
    async send() {
      if (fail) throw new Error('provider down');
      counter.sent++;
      return { messageId: `m-${counter.sent}` };
    },
  };
  return counter;
}

describe('deliverOnce: claim, publish, record, mark', () => {
  it('sends once, records it, and marks it sent; a second attempt finds it sent and publishes nothing', async () => {
    const ledger = new MemoryNotificationLedger();
    const audit = createMemoryAuditTrail();
    const provider = notifier();
    const failures: unknown[] = [];
    const deps = { ledger, notifier: provider, clock, audit };
    const first = await deliverOnce(deps, KEY, CLAIM, MESSAGE, eventsOf, failures);
    expect(first).toEqual({ outcome: 'sent', messageId: 'm-1', recorded: true });
    const again = await deliverOnce(deps, KEY, { ...CLAIM, sender: 'run-2' }, MESSAGE, eventsOf, failures);
    expect(again).toEqual({ outcome: 'already-sent' });
    expect(provider.sent).toBe(1);
    expect(failures).toEqual([]);
    const [entry] = await ledger.listNotifications('p', KEY.runKey);
    expect(entry).toMatchObject({ state: 'sent', messageId: 'm-1' });
    const timeline = await audit.auditTimeline({ programme: 'p', unit: 'so-a' });
    expect(timeline).toHaveLength(1);
  });

  it('releases the claim when the publish fails, so the next attempt sends it', async () => {
    const ledger = new MemoryNotificationLedger();
    const failures: unknown[] = [];
    const failed = await deliverOnce(
      { ledger, notifier: notifier(true), clock },
      KEY,
      CLAIM,
      MESSAGE,
      eventsOf,
      failures,
    );
    expect(failed).toEqual({ outcome: 'failed' });
    expect(failures).toHaveLength(1);
    expect(await ledger.listNotifications('p', KEY.runKey)).toEqual([]);
    const retry = await deliverOnce(
      { ledger, notifier: notifier(), clock },
      KEY,
      CLAIM,
      MESSAGE,
      eventsOf,
      [],
    );
    expect(retry.outcome).toBe('sent');
  });

  it('still marks the message sent when its audit record fails, and reports the failure', async () => {
    const ledger = new MemoryNotificationLedger();
    const broken: AuditTrail = {
      record: () => Promise.reject(new Error('audit table down')),
      auditTimeline: async () => [],
    };
    const failures: unknown[] = [];
    const outcome = await deliverOnce(
      { ledger, notifier: notifier(), clock, audit: broken },
      KEY,
      CLAIM,
      MESSAGE,
      eventsOf,
      failures,
    );
    expect(outcome).toEqual({ outcome: 'sent', messageId: 'm-1', recorded: false });
    expect(failures).toHaveLength(1);
    const [entry] = await ledger.listNotifications('p', KEY.runKey);
    expect(entry?.state).toBe('sent');
  });

  it('leaves a message another sender holds to that sender', async () => {
    const ledger = new MemoryNotificationLedger();
    await ledger.claimNotification(KEY, { ...CLAIM, sender: 'other', at: clock.now().toISOString() });
    const provider = notifier();
    const outcome = await deliverOnce(
      { ledger, notifier: provider, clock },
      KEY,
      CLAIM,
      MESSAGE,
      eventsOf,
      [],
    );
    expect(outcome).toEqual({ outcome: 'busy' });
    expect(provider.sent).toBe(0);
  });
});
