import type { RankRules } from './catalog-schema.ts';

/**
 * How many were ranked on `date`: the count of the last `outOf` entry starting on or before it
 * (e.g. 63 provinces through the 2023 results, 34 from the 2024 results). Undefined before the
 * first entry or without `outOf`: nothing to check or show.
 */
export function rankCountOn(rank: RankRules | undefined, date: string): number | undefined {
  let count: number | undefined;
  for (const entry of rank?.outOf ?? []) {
    if (entry.from <= date) count = entry.count;
  }
  return count;
}
