/** One value a (series, date) had before a source revised it. */
export interface ObservationRevision {
  readonly date: string;
  readonly value: number;
  /** When that value was received. */
  readonly receivedAt: string;
}

/** Earlier values of one series (what the series page shows as revision history). */
export interface ObservationRevisions {
  /** Every superseded value of the series, by date then oldest first; current values are not included. */
  seriesRevisions(programme: string, unit: string, indicator: string): Promise<ObservationRevision[]>;
}
