import { decodeUtf8 } from '../input-text.ts';
import { readSnapshotText } from './snapshot-reader.ts';

export type SnapshotFormat = 'json' | 'ndjson' | 'csv';

/** A row as received, before it is checked against the catalog. */
export interface ReceivedRow {
  /** `line 12` (CSV, NDJSON) or `snapshots[3]` (JSON). */
  readonly location: string;
  readonly unit: unknown;
  readonly indicator: unknown;
  readonly date: unknown;
  readonly value: unknown;
  /** Optional counts behind the value (docs/scorecard.md); undefined when not sent. */
  readonly numerator?: unknown;
  readonly denominator?: unknown;
  /** CSV only: a decimal comma is accepted in this value. */
  readonly decimalComma?: boolean;
}

/** A row that cannot even be read as a row (bad NDJSON line, short CSV record). */
export interface UnreadableRow {
  readonly location: string;
  readonly reason: string;
}

export interface SnapshotBatch {
  readonly format: SnapshotFormat;
  readonly rows: ReceivedRow[];
  readonly unreadable: UnreadableRow[];
}

/** Where a reader hands each row as soon as it is read (shared/snapshots/snapshot-reader.ts). */
export interface SnapshotSink {
  row(row: ReceivedRow): void;
  unreadable(problem: UnreadableRow): void;
}

export const MAX_SNAPSHOT_BYTES = 200 * 1024 * 1024;

/** Chooses the encoding from a file name or a Content-Type, else from the content itself. */
export function detectSnapshotFormat(text: string, hint?: string): SnapshotFormat {
  return formatFromHint(hint) ?? formatFromContent(text);
}

export function formatFromHint(hint: string | undefined): SnapshotFormat | undefined {
  const lower = (hint ?? '').toLowerCase();
  if (/\.ndjson$|\.jsonl$|ndjson|jsonlines|json-seq/.test(lower)) return 'ndjson';
  if (/\.json$|\/json\b|\+json\b/.test(lower)) return 'json';
  if (/\.csv$|\.tsv$|text\/csv|text\/tab-separated-values/.test(lower)) return 'csv';
  return undefined;
}

/** The format the start of a text shows: it needs the text up to the end of its first line. */
export function formatFromContent(text: string): SnapshotFormat {
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('[')) return 'json';
  if (start.startsWith('{')) {
    const firstLine = start.split('\n', 1)[0]?.trim() ?? '';
    return firstLine.endsWith('}') && /"unit"\s*:/.test(firstLine) ? 'ndjson' : 'json';
  }
  return 'csv';
}

/** Strict UTF-8 decoding within the size limit; a BOM is dropped. */
export function decodeSnapshotBytes(bytes: Uint8Array, file: string): string {
  return decodeUtf8(bytes, file, MAX_SNAPSHOT_BYTES);
}

/** Every row of a snapshot text at once (small inputs, tests); files go through readSnapshotBytes. */
export function parseSnapshotText(text: string, file: string, hint?: string): SnapshotBatch {
  const rows: ReceivedRow[] = [];
  const unreadable: UnreadableRow[] = [];
  const format = readSnapshotText([text], file, hint, {
    row: (row) => rows.push(row),
    unreadable: (problem) => unreadable.push(problem),
  });
  return { format, rows, unreadable };
}
