import type { Observation } from '../../../shared/snapshots/observation-rows.ts';

/** Month ends from January 2022: a series' dated values. */
export function monthEnd(index: number): string {
  return new Date(Date.UTC(2022, index + 1, 0)).toISOString().slice(0, 10);
}

/** `units × indicators` series of `months` month-end values each. */
export function grid(
  units: number,
  indicators: number,
  months: number,
  value = (month: number) => month,
): Observation[] {
  const observations: Observation[] = [];
  for (let unit = 0; unit < units; unit++) {
    for (let indicator = 0; indicator < indicators; indicator++) {
      for (let month = 0; month < months; month++) {
        observations.push({
          unit: `u${unit}`,
          indicator: `i${indicator}`,
          date: monthEnd(month),
          value: value(month),
        });
      }
    }
  }
  return observations;
}
