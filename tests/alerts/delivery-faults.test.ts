import { beforeEach, describe, expect, it } from 'vitest';
import { createMemoryStore, type MemoryStore } from '../../shared/adapters/memory/memory-store.ts';
import { fixedClock } from '../../shared/ports/clock.ts';
import { evaluateAndNotify, NotificationDeliveryError } from '../../shared/use-cases/evaluate-and-notify.ts';
import { captureOutput, contactsIn } from './support/captured-logs.ts';
import { ALL_ADDRESSES, CONTACTS, putDepartmentsBehind, testProgramme } from './support/fixture.ts';
import { RecordingNotifier } from './support/recording-notifier.ts';

const programme = testProgramme();
const date = '2025-03-03';
const clock = fixedClock('2025-03-03T01:00:00Z');
let store: MemoryStore;

beforeEach(async () => {
  store = createMemoryStore();
  await putDepartmentsBehind(store, programme.id, date);
});

const everyone = [
  `email ${CONTACTS.headA.email}`,
  `email ${CONTACTS.headB.email}`,
  `sms ${CONTACTS.headA.phone}`,
  `sms ${CONTACTS.headB.phone}`,
];

describe('effect-once delivery', () => {
  it('a publish that fails makes the run fail without marking the ledger; the retry sends it once', async () => {
    const output = captureOutput();
    const notifier = new RecordingNotifier();
    notifier.failNext(4);
    const deps = { store: store, notifier, clock };
    const failure = await evaluateAndNotify(programme, date, deps, { concurrency: 1 }).catch(
      (error) => error,
    );
    expect(failure).toBeInstanceOf(NotificationDeliveryError);
    expect(failure.failed).toBe(4);
    expect(failure.cause).toMatchObject({ name: 'ThrottlingException' });
    expect(await store.listNotifications(programme.id, date)).toEqual([]);

    const retry = await evaluateAndNotify(programme, date, deps);
    expect(retry).toMatchObject({ opened: 0, sent: { sms: 2, email: 2 } });
    expect(notifier.deliveries()).toEqual(everyone);
    const ledger = await store.listNotifications(programme.id, date);
    expect(ledger.map((entry) => entry.state)).toEqual(['sent', 'sent', 'sent', 'sent']);

    const again = await evaluateAndNotify(programme, date, deps);
    expect(again.sent).toEqual({ sms: 0, email: 0 });
    expect(notifier.deliveries()).toEqual(everyone);
    output.restore();
    expect(contactsIn(output.text(), ALL_ADDRESSES)).toEqual([]);
  });

  it('after a partial failure the retry sends only what did not go, even under the next run key', async () => {
    const notifier = new RecordingNotifier();
    const deps = { store: store, notifier, clock };
    notifier.failNext(1);
    await expect(evaluateAndNotify(programme, date, deps, { concurrency: 1 })).rejects.toBeInstanceOf(
      NotificationDeliveryError,
    );
    expect(notifier.sent).toHaveLength(3);
    const next = await evaluateAndNotify(programme, '2025-03-04', {
      ...deps,
      clock: fixedClock('2025-03-04T01:00:00Z'),
    });
    expect(next.sent.sms + next.sent.email).toBe(1);
    expect(notifier.deliveries()).toEqual(everyone);
  });

  it('two concurrent runs with the same run key send each message once; one left busy does not report success', async () => {
    const notifier = new RecordingNotifier();
    const deps = { store, notifier, clock };
    const outcomes = await Promise.allSettled([
      evaluateAndNotify(programme, date, deps, { concurrency: 1 }),
      evaluateAndNotify(programme, date, deps, { concurrency: 1 }),
    ]);
    expect(notifier.deliveries()).toEqual(everyone);
    // A run that found messages claimed by the other (live) run fails, so that it is retried.
    const counts = outcomes.map((outcome) => {
      if (outcome.status === 'fulfilled') return outcome.value;
      expect(outcome.reason).toBeInstanceOf(NotificationDeliveryError);
      const error = outcome.reason as NotificationDeliveryError;
      expect(error.failed).toBe(0);
      expect(error.busy).toBeGreaterThan(0);
      if (!error.counts) throw new Error('the error carries the counts of the run');
      return error.counts;
    });
    expect(counts.reduce((sum, c) => sum + c.sent.sms + c.sent.email, 0)).toBe(4);
    // Whatever the interleaving, a third run finds nothing left to send.
    await evaluateAndNotify(programme, date, deps);
    await evaluateAndNotify(programme, '2025-03-05', { ...deps, clock: fixedClock('2025-03-05T01:00:00Z') });
    expect(notifier.deliveries()).toEqual(everyone);
  });
});
