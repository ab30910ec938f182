import type { QuarantinedRow, SourceRun } from '../domain/ingest-records.ts';

/** Ingestion bookkeeping: the rows set aside and one record per source pull. */
export interface IngestLog {
  /** One entry per distinct row of a source: the same bad row again refreshes its `receivedAt`. */
  putQuarantined(programme: string, rows: readonly QuarantinedRow[]): Promise<void>;
  /** Newest first. */
  listQuarantined(programme: string, options?: { limit?: number }): Promise<QuarantinedRow[]>;
  putSourceRun(run: SourceRun): Promise<void>;
  /** Newest first; `source` narrows to one source. */
  listSourceRuns(programme: string, options?: { source?: string; limit?: number }): Promise<SourceRun[]>;
}
