import type { Acknowledgement } from '../../alerts/acknowledgement.ts';
import type { AcknowledgementStore } from '../../ports/acknowledgement-store.ts';
import { storedCopy, UNIT_WIDE } from '../store-rules.ts';

/** Acknowledgements in memory, one per (unit, indicator or unit-wide). */
export class MemoryAcknowledgementStore implements AcknowledgementStore {
  private readonly acks = new Map<string, Map<string, Acknowledgement>>();

  async putAcknowledgement(ack: Acknowledgement): Promise<void> {
    const kept = this.acks.get(ack.programme) ?? new Map<string, Acknowledgement>();
    this.acks.set(ack.programme, kept);
    kept.set(slot(ack.unit, ack.indicator), storedCopy(ack));
  }

  async listAcknowledgements(programme: string): Promise<Acknowledgement[]> {
    const kept = this.acks.get(programme) ?? new Map<string, Acknowledgement>();
    return [...kept.keys()].sort().flatMap((key) => {
      const ack = kept.get(key);
      return ack ? [storedCopy(ack)] : [];
    });
  }

  async removeAcknowledgement(programme: string, unit: string, indicator?: string): Promise<boolean> {
    return this.acks.get(programme)?.delete(slot(unit, indicator)) ?? false;
  }
}

function slot(unit: string, indicator: string | undefined): string {
  return `${unit}#${indicator ?? UNIT_WIDE}`;
}
