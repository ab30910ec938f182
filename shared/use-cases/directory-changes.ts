import type { DirectoryRow } from '../directory/directory-file.ts';
import { handOver, type PersonDetails, type Tenure, vacate } from '../domain/person.ts';
import type { Directory } from '../ports/directory.ts';

export interface DirectoryChange {
  /** Tenures written: new holders plus the tenures their handover closed. */
  readonly written: number;
  /** Rows that matched the person already in the seat. */
  readonly unchanged: number;
}

/**
 * Puts every row's person in their seat (from the row's validFrom, else `today`), recording
 * handovers. All rows are planned against the directory first and written in one call, so a
 * file either goes in whole or, on a store failure, is simply imported again.
 */
export async function applyDirectoryRows(
  directory: Directory,
  programme: string,
  rows: readonly DirectoryRow[],
  today: string,
  recordedAt: string,
): Promise<DirectoryChange> {
  const tenures = new Map<string, Tenure>();
  const keyOf = (tenure: Tenure) => `${tenure.seat}\u0000${tenure.validFrom}`;
  for (const tenure of await directory.listTenures(programme)) tenures.set(keyOf(tenure), tenure);
  const changed = new Map<string, Tenure>();
  let unchanged = 0;
  for (const row of rows) {
    const writes = handOver([...tenures.values()], row, programme, row.validFrom ?? today, recordedAt);
    if (writes.length === 0) unchanged++;
    for (const tenure of writes) {
      tenures.set(keyOf(tenure), tenure);
      changed.set(keyOf(tenure), tenure);
    }
  }
  await directory.putTenures(programme, [...changed.values()]);
  return { written: changed.size, unchanged };
}

/** Ends the tenure of whoever holds `seat` on the day before `from`; the number of tenures ended. */
export async function vacateSeat(
  directory: Directory,
  programme: string,
  seat: string,
  from: string,
): Promise<number> {
  const ended = vacate(await directory.listTenures(programme), seat, from);
  await directory.putTenures(programme, ended);
  return ended.length;
}

export type { PersonDetails };
