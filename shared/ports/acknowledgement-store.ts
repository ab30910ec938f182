import type { Acknowledgement } from '../alerts/acknowledgement.ts';

/** Acknowledgements people record with `dtwatch ack`; one per (unit, indicator or unit-wide). */
export interface AcknowledgementStore {
  /** Replaces the acknowledgement of the same (unit, indicator). */
  putAcknowledgement(ack: Acknowledgement): Promise<void>;
  listAcknowledgements(programme: string): Promise<Acknowledgement[]>;
  /** Removes the ack of (unit, indicator); `indicator` undefined means the unit-wide ack. */
  removeAcknowledgement(programme: string, unit: string, indicator?: string): Promise<boolean>;
}
