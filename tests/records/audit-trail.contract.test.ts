import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoAuditTrail } from '../../shared/adapters/dynamodb/dynamo-audit-trail.ts';
import { createMemoryAuditTrail } from '../../shared/adapters/memory/memory-audit-trail.ts';
import type { AuditEvent, NotificationEvent } from '../../shared/domain/audit-event.ts';
import type { AuditTrail } from '../../shared/ports/audit-trail.ts';
import { BACKENDS } from '../store/store-backends.ts';

interface Twin {
  readonly name: string;
  open(): Promise<{ trail: AuditTrail; close(): Promise<void> }>;
}

const TWINS: Twin[] = [
  { name: 'in-memory', open: async () => ({ trail: createMemoryAuditTrail(), close: async () => {} }) },
  ...BACKENDS.map(
    (backend): Twin => ({
      name: backend.name,
      async open() {
        const running = await backend.start();
        return {
          trail: createDynamoAuditTrail({ client: running.documents, tableName: running.tableName }),
          close: () => running.stop(),
        };
      },
    }),
  ),
];

const notification = (programme: string, at: string, overrides: Partial<NotificationEvent> = {}) =>
  ({
    kind: 'notification',
    programme,
    at,
    unit: '42',
    catalogVersion: 'a1b2c3d4e5f6',
    message: 'alert',
    channel: 'email',
    recipient: 'head.42@example.com',
    recipientName: 'Trưởng phòng 42',
    runKey: at.slice(0, 10),
    messageId: `m-${at}`,
    messageHash: 'f'.repeat(64),
    textLength: 812,
    basis: [
      {
        unit: '42',
        indicator: 'dossiers',
        alert: 'behind',
        event: 'opened',
        status: 'behind',
        value: 41.5,
        date: '2026-10-31',
        required: 60,
      },
      {
        unit: '42',
        indicator: 'payments',
        alert: 'stale',
        event: 'reminder',
        status: 'stale',
        value: null,
        date: null,
        required: null,
      },
    ],
    ...overrides,
  }) satisfies NotificationEvent;

describe.each(TWINS)('AuditTrail contract on $name', (twin) => {
  let trail: AuditTrail;
  let close: () => Promise<void>;
  let programmes = 0;
  const fresh = () => `audit-${twin.name}-${++programmes}`;

  beforeAll(async () => {
    ({ trail, close } = await twin.open());
  }, 60_000);
  afterAll(async () => close());

  it('gives back what was recorded, newest first, per programme and unit', async () => {
    const programme = fresh();
    const older = notification(programme, '2026-11-02T01:00:00.000Z');
    const newer = notification(programme, '2026-11-09T01:00:00.000Z');
    const ack: AuditEvent = {
      kind: 'acknowledgement',
      programme,
      at: '2026-11-05T03:00:00.000Z',
      unit: '42',
      indicator: 'dossiers',
      action: 'recorded',
      by: 'office',
      until: '2026-12-31',
      note: 'Kế hoạch khắc phục',
    };
    await trail.record([older, ack]);
    await trail.record([newer, notification(fresh(), '2026-11-09T01:00:00.000Z')]);
    await trail.record([{ ...newer, unit: '43', basis: [] }]);
    expect(await trail.auditTimeline({ programme, unit: '42' })).toEqual([newer, ack, older]);
    expect(await trail.auditTimeline({ programme, unit: '42', limit: 2 })).toEqual([newer, ack]);
  });

  it('keeps an event recorded twice once (a retried run)', async () => {
    const programme = fresh();
    const event = notification(programme, '2026-11-02T01:00:00.000Z');
    await trail.record([event, event]);
    await trail.record([event]);
    expect(await trail.auditTimeline({ programme, unit: '42' })).toHaveLength(1);
  });

  it('narrows to one indicator: its series in each message, and unit-wide events', async () => {
    const programme = fresh();
    const message = notification(programme, '2026-11-02T01:00:00.000Z');
    const unitWide: AuditEvent = {
      kind: 'directory',
      programme,
      at: '2026-11-01T00:00:00.000Z',
      unit: '42',
      action: 'opened',
      by: 'import',
      role: 'head',
      name: 'Nguyễn Văn A',
      validFrom: '2026-11-01',
    };
    const otherIndicator: AuditEvent = {
      kind: 'mute',
      programme,
      at: '2026-11-03T00:00:00.000Z',
      unit: '42',
      indicator: 'payments',
      action: 'set',
      by: 'office',
      until: '2026-11-30',
      reason: 'nguồn dữ liệu bảo trì',
    };
    await trail.record([message, unitWide, otherIndicator]);
    const timeline = await trail.auditTimeline({ programme, unit: '42', indicator: 'dossiers' });
    expect(timeline).toEqual([{ ...message, basis: [message.basis[0]] }, unitWide]);
  });

  it('keeps programme-wide events (no unit) on a timeline of their own', async () => {
    const programme = fresh();
    const digest = notification(programme, '2026-11-02T00:30:00.000Z', {
      unit: '',
      message: 'digest',
      basis: [],
    });
    await trail.record([digest]);
    expect(await trail.auditTimeline({ programme, unit: '' })).toEqual([digest]);
    expect(await trail.auditTimeline({ programme, unit: '42' })).toEqual([]);
  });
});
