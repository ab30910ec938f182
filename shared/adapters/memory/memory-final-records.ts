import type { FinalRecord } from '../../domain/final-record.ts';
import type { FinalRecords } from '../../ports/final-records.ts';

/** The FinalRecords port in memory (tests, simulations). */
export class InMemoryFinalRecords implements FinalRecords {
  private readonly records = new Map<string, FinalRecord>();

  async putFinalRecordIfAbsent(record: FinalRecord): Promise<boolean> {
    const key = `${record.programme}#${record.unit}`;
    if (this.records.has(key)) return false;
    this.records.set(key, structuredClone(record));
    return true;
  }

  async listFinalRecords(programme: string): Promise<FinalRecord[]> {
    return [...this.records.values()]
      .filter((record) => record.programme === programme)
      .sort((a, b) => (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0))
      .map((record) => structuredClone(record));
  }
}
