import type { LedgerEntry, LedgerKey } from '../domain/notification-ledger-entry.ts';

/** Who asks to send, and when (docs/alerts.md, "Effect-once delivery"). */
export interface NotificationClaim {
  /** ISO-8601 instant of the claim. */
  readonly at: string;
  /**
   * A pending claim of another sender at least this old is taken over (that sender is presumed
   * dead); 0 takes over any pending claim (a sender that holds the store alone).
   */
  readonly leaseSeconds: number;
  /**
   * The claiming attempt's identity. A pending claim of the same sender is taken over at once: it
   * was left by an earlier attempt of the same execution, which only retries once that one ended.
   */
  readonly sender: string;
  /** The catalog version the message was judged against, kept on the entry. */
  readonly catalogVersion?: string;
}

/**
 * `claimed`: this caller may publish now. `sent`: already published. `busy`: another sender's
 * claim is younger than the lease, so that sender may still be publishing it.
 */
export type ClaimOutcome = 'claimed' | 'sent' | 'busy';

/** The effect-once record of every message sent: claim, publish, mark sent (or release). */
export interface NotificationLedger {
  /** Conditionally records the intent to send (one conditional write, safe against races). */
  claimNotification(key: LedgerKey, claim: NotificationClaim): Promise<ClaimOutcome>;
  /** Unconditional: a published message is a fact even if another sender took the claim over. */
  markNotificationSent(key: LedgerKey, messageId: string, sentAt: string): Promise<void>;
  /** Drops a pending claim whose publish failed, so the next attempt sends it; never a sent one. */
  releaseNotification(key: LedgerKey): Promise<void>;
  /** Every entry of one run of a programme. */
  listNotifications(programme: string, runKey: string): Promise<LedgerEntry[]>;
}
