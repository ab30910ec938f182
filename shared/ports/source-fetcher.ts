import type { SourceRunOutcome } from '../domain/ingest-records.ts';
import type { SourceEntry } from '../sources/source-config.ts';

/**
 * One piece of data a source offers for one run: the body of an HTTP source, or one object of an
 * S3 drop prefix. The ingest use-case reads it, stores what it can, and then settles it so that
 * a one-shot delivery (an S3 object) is not offered again.
 */
export interface SourceDelivery {
  /** What the data is called in run records and quarantine locations (object key, URL path). */
  readonly name: string;
  /**
   * The bytes and a hint for their format (a Content-Type or a file name). Throws
   * InvalidInputError when the data can never be read (too large), anything else when a later
   * attempt may succeed.
   */
  read(): Promise<{ bytes: Uint8Array; formatHint?: string }>;
  /** Marks the delivery as consumed. Not called after a transient failure, so it comes again. */
  settle?(outcome: SourceRunOutcome): Promise<void>;
}

/** Everything one source offers now. Iteration may throw when the source cannot be listed. */
export type FetchSource = (source: SourceEntry) => AsyncIterable<SourceDelivery>;
