import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { UsageError } from '../shared/errors.ts';
import { tooLargeError } from '../shared/input-text.ts';
import { PIECE_BYTES, type SnapshotBytes } from '../shared/snapshots/snapshot-bytes.ts';
import { asUsageError } from './files.ts';

/**
 * A snapshot file read from disk a piece at a time, each time a reader asks (ingest checks the
 * whole file, then reads it again to store it): only one piece is ever in memory, so a national
 * NDJSON file does not cost its size in memory. Refused before it is read when it is larger than
 * `maxBytes`; a file whose size changes between two readings is an error, not a mixed reading.
 */
export function openSnapshotFile(file: string, maxBytes: number): SnapshotBytes {
  const descriptor = openFile(file);
  let byteLength: number;
  try {
    const stats = fstatSync(descriptor);
    if (stats.isDirectory()) throw new UsageError(`${file}: is a directory`);
    byteLength = stats.size;
  } finally {
    closeSync(descriptor);
  }
  if (byteLength > maxBytes) throw tooLargeError(file, byteLength, maxBytes);
  return {
    byteLength,
    *pieces() {
      const reading = openFile(file);
      try {
        if (fstatSync(reading).size !== byteLength)
          throw new Error(`${file} changed while it was being read`);
        const piece = Buffer.allocUnsafe(Math.min(PIECE_BYTES, Math.max(byteLength, 1)));
        for (let offset = 0; offset < byteLength; ) {
          const read = readSync(reading, piece, 0, Math.min(piece.length, byteLength - offset), offset);
          if (read === 0) throw new Error(`${file} changed while it was being read`);
          offset += read;
          yield piece.subarray(0, read);
        }
      } finally {
        closeSync(reading);
      }
    },
  };
}

function openFile(file: string): number {
  try {
    return openSync(file, 'r');
  } catch (error) {
    throw asUsageError(error, file);
  }
}
