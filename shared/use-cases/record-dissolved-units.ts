import type { Programme } from '../catalog/programme.ts';
import { finalRecordOf, unitsDueAFinalRecord } from '../domain/final-record.ts';
import type { SeriesHistory } from '../domain/programme-evaluation.ts';
import type { FinalRecords } from '../ports/final-records.ts';

/**
 * Part of the daily run: every unit whose `validTo` has passed and that has no final record gets
 * one, judged as of its `validTo`. Idempotent: a second run (or a concurrent one) writes nothing,
 * as the store keeps the first record of a unit. Returns how many records this run wrote.
 */
export async function recordDissolvedUnits(
  programme: Programme,
  history: SeriesHistory,
  today: string,
  now: Date,
  finalRecords: FinalRecords,
): Promise<number> {
  const existing = await finalRecords.listFinalRecords(programme.id);
  const due = unitsDueAFinalRecord(programme, today, new Set(existing.map((record) => record.unit)));
  let written = 0;
  for (const unit of due) {
    const record = finalRecordOf(programme, unit, history, now.toISOString());
    if (await finalRecords.putFinalRecordIfAbsent(record)) written++;
  }
  return written;
}
