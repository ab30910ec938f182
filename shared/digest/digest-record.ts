import type { SeriesStatus } from '../domain/series-status.ts';

/** What a published week's digest keeps for next week's comparison. */
export interface DigestRecord {
  readonly programme: string;
  /** ISO week, e.g. 2026-W47. */
  readonly week: string;
  readonly createdAt: string;
  /** Where the HTML report was published, if anywhere. */
  readonly reportLocation?: string;
  readonly statusCounts: Readonly<Record<SeriesStatus, number>>;
  /** Per-unit share of series on track or achieved, for next week's movers. */
  readonly unitScores: Readonly<Record<string, number>>;
  readonly [extra: string]: unknown;
}
