import type { DayNumber } from './calendar-date.ts';

/** One reported value of a series, as the engine consumes it. */
export interface DatedValue {
  readonly day: DayNumber;
  readonly value: number;
}

/**
 * Collapses observations received in order into one value per day (the last received wins)
 * and returns them sorted by day, keeping only days up to `asOfDay`.
 */
export function currentValues(received: readonly DatedValue[], asOfDay: DayNumber): DatedValue[] {
  let sorted = true;
  let distinct = true;
  for (let i = 1; i < received.length; i++) {
    const previous = received[i - 1] as DatedValue;
    const current = received[i] as DatedValue;
    if (current.day < previous.day) sorted = false;
    else if (current.day === previous.day) distinct = false;
  }
  if (sorted && distinct) {
    let end = received.length;
    while (end > 0 && (received[end - 1] as DatedValue).day > asOfDay) end--;
    return end === received.length ? (received as DatedValue[]) : received.slice(0, end);
  }
  const byDay = new Map<DayNumber, DatedValue>();
  for (const observation of received) {
    if (observation.day <= asOfDay) byDay.set(observation.day, observation);
  }
  return [...byDay.values()].sort((a, b) => a.day - b.day);
}
