import type { EmailInterest, EmailSubscriptionState, Tenure } from '../domain/person.ts';

/**
 * The directory of people: every tenure of every seat of a programme, and the e-mail
 * subscription state of each address. Tenures are keyed by (programme, seat, validFrom): putting
 * one with the same key replaces it. Contacts are stored here and never logged.
 */
export interface Directory {
  /** Every tenure of the programme, past, present and future, in no particular order. */
  listTenures(programme: string): Promise<Tenure[]>;
  /** Upserts tenures; either all are written or the call throws (a retry completes it). */
  putTenures(programme: string, tenures: readonly Tenure[]): Promise<void>;
  /** The state of every address the subscription sync has seen. */
  listEmailStates(): Promise<EmailSubscriptionState[]>;
  putEmailStates(states: readonly EmailSubscriptionState[]): Promise<void>;
  /** Every programme's word on every address it ever wanted (one entry per address and programme). */
  listEmailInterests(): Promise<EmailInterest[]>;
  /** Upserts entries on (address, programme); a programme only ever writes its own. */
  putEmailInterests(interests: readonly EmailInterest[]): Promise<void>;
}
