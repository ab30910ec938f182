import type { AlertStateRecord } from '../../alerts/alert-state.ts';
import type { AlertStateStore } from '../../ports/alert-state-store.ts';
import { storedCopy } from '../store-rules.ts';

/** Alert states in memory, one per (unit, indicator, kind); reads give copies, as a table would. */
export class MemoryAlertStateStore implements AlertStateStore {
  private readonly states = new Map<string, Map<string, AlertStateRecord>>();

  async listAlertStates(programme: string): Promise<AlertStateRecord[]> {
    const states = this.states.get(programme) ?? new Map<string, AlertStateRecord>();
    return [...states.keys()].sort().flatMap((key) => {
      const state = states.get(key);
      return state ? [storedCopy(state)] : [];
    });
  }

  async putAlertStates(programme: string, states: readonly AlertStateRecord[]): Promise<void> {
    const kept = this.states.get(programme) ?? new Map<string, AlertStateRecord>();
    this.states.set(programme, kept);
    for (const state of states) {
      kept.set(`${state.unit}#${state.indicator}#${state.kind}`, storedCopy({ ...state, programme }));
    }
  }
}
