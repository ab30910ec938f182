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

export function contactOf(programme: Programme, ref: RecipientRef): Contact | undefined {
  if (ref.role === 'steering') return programme.catalog.programme.steeringCommittee[ref.index];
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
