import type { Programme } from '../../shared/catalog/programme.ts';
import { mapConcurrently } from '../../shared/runtime/concurrency.ts';
import { PROGRAMMES_IN_FLIGHT } from '../../shared/use-cases/programme-fan-out.ts';
import type { SimulatedScope } from './simulate-report.ts';
import {
  LONGEST_OPEN_LIMIT,
  type ReplayOptions,
  type ReplayOutcome,
  replayWeeks,
  type WeekRow,
} from './weekly-replay.ts';

/** The scope's name in the title and the JSON document of `simulate --national-sample`. */
export const NATIONAL_SAMPLE_SCOPE = 'national-sample';

export interface NationalReplay {
  readonly outcome: ReplayOutcome;
  readonly scope: SimulatedScope;
}

/**
 * `dtwatch simulate --national-sample`: the weekly replay of every provincial SAMPLE programme in
 * one store, as many at once as the daily run's fan-out runs (PROGRAMMES_IN_FLIGHT); each week's
 * line adds the programmes' counts up, the oldest alerts are the oldest across them all.
 */
export async function replayNationalSample(
  programmes: readonly Programme[],
  options: Omit<ReplayOptions, 'programme' | 'catalogPath' | 'onWeek'> & {
    readonly onProgramme?: (done: number, total: number) => void;
  },
): Promise<NationalReplay> {
  let done = 0;
  const outcomes = await mapConcurrently(programmes, PROGRAMMES_IN_FLIGHT, async (programme) => {
    const outcome = await replayWeeks({
      ...options,
      programme,
      catalogPath: `catalog/national-sample/${programme.id}.json`,
    });
    options.onProgramme?.(++done, programmes.length);
    return outcome;
  });
  const [first] = outcomes;
  if (!first) throw new Error('no programme to simulate');
  const statusCounts = { ...first.statusCounts };
  for (const outcome of outcomes.slice(1)) {
    for (const [status, count] of Object.entries(outcome.statusCounts)) {
      statusCounts[status as keyof typeof statusCounts] += count;
    }
  }
  return {
    outcome: {
      rows: first.rows.map((row, index) => sumRows(outcomes.map((outcome) => outcome.rows[index] ?? row))),
      lastDate: first.lastDate,
      statusCounts,
      longestOpen: outcomes
        .flatMap((outcome) => outcome.longestOpen)
        .sort((a, b) => b.daysOpen - a.daysOpen || b.alerts - a.alerts || a.unit.localeCompare(b.unit))
        .slice(0, LONGEST_OPEN_LIMIT),
      outboxDirectory: first.outboxDirectory,
      digestDirectory: first.digestDirectory,
    },
    scope: {
      id: NATIONAL_SAMPLE_SCOPE,
      units: new Map(programmes.flatMap((programme) => [...programme.units])),
      indicators: new Map(programmes.flatMap((programme) => [...programme.indicators])),
    },
  };
}

/** One week of every programme as one line: counts added, the digest published when all were. */
function sumRows(rows: readonly WeekRow[]): WeekRow {
  const [first] = rows as [WeekRow, ...WeekRow[]];
  const sum = (pick: (row: WeekRow) => number) => rows.reduce((total, row) => total + pick(row), 0);
  return {
    week: first.week,
    date: first.date,
    stored: sum((row) => row.stored),
    quarantined: sum((row) => row.quarantined),
    opened: sum((row) => row.opened),
    reminded: sum((row) => row.reminded),
    escalated: sum((row) => row.escalated),
    resolved: sum((row) => row.resolved),
    retired: sum((row) => row.retired),
    open: sum((row) => row.open),
    sent: sum((row) => row.sent),
    deferred: sum((row) => row.deferred),
    digestWeek: first.digestWeek,
    digestPublished: rows.every((row) => row.digestPublished),
    digestSent: sum((row) => row.digestSent),
  };
}
