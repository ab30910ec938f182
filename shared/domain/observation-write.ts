import type { Observation } from '../snapshots/observation-rows.ts';

/** What storing a batch of checked observations changed. */
export interface ObservationWriteResult {
  /** New (series, date) pairs. */
  readonly stored: number;
  /** Existing pairs whose value changed. */
  readonly revised: number;
  /** Same value as already current: nothing written. */
  readonly unchanged: number;
}

/** One value as received, with when it arrived (a revision keeps the earlier ones). */
export interface StoredObservation extends Observation {
  readonly receivedAt: string;
}
