import { describe, expect, it } from 'vitest';
import { advanceAlerts } from '../../shared/alerts/alert-lifecycle.ts';
import { pendingNotices } from '../../shared/alerts/alert-notice.ts';
import { clearDelivered, type LedgerView, planDelivery } from '../../shared/alerts/delivery-plan.ts';
import { isQuietTime } from '../../shared/alerts/quiet-hours.ts';
import type { Programme } from '../../shared/catalog/programme.ts';
import type { Channel } from '../../shared/domain/channel.ts';
import { CONTACTS, result, testProgramme } from './support/fixture.ts';

const nothingSent: LedgerView = { isSent: () => false, claimedAt: () => undefined };
/** Entries sent, claimed at `claimedAt` (default: long before the runs of these tests). */
const sentLedger = (
  entries: [string, Channel, string][],
  claimedAt = '2025-01-01T00:00:00.000Z',
): LedgerView => {
  const has = (runKey: string, channel: Channel, address: string) =>
    entries.some(([k, c, a]) => k === runKey && c === channel && a === address);
  return { isSent: has, claimedAt: (...key) => (has(...key) ? claimedAt : undefined) };
};

function opened(programme: Programme, units: string[], now = new Date('2025-03-03T01:00:00Z')) {
  return advanceAlerts({
    programme,
    previous: [],
    results: units.map((unit) => result(unit, 'behind')),
    acknowledgements: [],
    now,
  }).states;
}

describe('quiet hours', () => {
  const window = { start: '21:00', end: '07:00' };
  it('reads the programme wall clock and wraps midnight', () => {
    const tz = 'Asia/Ho_Chi_Minh';
    expect(isQuietTime(new Date('2025-03-03T13:59:00Z'), tz, window)).toBe(false); // 20:59
    expect(isQuietTime(new Date('2025-03-03T14:00:00Z'), tz, window)).toBe(true); // 21:00
    expect(isQuietTime(new Date('2025-03-03T23:59:00Z'), tz, window)).toBe(true); // 06:59
    expect(isQuietTime(new Date('2025-03-04T00:00:00Z'), tz, window)).toBe(false); // 07:00
    expect(isQuietTime(new Date('2025-03-04T05:00:00Z'), tz, { start: '12:00', end: '13:00' })).toBe(true);
    expect(isQuietTime(new Date('2025-03-04T05:00:00Z'), tz, { start: '12:00', end: '12:00' })).toBe(false);
  });
});

describe('delivery plan', () => {
  const programme = testProgramme();

  it('groups one message per address and channel, most severe first, and stamps the run key', () => {
    const states = opened(programme, ['so-a', 'so-b']);
    const plan = planDelivery({
      programme,
      states,
      runKey: 'r1',
      now: new Date('2025-03-03T01:00:00Z'),
      ledger: nothingSent,
    });
    expect(plan.messages.map((m) => `${m.channel} ${m.address}`).sort()).toEqual([
      `email ${CONTACTS.headA.email}`,
      `email ${CONTACTS.headB.email}`,
      `sms ${CONTACTS.headA.phone}`,
      `sms ${CONTACTS.headB.phone}`,
    ]);
    expect(plan.states.flatMap(pendingNotices).every((notice) => notice.runKey === 'r1')).toBe(true);
    const cleared = clearDelivered(plan.states, plan.messages);
    expect(cleared.flatMap(pendingNotices)).toEqual([]);
  });

  it('defers SMS in the quiet hours but sends e-mail', () => {
    const night = new Date('2025-03-03T15:30:00Z'); // 22:30 in Hà Nội
    const states = opened(programme, ['so-a'], night);
    const plan = planDelivery({ programme, states, runKey: 'r1', now: night, ledger: nothingSent });
    expect(plan.messages.map((m) => m.channel)).toEqual(['email']);
    expect(plan.deferred).toBe(1);
    const left = clearDelivered(plan.states, plan.messages).flatMap(pendingNotices);
    expect(left.map((notice) => `${notice.channel} ${notice.runKey ?? '-'}`)).toEqual(['sms -']);
    const morning = planDelivery({
      programme,
      states: clearDelivered(plan.states, plan.messages),
      runKey: 'r2',
      now: new Date('2025-03-04T01:00:00Z'),
      ledger: nothingSent,
    });
    expect(morning.messages.map((m) => `${m.channel} ${m.address}`)).toEqual([`sms ${CONTACTS.headA.phone}`]);
  });

  it('caps SMS per run: the most severe go, the rest are covered by e-mail and counted', () => {
    const capped = testProgramme({ smsPerRunCap: 1 });
    const states = advanceAlerts({
      programme: capped,
      previous: [],
      results: [result('so-a', 'behind', { gap: -2 }), result('so-b', 'behind', { gap: -9 })],
      acknowledgements: [],
      now: new Date('2025-03-03T01:00:00Z'),
    }).states;
    const plan = planDelivery({
      programme: capped,
      states,
      runKey: 'r1',
      now: new Date('2025-03-03T01:00:00Z'),
      ledger: nothingSent,
    });
    expect(plan.overCap).toBe(1);
    expect(plan.messages.filter((m) => m.channel === 'sms').map((m) => m.address)).toEqual([
      CONTACTS.headB.phone,
    ]);
    expect(plan.messages.filter((m) => m.channel === 'email')).toHaveLength(2);
    // Covered by the e-mail: the over-cap SMS is not kept for later.
    expect(clearDelivered(plan.states, plan.messages).flatMap(pendingNotices)).toEqual([]);
  });

  it('drops notices an earlier run delivered and re-offers those it did not', () => {
    const states = opened(programme, ['so-a']);
    const first = planDelivery({
      programme,
      states,
      runKey: 'r1',
      now: new Date('2025-03-03T01:00:00Z'),
      ledger: nothingSent,
    });
    // r1 crashed after publishing the SMS only; its states still hold both notices stamped r1.
    const retry = planDelivery({
      programme,
      states: first.states,
      runKey: 'r2',
      now: new Date('2025-03-03T02:00:00Z'),
      ledger: sentLedger([['r1', 'sms', CONTACTS.headA.phone]]),
    });
    expect(retry.alreadyDelivered).toBe(1);
    expect(retry.messages.map((m) => `${m.channel} ${m.address}`)).toEqual([`email ${CONTACTS.headA.email}`]);
    expect(retry.states.flatMap(pendingNotices).map((n) => n.runKey)).toEqual(['r2']);
  });

  it('holds new notices for a recipient who already had this run’s message', () => {
    const states = opened(programme, ['so-a']);
    const plan = planDelivery({
      programme,
      states,
      runKey: 'r1',
      now: new Date('2025-03-03T01:00:00Z'),
      ledger: sentLedger([['r1', 'sms', CONTACTS.headA.phone]]),
    });
    expect(plan.waiting).toBe(1);
    expect(plan.messages.map((m) => m.channel)).toEqual(['email']);
    expect(plan.states.flatMap(pendingNotices).filter((n) => n.channel === 'sms')).toHaveLength(1);
  });

  it('drops notices a concurrent run with the same key has just delivered', () => {
    const now = new Date('2025-03-03T01:00:00Z');
    const states = opened(programme, ['so-a'], now);
    const plan = planDelivery({
      programme,
      states,
      runKey: 'r1',
      now,
      ledger: sentLedger([['r1', 'sms', CONTACTS.headA.phone]], '2025-03-03T01:00:00.500Z'),
    });
    expect(plan.waiting).toBe(0);
    expect(plan.alreadyDelivered).toBe(1);
    expect(plan.states.flatMap(pendingNotices).map((n) => n.channel)).toEqual(['email']);
  });
});
