import type { Programme } from '../catalog/programme.ts';
import { normaliseEmail, peopleInForce, type Role, type Tenure } from '../domain/person.ts';

/**
 * Who is signed in and what they may see and do (docs/security.md, "Web app"): a unit's head,
 * deputy or data contact sees the unit, its children (transitively) and the units merged into
 * them; an indicator owner sees that indicator across every unit; the steering committee and the
 * office (operators) see the whole programme; only the office manages mutes and the directory.
 * Heads and deputies acknowledge alerts of the units they see; the office on anyone's behalf.
 */
export interface Viewer {
  readonly programme: string;
  readonly email: string;
  readonly name: string;
  readonly roles: readonly Role[];
  /** Committee or office. */
  readonly wholeProgramme: boolean;
  /** Operators: mutes, directory, acknowledgements on someone's behalf. */
  readonly office: boolean;
  /** Units seen through a unit seat (empty for the whole programme: everything is seen). */
  readonly units: ReadonlySet<string>;
  /** Indicators owned (seen across every unit). */
  readonly indicators: ReadonlySet<string>;
  /** Units whose alerts this person may acknowledge themself. */
  readonly acknowledges: ReadonlySet<string>;
}

const UNIT_SEATS: ReadonlySet<Role> = new Set(['head', 'deputy', 'data-contact']);
const ACKNOWLEDGING_SEATS: ReadonlySet<Role> = new Set(['head', 'deputy']);

/**
 * The viewer an address is on `date`: the directory's people in force, or, where the directory
 * names nobody at all (a programme without an imported directory), the catalog's contacts.
 * Undefined when the address holds no seat in the programme.
 */
export function viewerOf(
  programme: Programme,
  tenures: readonly Tenure[],
  email: string,
  date: string,
): Viewer | undefined {
  const address = normaliseEmail(email);
  const inForce = peopleInForce(tenures, date);
  const seats = (inForce.length > 0 ? inForce : catalogSeats(programme)).filter(
    (seat) => seat.email !== undefined && normaliseEmail(seat.email) === address,
  );
  if (seats.length === 0) return undefined;
  const roles = [...new Set(seats.map((seat) => seat.role))];
  const office = roles.includes('operator');
  const wholeProgramme = office || roles.includes('committee');
  const children = childrenOf(programme);
  const units = new Set<string>();
  const acknowledges = new Set<string>();
  for (const seat of seats) {
    if (!UNIT_SEATS.has(seat.role) || !programme.units.has(seat.unit)) continue;
    const subtree = subtreeOf(seat.unit, children, programme);
    for (const unit of subtree) units.add(unit);
    if (ACKNOWLEDGING_SEATS.has(seat.role)) for (const unit of subtree) acknowledges.add(unit);
  }
  const indicators = new Set(
    seats.filter((seat) => seat.role === 'owner' && seat.indicator !== '').map((seat) => seat.indicator),
  );
  return {
    programme: programme.id,
    email: address,
    name: seats[0]?.name ?? address,
    roles,
    wholeProgramme,
    office,
    units,
    indicators,
    acknowledges,
  };
}

export function canSeeUnit(viewer: Viewer, unit: string): boolean {
  return viewer.wholeProgramme || viewer.units.has(unit) || viewer.indicators.size > 0;
}

export function canSeeSeries(viewer: Viewer, unit: string, indicator: string): boolean {
  return viewer.wholeProgramme || viewer.units.has(unit) || viewer.indicators.has(indicator);
}

export function canAcknowledge(viewer: Viewer, unit: string): boolean {
  return viewer.office || viewer.acknowledges.has(unit);
}

/** Mutes and the directory of people. */
export function canManage(viewer: Viewer): boolean {
  return viewer.office;
}

/** Every unit's direct children (by `parent`) and the units merged into it (`mergedFrom`). */
export function childrenOf(programme: Programme): ReadonlyMap<string, readonly string[]> {
  const children = new Map<string, string[]>();
  const add = (parent: string, child: string) => {
    const list = children.get(parent) ?? [];
    list.push(child);
    children.set(parent, list);
  };
  for (const unit of programme.catalog.units) {
    if (unit.parent !== undefined) add(unit.parent, unit.id);
    for (const predecessor of unit.mergedFrom ?? []) add(unit.id, predecessor);
  }
  return children;
}

function subtreeOf(
  root: string,
  children: ReadonlyMap<string, readonly string[]>,
  programme: Programme,
): Set<string> {
  const seen = new Set<string>();
  const pending = [root];
  while (pending.length > 0) {
    const unit = pending.pop() as string;
    if (seen.has(unit) || !programme.units.has(unit)) continue;
    seen.add(unit);
    pending.push(...(children.get(unit) ?? []));
  }
  return seen;
}

/** The catalog's own contacts as seats (heads, data contacts, the steering committee). */
function catalogSeats(
  programme: Programme,
): { role: Role; unit: string; indicator: string; name: string; email?: string }[] {
  const seats: { role: Role; unit: string; indicator: string; name: string; email?: string }[] = [];
  for (const member of programme.catalog.programme.steeringCommittee) {
    if (member.email)
      seats.push({
        role: 'committee',
        unit: '',
        indicator: '',
        name: member.name ?? member.email,
        email: member.email,
      });
  }
  for (const unit of programme.catalog.units) {
    if (unit.head?.email)
      seats.push({
        role: 'head',
        unit: unit.id,
        indicator: '',
        name: unit.head.name ?? unit.name,
        email: unit.head.email,
      });
    if (unit.dataContact?.email) {
      seats.push({
        role: 'data-contact',
        unit: unit.id,
        indicator: '',
        name: unit.dataContact.name ?? unit.name,
        email: unit.dataContact.email,
      });
    }
  }
  return seats;
}
