import type { Programme } from '../catalog/programme.ts';
import { chunked, forEachConcurrently } from '../runtime/concurrency.ts';
import { ObservationKeyTable } from './observation-keys.ts';
import { type Observation, type RejectedRow, RowChecker, type RowPolicy } from './observation-rows.ts';
import { checkSnapshotBytes, decodedPieces, type SnapshotInput } from './snapshot-bytes.ts';
import type { SnapshotSink } from './snapshot-file.ts';
import { readSnapshotText, snapshotReader } from './snapshot-reader.ts';

/** A snapshot file checked whole, ready to be stored in batches (`storeCheckedFile`). */
export interface CheckedFile {
  /** Unreadable rows first, then the rows the checks refused, each in file order. */
  readonly rejected: readonly RejectedRow[];
  /** Observations to store: one per (series, day), the later row winning. */
  readonly observations: number;
  readonly checker: RowChecker;
  /** (series, day) → the number of the accepted row that wins it. */
  readonly winners: ObservationKeyTable;
}

/**
 * First pass of ingest: every row read and checked, nothing kept per row but the number of the
 * row that wins its (series, day). An unreadable file throws InvalidInputError here, before
 * anything is stored.
 */
export function checkFileForStore(
  programme: Programme,
  bytes: SnapshotInput,
  file: string,
  hint: string | undefined,
  policy: RowPolicy,
): CheckedFile {
  checkSnapshotBytes(bytes, file);
  const checker = new RowChecker(programme, policy);
  const winners = new ObservationKeyTable(1 << 16);
  const unreadable: RejectedRow[] = [];
  const refused: RejectedRow[] = [];
  let accepted = 0;
  readSnapshotText(decodedPieces(bytes), file, hint, {
    row(row) {
      const outcome = checker.check(row);
      if (outcome === 'ignored') return;
      if ('reason' in outcome) refused.push(outcome);
      else winners.set(outcome.series.index, outcome.day, accepted++);
    },
    unreadable(problem) {
      unreadable.push({ ...problem, row: {} });
    },
  });
  return { rejected: [...unreadable, ...refused], observations: winners.size, checker, winners };
}

/** How the second pass hands observations on: `size` per batch, up to `inFlight` batches at once. */
export interface StoreBatching {
  readonly size: number;
  readonly inFlight: number;
}

/**
 * Second pass: the file read again and each winning observation handed to `store` in batches of
 * `batching.size`, in the order of the rows that win (the order `checkRows` gives). Up to
 * `batching.inFlight` batches are stored at once (each (series, day) is in one batch only, so
 * they do not overlap), and they are stored before the next piece of the file is read, so memory
 * stays flat with the file's size.
 */
export async function storeCheckedFile(
  checked: CheckedFile,
  bytes: SnapshotInput,
  file: string,
  hint: string | undefined,
  batching: StoreBatching,
  store: (batch: Observation[]) => Promise<void>,
): Promise<void> {
  const { checker, winners } = checked;
  let pending: Observation[] = [];
  let accepted = 0;
  const sink: SnapshotSink = {
    row(row) {
      const outcome = checker.check(row);
      if (outcome === 'ignored' || 'reason' in outcome) return;
      if (winners.get(outcome.series.index, outcome.day) === accepted++) pending.push(outcome.observation);
    },
    unreadable() {},
  };
  const reader = snapshotReader(file, hint, sink);
  const wave = batching.size * Math.max(1, batching.inFlight);
  const flush = async (all: boolean) => {
    while (pending.length >= wave || (all && pending.length > 0)) {
      const ready = pending.slice(0, wave);
      pending = pending.slice(ready.length);
      await forEachConcurrently(chunked(ready, batching.size), batching.inFlight, store);
    }
  };
  for (const piece of decodedPieces(bytes)) {
    reader.push(piece, false);
    await flush(false);
  }
  reader.push('', true);
  await flush(true);
}
