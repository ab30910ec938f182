import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InMemoryMutes } from '../../shared/adapters/memory/memory-mutes.ts';
import { createMemoryStore } from '../../shared/adapters/memory/memory-store.ts';
import { advanceAlerts } from '../../shared/alerts/alert-lifecycle.ts';
import { alertKey, type PendingNotice, pendingNotices } from '../../shared/alerts/alert-notice.ts';
import type { AlertStateRecord } from '../../shared/alerts/alert-state.ts';
import { addressOf, contactOf } from '../../shared/alerts/recipients.ts';
import { reminderOffset } from '../../shared/alerts/reminder-cadence.ts';
import { addDays } from '../../shared/domain/calendar-date.ts';
import { logger } from '../../shared/logger.ts';
import { fixedClock } from '../../shared/ports/clock.ts';
import type { Notifier } from '../../shared/ports/notifier.ts';
import { evaluateAndNotify, NotificationDeliveryError } from '../../shared/use-cases/evaluate-and-notify.ts';
import { requiredOn, result, testProgramme } from '../alerts/support/fixture.ts';

const START = '2025-01-06';
/** 08:00 in Hà Nội: outside the SMS quiet hours. */
const at = (date: string) => new Date(`${date}T01:00:00Z`);

describe('reminder cadence (property)', () => {
  it('an alert with nothing new is reminded no more often than its schedule, whatever days the runs fall on', () => {
    const schedule = fc
      .uniqueArray(fc.integer({ min: 1, max: 120 }), { minLength: 1, maxLength: 4 })
      .map((days) => days.sort((a, b) => a - b));
    fc.assert(
      fc.property(
        schedule,
        fc.integer({ min: 1, max: 90 }),
        fc.uniqueArray(fc.integer({ min: 1, max: 140 }), { maxLength: 140 }),
        (afterDays, thenEveryDays, runDays) => {
          const programme = testProgramme({
            escalateAfterDays: 10_000,
            reminders: { afterDays, thenEveryDays },
          });
          const reminders = { afterDays, thenEveryDays };
          let states: AlertStateRecord[] = [];
          const remindedOn: number[] = [];
          for (const day of [0, ...runDays.sort((a, b) => a - b)]) {
            const outcome = advanceAlerts({
              programme,
              previous: states,
              results: [result('so-b', 'behind')],
              acknowledgements: [],
              now: at(addDays(START, day)),
            });
            if (outcome.transitions.some((t) => t.event === 'reminded')) remindedOn.push(day);
            states = outcome.states.map((state) => ({ ...state, pending: [] }));
          }
          // The k-th reminder never comes before the k-th day of the schedule.
          remindedOn.forEach((day, k) => {
            expect(day).toBeGreaterThanOrEqual(reminderOffset(reminders, k));
          });
        },
      ),
      { numRuns: 100 },
    );
  });

  it('with the default schedule, at most 4 reminders in 20 weeks of daily or weekly runs', () => {
    fc.assert(
      fc.property(fc.constantFrom(1, 7), fc.integer({ min: 0, max: 6 }), (every, offset) => {
        let states: AlertStateRecord[] = [];
        let reminders = 0;
        for (let day = offset; day <= 140; day += every) {
          const outcome = advanceAlerts({
            programme: testProgramme({ escalateAfterDays: 10_000 }),
            previous: states,
            results: [result('so-b', 'behind')],
            acknowledgements: [],
            now: at(addDays(START, day)),
          });
          reminders += outcome.transitions.filter((t) => t.event === 'reminded').length;
          states = outcome.states.map((state) => ({ ...state, pending: [] }));
        }
        expect(reminders).toBeLessThanOrEqual(4);
      }),
      { numRuns: 20 },
    );
  });
});

type Report = 'behind' | 'ok' | 'none';
const UNITS = ['so-a', 'so-b', 'tinh'] as const;

interface Week {
  readonly reports: readonly Report[];
  /** Per attempt of the run, whether each publish fails (the last attempt never does). */
  readonly failures: readonly boolean[];
  readonly lostMarks: readonly boolean[];
}

const weekArbitrary: fc.Arbitrary<Week> = fc.record({
  reports: fc.array(fc.constantFrom<Report>('behind', 'ok', 'none', 'none'), {
    minLength: UNITS.length,
    maxLength: UNITS.length,
  }),
  failures: fc.array(fc.boolean(), { maxLength: 12 }),
  lostMarks: fc.array(fc.boolean(), { maxLength: 12 }),
});

describe('nothing owed is lost when a run is retried (property)', () => {
  // Every injected fault logs a warning; thousands of them would bury the test report.
  beforeAll(() => logger.setLogLevel('ERROR'));
  afterAll(() => logger.setLogLevel('INFO'));

  it('a notice leaves an alert state only once its message was published; fault-free runs drain the rest', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(weekArbitrary, { minLength: 1, maxLength: 10 }),
        fc.option(fc.integer({ min: 0, max: 70 }), { nil: undefined }),
        async (weeks, muteDays) => {
          const programme = testProgramme();
          const store = createMemoryStore();
          const mutes = new InMemoryMutes();
          if (muteDays !== undefined) {
            await mutes.putMute({
              programme: programme.id,
              id: 'm-1',
              unit: 'so-b',
              indicator: '*',
              level: '*',
              reason: 'đang đối soát',
              author: 'văn phòng',
              createdAt: `${START}T00:00:00Z`,
              until: addDays(START, muteDays),
            });
          }
          const pendingBefore = new Map<string, PendingNotice>();
          const removedUnsent: string[] = [];
          const watched = {
            ...store,
            async putAlertStates(id: string, states: readonly AlertStateRecord[]) {
              for (const state of states) {
                const kept = new Set(pendingNotices(state).map((notice) => notice.id));
                for (const notice of pendingBefore.values()) {
                  if (!notice.id.startsWith(alertKey(state))) continue;
                  if (kept.has(notice.id.slice(alertKey(state).length + 1))) continue;
                  pendingBefore.delete(notice.id);
                  const inner = notice as PendingNotice & { inner: PendingNotice };
                  if (!(await wasPublished(inner.inner))) removedUnsent.push(notice.id);
                }
                for (const notice of pendingNotices(state)) {
                  pendingBefore.set(`${alertKey(state)}\u0000${notice.id}`, {
                    ...notice,
                    id: `${alertKey(state)}\u0000${notice.id}`,
                    inner: notice,
                  } as PendingNotice);
                }
              }
              await store.putAlertStates(id, states);
            },
          };
          // Every message a publish accepted (a mark lost afterwards does not unsend it).
          const published = new Set<string>();
          const wasPublished = async (notice: PendingNotice) => {
            const address = addressOf(contactOf(programme, notice.recipient), notice.channel);
            return (
              notice.runKey !== undefined && published.has(`${notice.runKey}|${notice.channel}|${address}`)
            );
          };
          const run = async (date: string, failures: readonly boolean[], lostMarks: readonly boolean[]) => {
            let call = 0;
            let mark = 0;
            const notifier: Notifier = {
              async send(message) {
                if (failures[call++]) throw new Error('SNS unavailable');
                published.add(`${message.runKey}|${message.channel}|${message.recipient}`);
                return { messageId: `m-${call}` };
              },
            };
            const faulty = {
              ...watched,
              async markNotificationSent(...args: Parameters<typeof store.markNotificationSent>) {
                if (lostMarks[mark++]) throw new Error('ledger write lost');
                return store.markNotificationSent(...args);
              },
            };
            return evaluateAndNotify(
              programme,
              date,
              { store: faulty, notifier, clock: fixedClock(at(date)), mutes },
              { sender: `execution-${date}`, leaseSeconds: 120 },
            );
          };

          for (const [index, week] of weeks.entries()) {
            const date = addDays(START, 7 * index);
            const observations = UNITS.flatMap((unit, u) => {
              const report = week.reports[u];
              if (report === 'none') return [];
              const value = requiredOn(date) + (report === 'behind' ? -8 : 5);
              return [{ unit, indicator: 'ho-so', date, value: Math.round(value) }];
            });
            if (observations.length > 0)
              await store.putObservations(programme.id, observations, at(date).toISOString());
            // The state machine's retries: same run key, same execution; the last one meets no fault.
            for (let attempt = 0; ; attempt++) {
              const last = attempt >= 3;
              try {
                await run(
                  date,
                  last ? [] : week.failures.slice(attempt * 4),
                  last ? [] : week.lostMarks.slice(attempt * 4),
                );
                break;
              } catch (error) {
                expect(error).toBeInstanceOf(NotificationDeliveryError);
                expect(last).toBe(false);
              }
            }
          }
          // Two more runs without faults, after every mute: whatever is still owed goes out.
          const after = addDays(START, 7 * weeks.length + 80);
          await run(after, [], []);
          await run(addDays(after, 1), [], []);
          expect(removedUnsent).toEqual([]);
          const left = (await store.listAlertStates(programme.id)).flatMap((state) => pendingNotices(state));
          expect(left).toEqual([]);
        },
      ),
      { numRuns: 25 },
    );
  });
});
