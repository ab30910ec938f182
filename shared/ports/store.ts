import type { SeriesStatus } from '../domain/series-status.ts';
import type { Observation } from '../snapshots/observation-rows.ts';

/**
 * Everything dtwatch keeps. One implementation (DynamoDB, single table) serves AWS, moto and the
 * embedded dynalite; the use-cases only see this port. All timestamps are ISO-8601 UTC strings.
 */
export interface Store {
  // ── observations ────────────────────────────────────────────────────────────────────────────
  /**
   * Stores checked observations. The same value for the same (series, date) adds nothing; a changed
   * value adds a revision and becomes current. Throws (nothing reported as stored) when writes
   * cannot be completed.
   */
  putObservations(
    programme: string,
    observations: readonly Observation[],
    receivedAt: string,
  ): Promise<ObservationWriteResult>;
  /** Current value of every (series, date) of the programme, for an evaluation run. */
  programmeObservations(programme: string): Promise<Observation[]>;
  /** Current values of one series with `from ≤ date ≤ to` (bounds optional), ascending by date. */
  seriesObservations(
    programme: string,
    unit: string,
    indicator: string,
    range?: DateRange,
  ): Promise<StoredObservation[]>;
  /** The current value with the greatest date, if any. */
  latestObservation(
    programme: string,
    unit: string,
    indicator: string,
  ): Promise<StoredObservation | undefined>;
  /** Every value ever received for one (series, date), oldest first. */
  observationRevisions(
    programme: string,
    unit: string,
    indicator: string,
    date: string,
  ): Promise<StoredObservation[]>;

  // ── ingestion bookkeeping ───────────────────────────────────────────────────────────────────
  putQuarantined(programme: string, rows: readonly QuarantinedRow[]): Promise<void>;
  /** Newest first. */
  listQuarantined(programme: string, options?: { limit?: number }): Promise<QuarantinedRow[]>;
  putSourceRun(run: SourceRun): Promise<void>;
  /** Newest first; `source` narrows to one source. */
  listSourceRuns(programme: string, options?: { source?: string; limit?: number }): Promise<SourceRun[]>;

  // ── alerts ──────────────────────────────────────────────────────────────────────────────────
  listAlertStates(programme: string): Promise<AlertStateRecord[]>;
  putAlertStates(programme: string, states: readonly AlertStateRecord[]): Promise<void>;
  putAcknowledgement(ack: Acknowledgement): Promise<void>;
  listAcknowledgements(programme: string): Promise<Acknowledgement[]>;
  /** Removes the ack of (unit, indicator); `indicator` undefined means the unit-wide ack. */
  removeAcknowledgement(programme: string, unit: string, indicator?: string): Promise<boolean>;

  // ── notification ledger (effect-once delivery) ─────────────────────────────────────────────
  /**
   * Conditionally records the intent to send. `claimed` when this caller may publish now;
   * `sent` when it was already sent; `busy` when another caller claimed it less than
   * `leaseSeconds` ago. A claim at least `leaseSeconds` old can be taken over (a crashed sender);
   * 0 takes over any pending claim (a sender that holds the store alone, like the local cycle).
   */
  claimNotification(
    key: LedgerKey,
    claimedAt: string,
    leaseSeconds: number,
  ): Promise<'claimed' | 'sent' | 'busy'>;
  markNotificationSent(key: LedgerKey, messageId: string, sentAt: string): Promise<void>;
  /** Drops a claim whose publish failed, so the next attempt sends it. */
  releaseNotification(key: LedgerKey): Promise<void>;
  getNotification(key: LedgerKey): Promise<LedgerEntry | undefined>;
  listNotifications(programme: string, runKey: string): Promise<LedgerEntry[]>;

  // ── digests ─────────────────────────────────────────────────────────────────────────────────
  /** false when a digest for that week already exists (nothing written). */
  putDigestIfAbsent(digest: DigestRecord): Promise<boolean>;
  getDigest(programme: string, week: string): Promise<DigestRecord | undefined>;
}

export interface DateRange {
  from?: string;
  to?: string;
}

export interface StoredObservation extends Observation {
  readonly receivedAt: string;
}

export interface ObservationWriteResult {
  /** New (series, date) pairs. */
  readonly stored: number;
  /** Existing pairs whose value changed. */
  readonly revised: number;
  /** Same value as already current: nothing written. */
  readonly unchanged: number;
}

export interface QuarantinedRow {
  readonly programme: string;
  readonly source: string;
  readonly receivedAt: string;
  readonly location: string;
  readonly reason: string;
  readonly row: { unit?: string; indicator?: string; date?: string; value?: string };
}

export type SourceRunOutcome = 'ok' | 'partial' | 'failed';

export interface SourceRun {
  readonly programme: string;
  readonly source: string;
  readonly runKey?: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly outcome: SourceRunOutcome;
  readonly rowsOk: number;
  readonly rowsRejected: number;
  readonly rowsUnchanged: number;
  readonly error?: string;
}

export type AlertKind = 'behind' | 'stale' | 'at_risk';

/** Persisted state of one alert (series × kind). The alerts domain owns its meaning. */
export interface AlertStateRecord {
  readonly programme: string;
  readonly unit: string;
  readonly indicator: string;
  readonly kind: AlertKind;
  readonly state: 'open' | 'resolved';
  readonly openedAt: string;
  readonly lastNotifiedAt?: string;
  readonly resolvedAt?: string;
  /** 0 = the unit's head only; 1 = parent head (or steering committee) informed; ... */
  readonly escalationLevel: number;
  readonly lastStatus?: SeriesStatus;
  readonly history: readonly { at: string; event: string; detail?: string }[];
  readonly [extra: string]: unknown;
}

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

export type Channel = 'sms' | 'email';

export interface LedgerKey {
  readonly programme: string;
  readonly runKey: string;
  /** E-mail address or E.164 phone number; stored, never logged. */
  readonly recipient: string;
  readonly channel: Channel;
}

export interface LedgerEntry extends LedgerKey {
  readonly state: 'pending' | 'sent';
  readonly claimedAt: string;
  readonly sentAt?: string;
  readonly messageId?: string;
}

export interface DigestRecord {
  readonly programme: string;
  /** ISO week, e.g. 2026-W47. */
  readonly week: string;
  readonly createdAt: string;
  /** Where the HTML report was published, if anywhere. */
  readonly reportLocation?: string;
  readonly statusCounts: Readonly<Record<SeriesStatus, number>>;
  /** Per-unit share of series on track or achieved, for next week's movers. */
  readonly unitScores: Readonly<Record<string, number>>;
  readonly [extra: string]: unknown;
}
