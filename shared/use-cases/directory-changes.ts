import type { DirectoryRow } from '../directory/directory-file.ts';
import type { DirectoryEvent } from '../domain/audit-event.ts';
import { handOver, type PersonDetails, type Tenure, vacate } from '../domain/person.ts';
import type { AuditTrail } from '../ports/audit-trail.ts';
import type { Directory } from '../ports/directory.ts';

/** Where directory changes are recorded, and who makes them (an operator, `import`, `npm start`). */
export interface DirectoryAudit {
  readonly trail: AuditTrail;
  readonly by: string;
}

/** What a directory change reads and writes: the tenures only. */
type Tenures = Pick<Directory, 'listTenures' | 'putTenures'>;

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
  directory: Tenures,
  programme: string,
  rows: readonly DirectoryRow[],
  today: string,
  recordedAt: string,
  audit?: DirectoryAudit,
): Promise<DirectoryChange> {
  const tenures = new Map<string, Tenure>();
  const keyOf = (tenure: Tenure) => `${tenure.seat}\u0000${tenure.validFrom}`;
  for (const tenure of await directory.listTenures(programme)) tenures.set(keyOf(tenure), tenure);
  const before = new Map(tenures);
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
  if (audit && changed.size > 0) {
    await audit.trail.record(
      [...changed.entries()].map(([key, tenure]) =>
        directoryEvent(tenure, before.get(key), audit.by, recordedAt),
      ),
    );
  }
  return { written: changed.size, unchanged };
}

/** Ends the tenure of whoever holds `seat` on the day before `from`; the number of tenures ended. */
export async function vacateSeat(
  directory: Tenures,
  programme: string,
  seat: string,
  from: string,
  audit?: DirectoryAudit & { readonly at: string },
): Promise<number> {
  const ended = vacate(await directory.listTenures(programme), seat, from);
  await directory.putTenures(programme, ended);
  if (audit && ended.length > 0) {
    await audit.trail.record(ended.map((tenure) => directoryEvent(tenure, tenure, audit.by, audit.at)));
  }
  return ended.length;
}

/** A tenure written: a person newly in a seat, a tenure ended by a handover, or a correction. */
function directoryEvent(tenure: Tenure, before: Tenure | undefined, by: string, at: string): DirectoryEvent {
  const action = !before
    ? 'opened'
    : tenure.validTo !== undefined && before.validTo !== tenure.validTo
      ? 'closed'
      : 'corrected';
  return {
    kind: 'directory',
    programme: tenure.programme,
    at,
    unit: tenure.unit,
    ...(tenure.indicator !== '' && { indicator: tenure.indicator }),
    action,
    by,
    role: tenure.role,
    name: tenure.name,
    validFrom: tenure.validFrom,
    ...(tenure.validTo !== undefined && { validTo: tenure.validTo }),
  };
}

export type { PersonDetails };
