import type { ObservationWriteResult } from '../domain/observation-write.ts';
import type { Observation } from '../snapshots/observation-rows.ts';

/** Checked observations: what ingestion writes and every evaluation reads. */
export interface ObservationStore {
  /**
   * Stores checked observations. The same value for the same (series, date) adds nothing; a changed
   * value adds a revision and becomes current; within one batch the later of two values for a
   * (series, date) wins. Throws (nothing reported as stored) when writes cannot be completed.
   */
  putObservations(
    programme: string,
    observations: readonly Observation[],
    receivedAt: string,
  ): Promise<ObservationWriteResult>;
  /** Current value of every (series, date) of the programme; within a series in date order. */
  programmeObservations(programme: string): Promise<Observation[]>;
  /**
   * The same current values, one partition at a time, so that a reader holds one partition rather
   * than the programme: every observation of a unit is in exactly one partition (a unit's series
   * never straddle two), within a series in date order. Partitions come in no particular order.
   */
  observationPartitions(programme: string): AsyncIterable<readonly Observation[]>;
}
