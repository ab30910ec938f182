import type { AlertStateRecord } from '../alerts/alert-state.ts';

/** The state of every alert (series × kind) of a programme, between runs. */
export interface AlertStateStore {
  listAlertStates(programme: string): Promise<AlertStateRecord[]>;
  /** Replaces the states of the same (unit, indicator, kind). */
  putAlertStates(programme: string, states: readonly AlertStateRecord[]): Promise<void>;
}
