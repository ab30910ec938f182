/** What ingestion leaves besides observations: rejected rows and one record per source pull. */

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
  /**
   * Units whose rows this run accepted (sorted; absent when none): which series the source feeds,
   * so that when it fails their overdue alerts are held back behind one "source down" alert.
   */
  readonly units?: readonly string[];
}
