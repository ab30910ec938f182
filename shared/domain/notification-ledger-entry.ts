import type { Channel } from './channel.ts';

/** One message of one run: at most one per (programme, run key, recipient, channel). */
export interface LedgerKey {
  readonly programme: string;
  readonly runKey: string;
  /** E-mail address or E.164 phone number; stored, never logged. */
  readonly recipient: string;
  readonly channel: Channel;
}

/**
 * What the ledger knows of one message. `pending`: claimed by `sender` at `claimedAt` and not
 * (yet) confirmed as published; `sent`: published, with the provider's message id.
 */
export interface LedgerEntry extends LedgerKey {
  readonly state: 'pending' | 'sent';
  readonly claimedAt: string;
  /** Who claimed it: one execution of a run (its retries share it), or one ad-hoc run. */
  readonly sender?: string;
  readonly sentAt?: string;
  readonly messageId?: string;
  /** The catalog version the message was judged against (shared/catalog/catalog-version.ts). */
  readonly catalogVersion?: string;
}
