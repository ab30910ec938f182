import type { AlertStateRecord } from './alert-state.ts';
import type { ToldFacts } from './reminder-cadence.ts';

/**
 * What the alert policy keeps in an alert state besides the lifecycle's own fields: when the
 * situation last changed and how many reminders went out since (the backing-off schedule), the
 * figures last told (to see a change), and what holds the alert back (a mute, a source down).
 * All optional: states written before the policy existed read as "changed when last notified".
 */
export interface AlertPolicyFacts {
  /** Date (programme time zone) the alert opened or last changed. */
  readonly changedOn?: string;
  /** Reminders without change sent since `changedOn`. */
  readonly remindersSinceChange?: number;
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
    ...(typeof facts.changedOn === 'string' && { changedOn: facts.changedOn }),
    ...(typeof facts.remindersSinceChange === 'number' && {
      remindersSinceChange: facts.remindersSinceChange,
    }),
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
