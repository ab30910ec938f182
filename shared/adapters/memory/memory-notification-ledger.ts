import type { LedgerEntry, LedgerKey } from '../../domain/notification-ledger-entry.ts';
import type { ClaimOutcome, NotificationClaim, NotificationLedger } from '../../ports/notification-ledger.ts';
import { isoInstant } from '../store-rules.ts';

/**
 * The ledger in memory with the table's rules: a claim succeeds on a missing entry, or on a pending
 * one that is the same sender's or older than the lease; a sent entry is never claimed or dropped.
 * JavaScript runs each call to its first await alone, which is what the conditional write gives.
 */
export class MemoryNotificationLedger implements NotificationLedger {
  /** `<programme>#<runKey>` → `<channel>#<recipient>` → entry. */
  private readonly runs = new Map<string, Map<string, LedgerEntry>>();

  async claimNotification(key: LedgerKey, claim: NotificationClaim): Promise<ClaimOutcome> {
    const at = isoInstant(claim.at);
    const cutoff = new Date(Date.parse(at) - claim.leaseSeconds * 1000).toISOString();
    const entries = this.run(key.programme, key.runKey);
    const existing = entries.get(slot(key));
    if (existing?.state === 'sent') return 'sent';
    if (existing && existing.sender !== claim.sender && existing.claimedAt > cutoff) return 'busy';
    entries.set(slot(key), {
      ...ledgerKey(key),
      state: 'pending',
      claimedAt: at,
      sender: claim.sender,
      ...(claim.catalogVersion !== undefined && { catalogVersion: claim.catalogVersion }),
    });
    return 'claimed';
  }

  async markNotificationSent(key: LedgerKey, messageId: string, sentAt: string): Promise<void> {
    const sent = isoInstant(sentAt);
    const entries = this.run(key.programme, key.runKey);
    const existing = entries.get(slot(key));
    entries.set(slot(key), {
      ...existing,
      ...ledgerKey(key),
      state: 'sent',
      claimedAt: existing?.claimedAt ?? sent,
      sentAt: sent,
      messageId,
    });
  }

  async releaseNotification(key: LedgerKey): Promise<void> {
    const entries = this.run(key.programme, key.runKey);
    if (entries.get(slot(key))?.state === 'pending') entries.delete(slot(key));
  }

  async listNotifications(programme: string, runKey: string): Promise<LedgerEntry[]> {
    const entries = this.run(programme, runKey);
    return [...entries.keys()].sort().flatMap((id) => {
      const entry = entries.get(id);
      return entry ? [{ ...entry }] : [];
    });
  }

  private run(programme: string, runKey: string): Map<string, LedgerEntry> {
    const id = `${programme}#${runKey}`;
    const entries = this.runs.get(id) ?? new Map<string, LedgerEntry>();
    this.runs.set(id, entries);
    return entries;
  }
}

function slot(key: LedgerKey): string {
  return `${key.channel}#${key.recipient}`;
}

function ledgerKey({ programme, runKey, recipient, channel }: LedgerKey): LedgerKey {
  return { programme, runKey, recipient, channel };
}
