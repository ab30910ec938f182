import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { advanceAlerts } from '../../shared/alerts/alert-lifecycle.ts';
import type { AlertStateRecord } from '../../shared/alerts/alert-state.ts';
import { clearDelivered, type LedgerView, planDelivery } from '../../shared/alerts/delivery-plan.ts';
import { routeToOwners } from '../../shared/alerts/owner-routing.ts';
import { catalogSchema } from '../../shared/catalog/catalog-schema.ts';
import { buildProgramme } from '../../shared/catalog/programme.ts';
import { addDays } from '../../shared/domain/calendar-date.ts';
import type { SeriesStatus } from '../../shared/domain/series-status.ts';
import { result } from '../alerts/support/fixture.ts';

/**
 * A province with two districts of two communes each and two indicators owned by a department:
 * escalations, roll-ups, owners and the committee all meet in the same runs. One person holds two
 * seats (the department head also heads a commune) so that one address stands for two roles.
 */
const person = (n: number, phone = true) => ({
  name: `Người ${n}`,
  email: `nguoi-${n}@example.com`,
  ...(phone && { phone: `+849000000${String(n).padStart(2, '0')}` }),
});
const target = {
  baseline: { date: '2025-01-01', value: 20 },
  milestones: [{ date: '2025-12-31', value: 80 }],
};
const indicator = (id: string) => ({
  id,
  name: `Chỉ tiêu ${id}`,
  shortName: id,
  owner: 'so',
  unit: '%',
  direction: 'increase',
  targets: ['province', 'department', 'district', 'commune'].map((level) => ({ level, ...target })),
});
const programme = buildProgramme(
  catalogSchema.parse({
    programme: {
      id: 'p',
      name: 'P',
      steeringCommittee: [person(90, false), person(91)],
      alerts: { escalateAfterDays: 14, reminders: { afterDays: [7, 14], thenEveryDays: 7 }, smsPerRunCap: 3 },
    },
    indicators: [indicator('a'), indicator('b')],
    units: [
      { id: 'tinh', name: 'Tỉnh', level: 'province', head: person(1) },
      { id: 'so', name: 'Sở', level: 'department', parent: 'tinh', head: person(2) },
      { id: 'h1', name: 'Huyện 1', level: 'district', parent: 'tinh', head: person(3) },
      { id: 'h2', name: 'Huyện 2', level: 'district', parent: 'tinh', head: person(4, false) },
      { id: 'x1', name: 'Xã 1', level: 'commune', parent: 'h1', head: person(2), dataContact: person(5) },
      { id: 'x2', name: 'Xã 2', level: 'commune', parent: 'h1', head: person(6) },
      { id: 'x3', name: 'Xã 3', level: 'commune', parent: 'h2', head: person(7) },
      { id: 'x4', name: 'Xã 4', level: 'commune', parent: 'h2' },
    ],
  }),
);
const SERIES = programme.series.map((plan) => [plan.unit, plan.indicator] as const);
const STATUSES: readonly SeriesStatus[] = ['behind', 'stale', 'at_risk', 'on_track', 'achieved'];

const run = fc.record({
  /** Days since the previous run (0: a retry of the same run key). */
  gap: fc.constantFrom(0, 1, 7, 7, 14, 30),
  /** Hour of the run on the programme's clock (quiet hours hold SMS back). */
  hour: fc.integer({ min: 0, max: 23 }),
  statuses: fc.array(fc.constantFrom(...STATUSES), { minLength: SERIES.length, maxLength: SERIES.length }),
  /** Which publishes fail (by position in the plan). */
  failures: fc.array(fc.boolean(), { maxLength: 30 }),
});

describe('messages per recipient and run', () => {
  it('for any sequence of evaluations, every address gets at most one message per channel and run', () => {
    fc.assert(
      fc.property(fc.array(run, { minLength: 1, maxLength: 12 }), (runs) => {
        let states: AlertStateRecord[] = [];
        let date = '2025-02-03';
        const ledger = new Map<string, string>();
        const view: LedgerView = {
          isSent: (runKey, channel, address) => ledger.has(`${runKey}|${channel}|${address}`),
          claimedAt: (runKey, channel, address) => ledger.get(`${runKey}|${channel}|${address}`),
        };
        for (const step of runs) {
          date = addDays(date, step.gap);
          const now = new Date(`${date}T${String(step.hour).padStart(2, '0')}:00:00+07:00`);
          const results = SERIES.map(([unit, ind], index) =>
            result(unit, step.statuses[index] ?? 'on_track', { indicator: ind }),
          );
          const lifecycle = advanceAlerts({
            programme,
            previous: states,
            results,
            acknowledgements: [],
            now,
          });
          const routed = routeToOwners(programme, states, lifecycle.states);
          const plan = planDelivery({ programme, states: routed, runKey: date, now, ledger: view });

          const perAddress = new Set<string>();
          for (const message of plan.messages) {
            const key = `${date}|${message.channel}|${message.address}`;
            expect(perAddress.has(key), `two ${message.channel} messages to one address`).toBe(false);
            perAddress.add(key);
            // A retry never plans a second message of the same run for someone who had one.
            expect(ledger.has(key), `a second ${message.channel} message in run ${date}`).toBe(false);
          }
          const delivered = plan.messages.filter((_, index) => !step.failures[index]);
          for (const message of delivered) {
            ledger.set(`${date}|${message.channel}|${message.address}`, now.toISOString());
          }
          states = clearDelivered(plan.states, delivered);
        }
      }),
      { numRuns: 150 },
    );
  });
});
