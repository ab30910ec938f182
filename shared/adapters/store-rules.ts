import { createHash } from 'node:crypto';
import type { QuarantinedRow } from '../domain/ingest-records.ts';
import { InvalidInputError } from '../errors.ts';
import type { Observation } from '../snapshots/observation-rows.ts';

/**
 * Rules every storage adapter applies the same way (the DynamoDB table and its in-memory twin),
 * so that the contract suite holds for both: what can be stored, how instants are normalised,
 * and which rows count as the same quarantined row.
 */

/** The indicator slot of a unit-wide acknowledgement; no unit may be called this. */
export const UNIT_WIDE = '*';

/** Normalised so that string order is time order whatever ISO form the caller used. */
export function isoInstant(timestamp: string): string {
  const instant = new Date(timestamp);
  if (Number.isNaN(instant.getTime())) throw new RangeError(`not an ISO-8601 timestamp: "${timestamp}"`);
  return instant.toISOString();
}

export const observationId = (unit: string, indicator: string, date: string) =>
  `${unit}#${indicator}#${date}`;

/** One observation per (series, date), the later one winning, after checking the ids fit the keys. */
export function latestPerKey(observations: readonly Observation[]): Observation[] {
  const byKey = new Map<string, Observation>();
  for (const observation of observations) {
    assertStorable(observation);
    const key = observationId(observation.unit, observation.indicator, observation.date);
    byKey.delete(key);
    byKey.set(key, observation);
  }
  return [...byKey.values()];
}

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

function assertStorable(observation: Observation): void {
  const { unit, indicator, date, value } = observation;
  const problem =
    !unit || !indicator || `${unit}${indicator}`.includes('#') || unit === UNIT_WIDE
      ? `unit "${unit}" / indicator "${indicator}" cannot be stored (ids are non-empty, without "#")`
      : !DATE_PATTERN.test(date)
        ? `date must be YYYY-MM-DD (got "${date}")`
        : !Number.isFinite(value)
          ? `value must be a finite number (got ${value})`
          : undefined;
  if (problem) throw new InvalidInputError([{ location: `${unit}/${indicator}/${date}`, message: problem }]);
}

/**
 * One entry per distinct rejected row of a source, whenever it arrived: pulling the same bad
 * delivery again refreshes `receivedAt` instead of adding a copy, so re-runs store nothing new.
 */
export function quarantineId(row: QuarantinedRow): string {
  const content = createHash('sha256')
    .update(JSON.stringify([row.location, row.reason, row.row]))
    .digest('hex')
    .slice(0, 20);
  return `${row.source}#${content}`;
}

/** A deep copy without `undefined` values, as any store gives back what it was given. */
export function storedCopy<T extends object>(record: T): T {
  return JSON.parse(JSON.stringify(record)) as T;
}
