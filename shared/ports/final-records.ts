import type { FinalRecord } from '../domain/final-record.ts';

/** Where the final records of dissolved units are kept (one per programme and unit, never replaced). */
export interface FinalRecords {
  /** false when the unit already has a final record (nothing written). */
  putFinalRecordIfAbsent(record: FinalRecord): Promise<boolean>;
  /** Every final record of the programme, by unit id. */
  listFinalRecords(programme: string): Promise<FinalRecord[]>;
}
