import type { Contact } from '../catalog/catalog-schema.ts';
import type { Programme } from '../catalog/programme.ts';
import { type EmailState, normaliseEmail, peopleInForce, type Tenure } from '../domain/person.ts';

/** A contact the alerts can use, with what the subscription sync knows about its e-mail. */
export interface DirectoryContact extends Contact {
  /** Set when the e-mail cannot be delivered yet (or any more): the SMS says so. */
  readonly emailUnconfirmed?: EmailState;
}

/**
 * The programme as the alerts see it on `date`: each unit's head and data contact, the steering
 * committee and the indicators' owners come from the directory's people in force; the catalog's own contacts stay
 * only where the directory names nobody (the local sample). An address whose subscription is
 * pending or gone is not e-mailed (SNS would drop it): the person keeps their SMS, which says so.
 */
export function withDirectoryContacts(
  programme: Programme,
  tenures: readonly Tenure[],
  date: string,
  emailStates: ReadonlyMap<string, EmailState>,
): Programme {
  const inForce = peopleInForce(tenures, date);
  if (inForce.length === 0) return programme;
  const contactOf = (tenure: Tenure): DirectoryContact => {
    const state = tenure.email ? emailStates.get(normaliseEmail(tenure.email)) : undefined;
    const deliverable = state === undefined || state === 'confirmed';
    return {
      name: tenure.name,
      ...(tenure.phone !== undefined && { phone: tenure.phone }),
      ...(tenure.email !== undefined && deliverable && { email: tenure.email }),
      ...(tenure.email !== undefined && !deliverable && { emailUnconfirmed: state }),
    };
  };
  const byUnit = (role: string) =>
    new Map(
      inForce.filter((tenure) => tenure.role === role).map((tenure) => [tenure.unit, contactOf(tenure)]),
    );
  const heads = byUnit('head');
  const dataContacts = byUnit('data-contact');
  const committee = inForce.filter((tenure) => tenure.role === 'committee').map(contactOf);
  const owners = new Map(
    inForce
      .filter((tenure) => tenure.role === 'owner')
      .map((tenure) => [tenure.indicator, { unit: tenure.unit, contact: contactOf(tenure) }]),
  );
  const operators = inForce.filter((tenure) => tenure.role === 'operator').map(contactOf);
  const units = programme.catalog.units.map((unit) => {
    const head = heads.get(unit.id) ?? unit.head;
    const dataContact = dataContacts.get(unit.id) ?? unit.dataContact;
    return {
      ...unit,
      ...(head !== undefined && { head }),
      ...(dataContact !== undefined && { dataContact }),
    };
  });
  const catalog = {
    ...programme.catalog,
    programme: {
      ...programme.catalog.programme,
      steeringCommittee: committee.length > 0 ? committee : programme.catalog.programme.steeringCommittee,
      operators: operators.length > 0 ? operators : programme.catalog.programme.operators,
    },
    units,
  };
  return {
    ...programme,
    catalog,
    units: new Map(units.map((unit) => [unit.id, unit])),
    ...(owners.size > 0 && { owners }),
  };
}
