import type { NotificationEvent } from '../domain/audit-event.ts';
import type { LedgerKey } from '../domain/notification-ledger-entry.ts';
import { logger } from '../logger.ts';
import { maskContact } from '../pii-mask.ts';
import type { AuditTrail } from '../ports/audit-trail.ts';
import type { Clock } from '../ports/clock.ts';
import type { NotificationClaim, NotificationLedger } from '../ports/notification-ledger.ts';
import type { Notifier, OutgoingMessage } from '../ports/notifier.ts';

export interface DeliveryDeps {
  readonly ledger: Pick<
    NotificationLedger,
    'claimNotification' | 'markNotificationSent' | 'releaseNotification'
  >;
  readonly notifier: Notifier;
  readonly clock: Clock;
  readonly audit?: AuditTrail;
}

/**
 * What became of one message. `sent`: published now (`recorded` says whether its audit record was
 * written). `already-sent`: an earlier attempt published it. `busy`: another sender holds the
 * claim. `failed`: the publish failed and the claim was released for the next attempt.
 */
export type DeliveryOutcome =
  | { readonly outcome: 'sent'; readonly messageId: string; readonly recorded: boolean }
  | { readonly outcome: 'already-sent' }
  | { readonly outcome: 'busy' }
  | { readonly outcome: 'failed' };

/**
 * Sends one message at most once, whatever crashes or retries: claim it in the ledger, publish,
 * record it on the audit trail, then mark it sent. The record comes before the mark: a crash in
 * between leaves the claim pending, and the retry that sends the message again records it again
 * (recorded after the whole run, a crash lost the record for good). The alert run and the digest
 * both send through here. Errors that do not stop the message (the publish, the audit record, the
 * mark) go to `failures`, so the caller fails its run after sending the rest.
 */
export async function deliverOnce(
  deps: DeliveryDeps,
  key: LedgerKey,
  claim: Omit<NotificationClaim, 'at'>,
  message: OutgoingMessage,
  auditEvents: (messageId: string, at: string) => readonly NotificationEvent[],
  failures: unknown[],
): Promise<DeliveryOutcome> {
  const { ledger, notifier, clock, audit } = deps;
  const outcome = await ledger.claimNotification(key, { ...claim, at: clock.now().toISOString() });
  if (outcome === 'sent') return { outcome: 'already-sent' };
  if (outcome === 'busy') return { outcome: 'busy' };
  let messageId: string;
  try {
    ({ messageId } = await notifier.send(message));
  } catch (error) {
    failures.push(error);
    logger.warn('publish failed; the claim is released for a retry', {
      programme: key.programme,
      runKey: key.runKey,
      channel: key.channel,
      recipient: maskContact(key.recipient),
      error: error instanceof Error ? error.name : 'unknown',
    });
    // A release that fails leaves the claim pending: the next attempt takes it over after the lease.
    await ledger.releaseNotification(key).catch((releaseError: unknown) => failures.push(releaseError));
    return { outcome: 'failed' };
  }
  let recorded = true;
  const events = audit ? auditEvents(messageId, clock.now().toISOString()) : [];
  if (audit && events.length > 0) {
    try {
      await audit.record(events);
    } catch (error) {
      // The message went: only its record is missing, and the run fails (alarm) after the rest.
      failures.push(error);
      recorded = false;
    }
  }
  try {
    await ledger.markNotificationSent(key, messageId, clock.now().toISOString());
  } catch (error) {
    // Published but not marked: the claim stays, so nobody resends it before the lease ends.
    failures.push(error);
  }
  return { outcome: 'sent', messageId, recorded };
}
