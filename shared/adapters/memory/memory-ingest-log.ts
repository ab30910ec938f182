import type { QuarantinedRow, SourceRun } from '../../domain/ingest-records.ts';
import type { IngestLog } from '../../ports/ingest-log.ts';
import { isoInstant, quarantineId, storedCopy } from '../store-rules.ts';

/** Quarantine and source-run records in memory, ordered as the table's keys order them. */
export class MemoryIngestLog implements IngestLog {
  private readonly quarantine = new Map<string, Map<string, QuarantinedRow>>();
  /** programme → `<startedAt>#<source>#<runKey>` → run (the table's sort key). */
  private readonly runs = new Map<string, Map<string, SourceRun>>();

  async putQuarantined(programme: string, rows: readonly QuarantinedRow[]): Promise<void> {
    const kept = this.quarantine.get(programme) ?? new Map<string, QuarantinedRow>();
    this.quarantine.set(programme, kept);
    for (const row of rows) kept.set(quarantineId(row), storedCopy({ ...row, programme }));
  }

  async listQuarantined(programme: string, options: { limit?: number } = {}): Promise<QuarantinedRow[]> {
    const rows = [...(this.quarantine.get(programme) ?? new Map<string, QuarantinedRow>())]
      .sort(([idA, a], [idB, b]) => b.receivedAt.localeCompare(a.receivedAt) || idA.localeCompare(idB))
      .map(([, row]) => storedCopy(row));
    return options.limit === undefined ? rows : rows.slice(0, options.limit);
  }

  async putSourceRun(run: SourceRun): Promise<void> {
    const runs = this.runs.get(run.programme) ?? new Map<string, SourceRun>();
    this.runs.set(run.programme, runs);
    runs.set(`${isoInstant(run.startedAt)}#${run.source}#${run.runKey ?? ''}`, storedCopy(run));
  }

  async listSourceRuns(
    programme: string,
    options: { source?: string; limit?: number } = {},
  ): Promise<SourceRun[]> {
    const entries = [...(this.runs.get(programme) ?? new Map<string, SourceRun>())];
    const newestFirst =
      options.source === undefined
        ? entries.sort(([a], [b]) => descending(a, b))
        : entries
            .filter(([, run]) => run.source === options.source)
            // The per-source index orders by `<startedAt>#<runKey>`.
            .sort(([, a], [, b]) => descending(indexKey(a), indexKey(b)));
    const runs = newestFirst.map(([, run]) => storedCopy(run));
    return options.limit === undefined ? runs : runs.slice(0, options.limit);
  }
}

function indexKey(run: SourceRun): string {
  return `${isoInstant(run.startedAt)}#${run.runKey ?? ''}`;
}

function descending(a: string, b: string): number {
  return a < b ? 1 : a > b ? -1 : 0;
}
