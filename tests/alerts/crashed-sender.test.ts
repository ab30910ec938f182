import { beforeEach, describe, expect, it } from 'vitest';
import { createMemoryStore, type MemoryStore } from '../../shared/adapters/memory/memory-store.ts';
import { fixedClock } from '../../shared/ports/clock.ts';
import type { Notifier, OutgoingMessage } from '../../shared/ports/notifier.ts';
import { evaluateAndNotify, NotificationDeliveryError } from '../../shared/use-cases/evaluate-and-notify.ts';
import { putDepartmentsBehind, testProgramme } from './support/fixture.ts';
import { RecordingNotifier } from './support/recording-notifier.ts';

const programme = testProgramme();
const date = '2025-03-03';
const start = Date.parse('2025-03-03T01:00:00Z');
let store: MemoryStore;

beforeEach(async () => {
  store = createMemoryStore();
  await putDepartmentsBehind(store, programme.id, date);
});

/** A sender that dies while publishing its `dieAt`-th message: that publish and later ones never return. */
function dyingNotifier(dieAt: number): Notifier & { readonly sent: OutgoingMessage[]; died: Promise<void> } {
  const sent: OutgoingMessage[] = [];
  let calls = 0;
  let died = () => {};
  const diedPromise = new Promise<void>((resolve) => {
    died = resolve;
  });
  return {
    sent,
    died: diedPromise,
    async send(message) {
      calls++;
      if (calls >= dieAt) {
        died();
        return new Promise<never>(() => {});
      }
      sent.push(message);
      return { messageId: `dead-${calls}` };
    },
  };
}

describe('a sender killed in the middle of publishing', () => {
  it('the scheduler’s retry of the same execution, 30 s later, sends what the dead attempt left', async () => {
    const dying = dyingNotifier(2);
    const attempt = { sender: 'execution-1' };
    void evaluateAndNotify(
      programme,
      date,
      { store: store, notifier: dying, clock: fixedClock(new Date(start)) },
      { ...attempt, concurrency: 1 },
    );
    await dying.died;

    const retry = new RecordingNotifier();
    const counts = await evaluateAndNotify(
      programme,
      date,
      { store: store, notifier: retry, clock: fixedClock(new Date(start + 30_000)) },
      attempt,
    );
    expect(counts.busy).toBe(0);
    expect(counts.sent.sms + counts.sent.email + dying.sent.length).toBe(4);
    const ledger = await store.listNotifications(programme.id, date);
    expect(ledger.map((entry) => entry.state)).toEqual(['sent', 'sent', 'sent', 'sent']);
  });

  it('another sender inside the lease fails instead of reporting success; after the lease it sends the rest', async () => {
    const dying = dyingNotifier(3);
    void evaluateAndNotify(
      programme,
      date,
      { store, notifier: dying, clock: fixedClock(new Date(start)) },
      { sender: 'execution-1', concurrency: 1 },
    );
    await dying.died;

    const other = new RecordingNotifier();
    const manual = (offsetMs: number) =>
      evaluateAndNotify(
        programme,
        date,
        { store, notifier: other, clock: fixedClock(new Date(start + offsetMs)) },
        { sender: 'a-manual-re-run' },
      );
    const failure = await manual(60_000).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(NotificationDeliveryError);
    expect(failure).toMatchObject({ failed: 0, busy: 1 });
    expect((failure as Error).message).toMatch(/claimed by another sender whose lease has not ended/);

    const later = await manual(121_000);
    expect(later.busy).toBe(0);
    expect(dying.sent.length + other.sent.length).toBe(4);
    const ledger = await store.listNotifications(programme.id, date);
    expect(ledger.map((entry) => entry.state)).toEqual(['sent', 'sent', 'sent', 'sent']);
  });
});
