import type { AlertStateRecord } from './alert-state.ts';
import type { ToldFacts } from './reminder-cadence.ts';

/**
 * What the alert policy keeps in an alert state besides the lifecycle's own fields: how many
 * reminders without change went out (the backing-off schedule), the figures last told (to see a
 * change), and what holds the alert back (a mute, a source down). All optional: a state written
 * before the policy existed reads as "no reminder yet".
 */
export interface AlertPolicyFacts {
  /** Reminders sent with nothing changed (and escalations sent in their place). */
  readonly quietReminders?: number;
  readonly told?: ToldFacts;
  /** Id of the mute holding the alert back, while one does. */
  readonly mutedBy?: string;
  /** False while nobody has been told the alert is open (it opened under a mute). */
  readonly announced?: boolean;
  /** The source whose failure holds back this (overdue) alert's notices, while it does. */
  readonly inhibitedBy?: string;
}

export function policyFactsOf(record: AlertStateRecord): AlertPolicyFacts {
  const facts = record as AlertPolicyFacts;
  const told = facts.told;
  return {
    ...(typeof facts.quietReminders === 'number' && { quietReminders: facts.quietReminders }),
    ...(told && typeof told === 'object' && { told }),
    ...(typeof facts.mutedBy === 'string' && { mutedBy: facts.mutedBy }),
    ...(facts.announced === false && { announced: false }),
    ...(typeof facts.inhibitedBy === 'string' && { inhibitedBy: facts.inhibitedBy }),
  };
}

/** Whether the alert is held back by a mute (status and the digest show it marked). */
export function isMuted(record: AlertStateRecord): boolean {
  return typeof (record as AlertPolicyFacts).mutedBy === 'string';
}
