import type { ObservationWriteResult, StoredObservation } from '../../domain/observation-write.ts';
import type { ObservationRevision, ObservationRevisions } from '../../ports/observation-revisions.ts';
import type { ObservationStore } from '../../ports/observation-store.ts';
import type { Observation } from '../../snapshots/observation-rows.ts';
import { isoInstant, latestPerKey, observationId } from '../store-rules.ts';

/** The observation port in memory: current values plus every earlier value, as the table keeps them. */
export class MemoryObservationStore implements ObservationStore, ObservationRevisions {
  /** programme → observation id → values received, oldest first (the last is current). */
  private readonly values = new Map<string, Map<string, StoredObservation[]>>();

  async putObservations(
    programme: string,
    observations: readonly Observation[],
    receivedAt: string,
  ): Promise<ObservationWriteResult> {
    isoInstant(receivedAt);
    const incoming = latestPerKey(observations);
    const series = this.values.get(programme) ?? new Map<string, StoredObservation[]>();
    this.values.set(programme, series);
    let stored = 0;
    let revised = 0;
    for (const { unit, indicator, date, value } of incoming) {
      const id = observationId(unit, indicator, date);
      const received = series.get(id);
      const entry = { unit, indicator, date, value, receivedAt };
      if (!received) {
        series.set(id, [entry]);
        stored++;
      } else if (received.at(-1)?.value !== value) {
        received.push(entry);
        revised++;
      }
    }
    return { stored, revised, unchanged: incoming.length - stored - revised };
  }

  async programmeObservations(programme: string): Promise<Observation[]> {
    const series = this.values.get(programme) ?? new Map<string, StoredObservation[]>();
    return [...series.keys()].sort().flatMap((id) => {
      const current = series.get(id)?.at(-1);
      if (!current) return [];
      const { unit, indicator, date, value } = current;
      return [{ unit, indicator, date, value }];
    });
  }

  async *observationPartitions(programme: string): AsyncIterable<readonly Observation[]> {
    // One partition per unit: the smallest the port allows, so that tests see many.
    const byUnit = new Map<string, Observation[]>();
    for (const observation of await this.programmeObservations(programme)) {
      const partition = byUnit.get(observation.unit);
      if (partition) partition.push(observation);
      else byUnit.set(observation.unit, [observation]);
    }
    yield* byUnit.values();
  }

  /** Every value received for one (series, date), oldest first: for tests, not part of the port. */
  revisions(programme: string, unit: string, indicator: string, date: string): StoredObservation[] {
    return [...(this.values.get(programme)?.get(observationId(unit, indicator, date)) ?? [])];
  }

  async seriesRevisions(programme: string, unit: string, indicator: string): Promise<ObservationRevision[]> {
    const prefix = observationId(unit, indicator, '');
    const series = this.values.get(programme) ?? new Map<string, StoredObservation[]>();
    return [...series.keys()]
      .filter((id) => id.startsWith(prefix))
      .sort()
      .flatMap((id) =>
        (series.get(id) ?? [])
          .slice(0, -1)
          .map(({ date, value, receivedAt }) => ({ date, value, receivedAt })),
      );
  }
}
