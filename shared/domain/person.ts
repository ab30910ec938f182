/**
 * People who answer for a programme, held as data (the directory) rather than in the catalog.
 * A person holds a seat (role × unit × indicator) for a tenure; a handover closes one tenure and
 * opens the next, so the record of who answered when is kept, never overwritten.
 */
export const ROLES = ['head', 'deputy', 'data-contact', 'owner', 'committee', 'operator'] as const;
export type Role = (typeof ROLES)[number];

/** Roles held by several people at once (each member is a seat of their own). */
export const SHARED_ROLES: ReadonlySet<Role> = new Set(['committee', 'operator']);
/** Roles whose people are told when their units fall behind (the alarm counts them). */
export const ACCOUNTABLE_ROLES: ReadonlySet<Role> = new Set(['head', 'data-contact', 'committee']);

export interface PersonDetails {
  readonly role: Role;
  /** Empty for committee members and operators (the programme as a whole). */
  readonly unit: string;
  /** Owners only: the indicator they own. */
  readonly indicator: string;
  readonly name: string;
  readonly email?: string;
  readonly phone?: string;
}

/** One person in one seat for one stretch of time (inclusive calendar dates). */
export interface Tenure extends PersonDetails {
  readonly programme: string;
  /** Identifies the seat: role, unit, indicator, and for shared roles the member. */
  readonly seat: string;
  readonly validFrom: string;
  /** Open-ended when absent. */
  readonly validTo?: string;
  readonly recordedAt: string;
}

/** Whether SNS can deliver e-mail to an address (kept by the subscription sync). */
export type EmailState = 'pending' | 'confirmed' | 'gone';

export interface EmailSubscriptionState {
  /** Normalised (trimmed, lower case). */
  readonly address: string;
  readonly state: EmailState;
  readonly updatedAt: string;
}

/**
 * Whether a programme wants e-mail to reach an address (its people, committee and owners): the
 * topics are shared by the stage, so an address leaves them only when no programme wants it.
 */
export interface EmailInterest {
  /** Normalised (trimmed, lower case). */
  readonly address: string;
  readonly programme: string;
  readonly wanted: boolean;
  readonly updatedAt: string;
}

export function normaliseEmail(address: string): string {
  return address.trim().toLowerCase();
}

/** The member part of a shared seat: who they are, independent of how the name is spelled. */
function memberOf(person: PersonDetails): string {
  return (person.email ? normaliseEmail(person.email) : (person.phone ?? person.name.trim())).replace(
    /#/g,
    '',
  );
}

export function seatOf(person: PersonDetails): string {
  const base = `${person.role}|${person.unit}|${person.indicator}`;
  return SHARED_ROLES.has(person.role) ? `${base}|${memberOf(person)}` : base;
}

export function isInForce(tenure: Tenure, date: string): boolean {
  return tenure.validFrom <= date && (tenure.validTo === undefined || date <= tenure.validTo);
}

/** The people holding a seat on `date`, in a stable order (role, unit, indicator, name). */
export function peopleInForce(tenures: readonly Tenure[], date: string): Tenure[] {
  return tenures.filter((tenure) => isInForce(tenure, date)).sort(compareTenures);
}

export function compareTenures(a: Tenure, b: Tenure): number {
  return (
    ROLES.indexOf(a.role) - ROLES.indexOf(b.role) ||
    compare(a.unit, b.unit) ||
    compare(a.indicator, b.indicator) ||
    compare(a.validFrom, b.validFrom) ||
    compare(a.name, b.name)
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function samePerson(a: PersonDetails, b: PersonDetails): boolean {
  return a.name === b.name && a.email === b.email && a.phone === b.phone;
}

/** The day before an ISO calendar date. */
function dayBefore(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() - 1);
  return day.toISOString().slice(0, 10);
}

/**
 * The tenure writes that put `person` in their seat from `from` on: the holder on that day hands
 * over (their tenure ends the day before; one that had not started yet is cut to nothing and
 * dropped from the answer only by its validTo), and the new tenure opens. The same person with
 * the same details already in the seat changes nothing, so a re-import writes nothing.
 */
export function handOver(
  existing: readonly Tenure[],
  person: PersonDetails & { readonly validTo?: string },
  programme: string,
  from: string,
  recordedAt: string,
): Tenure[] {
  const seat = seatOf(person);
  const inSeat = existing.filter((tenure) => tenure.seat === seat);
  const current = inSeat.find((tenure) => isInForce(tenure, from));
  if (current && samePerson(current, person) && current.validTo === person.validTo) return [];
  const writes: Tenure[] = [];
  for (const tenure of inSeat) {
    const endsAfter = tenure.validTo === undefined || tenure.validTo >= from;
    if (!endsAfter) continue;
    if (tenure.validFrom >= from) {
      // Replaced before it began: it never held the seat.
      if (tenure.validFrom !== from) writes.push({ ...tenure, validTo: dayBefore(tenure.validFrom) });
      continue;
    }
    writes.push({ ...tenure, validTo: dayBefore(from) });
  }
  writes.push({
    programme,
    seat,
    role: person.role,
    unit: person.unit,
    indicator: person.indicator,
    name: person.name,
    ...(person.email !== undefined && { email: person.email }),
    ...(person.phone !== undefined && { phone: person.phone }),
    validFrom: from,
    ...(person.validTo !== undefined && { validTo: person.validTo }),
    recordedAt,
  });
  return writes;
}

/**
 * Ends the tenure in force in `seat` on `from` the day before; nothing when the seat is empty
 * that day. A tenure that was to begin that very day ends before it began (it never held it).
 */
export function vacate(existing: readonly Tenure[], seat: string, from: string): Tenure[] {
  return existing
    .filter((tenure) => tenure.seat === seat && isInForce(tenure, from))
    .map((tenure) => ({ ...tenure, validTo: dayBefore(from) }));
}
