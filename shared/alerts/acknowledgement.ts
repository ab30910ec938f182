/** A person's "we know, stop reminding us until …" for one series or a whole unit. */
export interface Acknowledgement {
  readonly programme: string;
  readonly unit: string;
  /** Undefined: every indicator of the unit. */
  readonly indicator?: string;
  /** Reminders pause until this date (inclusive), YYYY-MM-DD. */
  readonly until: string;
  readonly note: string;
  readonly by: string;
  readonly createdAt: string;
}
