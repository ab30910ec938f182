import type { Programme } from '../catalog/programme.ts';
import type { SeriesHistory } from '../domain/programme-evaluation.ts';
import type { RatioIndex } from '../domain/ratio.ts';
import { type RejectedRow, RowChecker, type RowPolicy } from './observation-rows.ts';
import { SeriesGroups } from './series-groups.ts';
import type { SnapshotInput } from './snapshot-bytes.ts';
import { readSnapshotBytes } from './snapshot-reader.ts';

/** A snapshot file read for the engine: its history, its ratios and the rows it refused. */
export interface SnapshotReading {
  readonly history: SeriesHistory;
  readonly ratios: RatioIndex;
  /** Unreadable rows first, then the rows the checks refused, each in file order. */
  readonly rejected: readonly RejectedRow[];
  /** Rows dated after `ignoreAfter`. */
  readonly ignored: number;
  /** Distinct (series, day) observations kept. */
  readonly observations: number;
}

/**
 * Reads, checks and groups a snapshot file in one pass, each row dropped once it is grouped: the
 * result `checkRows` + `groupBySeries` + `ratioIndexOf` give, without every row held at once.
 */
export function readForEvaluation(
  programme: Programme,
  bytes: SnapshotInput,
  file: string,
  policy: RowPolicy,
  hint?: string,
): SnapshotReading {
  const checker = new RowChecker(programme, policy);
  const groups = new SeriesGroups();
  const unreadable: RejectedRow[] = [];
  const refused: RejectedRow[] = [];
  let ignored = 0;
  readSnapshotBytes(bytes, file, hint, {
    row(row) {
      const outcome = checker.check(row);
      if (outcome === 'ignored') ignored++;
      else if ('reason' in outcome) refused.push(outcome);
      else groups.add(outcome);
    },
    unreadable(problem) {
      unreadable.push({ ...problem, row: {} });
    },
  });
  return {
    history: groups.history(checker.series),
    ratios: groups.ratioIndex(checker.series),
    rejected: [...unreadable, ...refused],
    ignored,
    observations: groups.size,
  };
}
