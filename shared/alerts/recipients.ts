import type { Contact } from '../catalog/catalog-schema.ts';
import type { Programme } from '../catalog/programme.ts';
import type { Channel } from '../domain/channel.ts';
import { type AlertKind, asksForData } from './alert-kind.ts';
import type { RecipientRef } from './alert-notice.ts';

/**
 * Who answers for an alert of a unit: its head; for a missing report the person who reports the
 * data, when the catalog names one.
 */
export function responsibleRecipient(programme: Programme, unit: string, kind: AlertKind): RecipientRef {
  if (asksForData(kind) && isReachable(programme.units.get(unit)?.dataContact)) {
    return { role: 'data_contact', unit };
  }
  return { role: 'head', unit };
}

/** Units above `unit`, nearest first; a cycle in the catalog stops the walk. */
export function ancestorsOf(programme: Programme, unit: string): string[] {
  const chain: string[] = [];
  const seen = new Set([unit]);
  let parent = programme.units.get(unit)?.parent;
  while (parent !== undefined && !seen.has(parent) && programme.units.has(parent)) {
    chain.push(parent);
    seen.add(parent);
    parent = programme.units.get(parent)?.parent;
  }
  return chain;
}

/**
 * The highest escalation level of a unit: one per ancestor, plus the steering committee above the
 * top of the chain when the programme has one.
 */
export function maxEscalationLevel(programme: Programme, unit: string): number {
  const steering = programme.catalog.programme.steeringCommittee.length > 0 ? 1 : 0;
  return ancestorsOf(programme, unit).length + steering;
}

/** Who is told at escalation `level` (1 = the parent's head, …, then the steering committee). */
export function escalationRecipients(programme: Programme, unit: string, level: number): RecipientRef[] {
  if (level < 1) return [];
  const chain = ancestorsOf(programme, unit);
  const ancestor = chain[level - 1];
  if (ancestor !== undefined) return [{ role: 'head', unit: ancestor }];
  if (level !== chain.length + 1) return [];
  return programme.catalog.programme.steeringCommittee.map((_member, index) => ({
    role: 'steering' as const,
    index,
  }));
}

/**
 * Who owns an indicator across units: the directory's `owner` of it, else the head of the unit
 * the catalog names (`indicator.owner`, e.g. the Department of Science and Technology).
 */
export function ownerRecipients(programme: Programme, indicator: string): RecipientRef[] {
  const owner = ownerUnitOf(programme, indicator);
  return owner === undefined ? [] : [{ role: 'owner', indicator }];
}

/** The unit that owns an indicator, if any. */
export function ownerUnitOf(programme: Programme, indicator: string): string | undefined {
  return programme.owners?.get(indicator)?.unit ?? programme.indicators.get(indicator)?.owner;
}

/** The unit a recipient speaks for (none for the steering committee and the operators). */
export function unitOfRecipient(programme: Programme, ref: RecipientRef): string | undefined {
  if (ref.role === 'steering' || ref.role === 'operator') return undefined;
  if (ref.role === 'owner') return ownerUnitOf(programme, ref.indicator);
  return ref.unit;
}

export function contactOf(programme: Programme, ref: RecipientRef): Contact | undefined {
  if (ref.role === 'steering') return programme.catalog.programme.steeringCommittee[ref.index];
  if (ref.role === 'owner') {
    const named = programme.owners?.get(ref.indicator)?.contact;
    if (named) return named;
    const unit = ownerUnitOf(programme, ref.indicator);
    return unit === undefined ? undefined : programme.units.get(unit)?.head;
  }
  if (ref.role === 'operator') return programme.catalog.programme.operators[ref.index];
  const unit = programme.units.get(ref.unit);
  return ref.role === 'head' ? unit?.head : unit?.dataContact;
}

export function addressOf(contact: Contact | undefined, channel: Channel): string | undefined {
  if (!contact) return undefined;
  return channel === 'sms' ? contact.phone : contact.email;
}

/** The channels a recipient can be reached on, SMS first. */
export function channelsOf(contact: Contact | undefined): Channel[] {
  const channels: Channel[] = [];
  if (contact?.phone) channels.push('sms');
  if (contact?.email) channels.push('email');
  return channels;
}

function isReachable(contact: Contact | undefined): boolean {
  return channelsOf(contact).length > 0;
}
