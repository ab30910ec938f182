import { createHash } from 'node:crypto';
import type { Channel } from './channel.ts';
import type { SeriesStatus } from './series-status.ts';

/**
 * The audit trail: who was told what and when, on which data, and what people did about it
 * (acknowledgements, mutes, directory changes). Each event belongs to one unit of a programme
 * (`unit` empty: the programme as a whole, e.g. the committee's digest or an operator's seat), so
 * a unit's timeline reads in one place. Recipients are stored as given, for the office to look up;
 * everything that shows or logs an event masks them (shared/pii-mask.ts).
 */
interface AuditEventBase {
  readonly programme: string;
  /** ISO-8601 instant. */
  readonly at: string;
  /** Empty for programme-wide events. */
  readonly unit: string;
  /** Undefined: the whole unit (a unit-wide acknowledgement, a head's handover, a message). */
  readonly indicator?: string;
  /** The catalog version the event was judged against, where a catalog was involved. */
  readonly catalogVersion?: string;
}

/** One series a message spoke about, with the figures the message showed. */
export interface NotificationBasis {
  readonly unit: string;
  readonly indicator: string;
  /** The alert kind and what happened to it (opened, reminder, escalated, resolved). */
  readonly alert: string;
  readonly event: string;
  readonly status: SeriesStatus;
  readonly value: number | null;
  /** Observation date of `value`. */
  readonly date: string | null;
  /** What the trajectory required on that date. */
  readonly required: number | null;
}

export interface NotificationEvent extends AuditEventBase {
  readonly kind: 'notification';
  readonly message: 'alert' | 'digest';
  readonly channel: Channel;
  /** E-mail address or phone number as sent to; never shown unmasked unless the office asks. */
  readonly recipient: string;
  readonly recipientName?: string;
  readonly runKey: string;
  readonly messageId: string;
  /** sha256 of the text sent (hex), and its length in characters: the text itself is not kept. */
  readonly messageHash: string;
  readonly textLength: number;
  /** The series of this unit the message was about (empty for a digest). */
  readonly basis: readonly NotificationBasis[];
}

export interface AcknowledgementEvent extends AuditEventBase {
  readonly kind: 'acknowledgement';
  readonly action: 'recorded' | 'removed';
  readonly by: string;
  readonly until?: string;
  readonly note?: string;
}

export interface MuteEvent extends AuditEventBase {
  readonly kind: 'mute';
  readonly action: 'set' | 'lifted';
  readonly by: string;
  readonly until?: string;
  readonly reason?: string;
}

export interface DirectoryEvent extends AuditEventBase {
  readonly kind: 'directory';
  /** What changed: a tenure opened (a new person in a seat), closed, or corrected. */
  readonly action: 'opened' | 'closed' | 'corrected';
  readonly by: string;
  readonly role: string;
  readonly name: string;
  readonly validFrom: string;
  readonly validTo?: string;
}

export type AuditEvent = NotificationEvent | AcknowledgementEvent | MuteEvent | DirectoryEvent;
export type AuditKind = AuditEvent['kind'];
export const AUDIT_KINDS: readonly AuditKind[] = ['notification', 'acknowledgement', 'mute', 'directory'];

/** What a timeline asks for: one unit, optionally one of its indicators, newest first. */
export interface AuditQuery {
  readonly programme: string;
  readonly unit: string;
  readonly indicator?: string;
  readonly limit?: number;
}

/**
 * Records are kept until this instant by default: the programme runs to 2030, and its last
 * year's records must outlive it (DTWATCH_AUDIT_RETAIN_UNTIL changes it).
 */
export const DEFAULT_AUDIT_RETAIN_UNTIL = '2031-01-01T00:00:00Z';

export function messageHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Stable id of an event: recording the same event twice (a retried run) keeps one copy. */
export function auditEventId(event: AuditEvent): string {
  return createHash('sha256').update(JSON.stringify(event)).digest('hex').slice(0, 16);
}

/**
 * Whether an event belongs on the timeline of `query` (unit already matched): events about the
 * indicator, and unit-wide ones; a message about several series keeps only those asked for.
 */
export function onTimeline(event: AuditEvent, indicator: string | undefined): AuditEvent | undefined {
  if (indicator === undefined) return event;
  if (event.kind === 'notification') {
    if (event.basis.length === 0) return event;
    const basis = event.basis.filter((item) => item.indicator === indicator);
    return basis.length === 0 ? undefined : { ...event, basis };
  }
  return event.indicator === undefined || event.indicator === indicator ? event : undefined;
}

/** Newest first, ties in a stable order. */
export function newestFirst(a: AuditEvent, b: AuditEvent): number {
  return b.at.localeCompare(a.at) || auditEventId(a).localeCompare(auditEventId(b));
}
