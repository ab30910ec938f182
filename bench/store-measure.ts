import { performance } from 'node:perf_hooks';
import { MAX_WRITE_BATCH } from '../shared/adapters/dynamodb/batch-requests.ts';
import { RequestCounter, type RequestCounts } from '../shared/adapters/dynamodb/request-counter.ts';
import { dateInZone } from '../shared/domain/calendar-date.ts';
import { evaluateProgramme, groupBySeries } from '../shared/domain/programme-evaluation.ts';
import { fixedClock } from '../shared/ports/clock.ts';
import { checkRows } from '../shared/snapshots/observation-rows.ts';
import { decodeSnapshotBytes, parseSnapshotText } from '../shared/snapshots/snapshot-file.ts';
import { ingestSnapshotFile } from '../shared/use-cases/ingest.ts';
import type { BenchBackend } from './store-backends.ts';
import type { StoreDataset } from './store-datasets.ts';
import { round } from './timing.ts';

export interface IngestFigures {
  readonly ms: number;
  readonly stored: number;
  readonly unchanged: number;
  readonly observationsPerSecond: number;
  readonly requests: RequestCounts['requests'];
  readonly writeRequests: number;
  readonly readRequests: number;
  readonly wcu: number;
  readonly rcu: number;
}

export interface BackendFigures {
  readonly ingest: IngestFigures & {
    /** ⌈stored/25⌉: the fewest BatchWriteItem requests that can hold what was stored. */
    readonly minimumWriteRequests: number;
    /** Every write request (the source-run record's PutItem included) over that minimum. */
    readonly writeRequestRatio: number;
  };
  readonly steadyState: IngestFigures;
  readonly evaluateFromStore: {
    readonly ms: number;
    readonly readMs: number;
    readonly evaluateMs: number;
    readonly observations: number;
    readonly series: number;
    readonly requests: RequestCounts['requests'];
    readonly readRequests: number;
    readonly rcu: number;
    readonly statusCounts: Record<string, number>;
  };
}

/**
 * On one backend: ingest the dataset through the ingest use-case (what `dtwatch ingest --file`
 * runs), ingest the same file again (the daily pull of unchanged data), then do what
 * `dtwatch status` does: read the programme's observations from the store and evaluate them.
 */
export async function measureBackend(backend: BenchBackend, dataset: StoreDataset): Promise<BackendFigures> {
  const counter = new RequestCounter().attach(backend.client);
  try {
    const first = await timedIngest(backend, dataset, counter);
    const minimumWriteRequests = Math.ceil(first.stored / MAX_WRITE_BATCH);
    const second = await timedIngest(backend, dataset, counter);

    counter.reset();
    const readStart = performance.now();
    const observations = await backend.store.programmeObservations(dataset.programme.id);
    const readMs = performance.now() - readStart;
    const report = evaluateProgramme(dataset.programme, groupBySeries(observations), dataset.asOf);
    const ms = performance.now() - readStart;
    const reads = counter.counts();
    const statusCounts: Record<string, number> = {};
    for (const result of report.results) statusCounts[result.status] = (statusCounts[result.status] ?? 0) + 1;
    return {
      ingest: {
        ...first,
        minimumWriteRequests,
        writeRequestRatio: round(first.writeRequests / Math.max(1, minimumWriteRequests), 4),
      },
      steadyState: second,
      evaluateFromStore: {
        ms: round(ms, 1),
        readMs: round(readMs, 1),
        evaluateMs: round(ms - readMs, 1),
        observations: observations.length,
        series: report.results.length,
        requests: reads.requests,
        readRequests: reads.readRequests,
        rcu: reads.readCapacityUnits,
        statusCounts,
      },
    };
  } finally {
    counter.detach(backend.client);
  }
}

async function timedIngest(
  backend: BenchBackend,
  dataset: StoreDataset,
  counter: RequestCounter,
): Promise<IngestFigures> {
  counter.reset();
  const start = performance.now();
  const report = await ingestSnapshotFile(dataset.programme, dataset.csv, dataset.fileName, {
    store: backend.store,
    clock: fixedClock(dataset.receivedAt),
  });
  const ms = performance.now() - start;
  if (report.rejected.length > 0) {
    throw new Error(
      `${dataset.label}: ${report.rejected.length} rows rejected, e.g. ${report.rejected[0]?.reason}`,
    );
  }
  const counts = counter.counts();
  return {
    ms: round(ms, 1),
    stored: report.stored,
    unchanged: report.run.rowsUnchanged,
    observationsPerSecond: Math.round(dataset.observations.length / (ms / 1000)),
    requests: counts.requests,
    writeRequests: counts.writeRequests,
    readRequests: counts.readRequests,
    wcu: counts.writeCapacityUnits,
    rcu: counts.readCapacityUnits,
  };
}

/** The part of an ingest that does not touch the store: decode, parse and check the CSV. */
export function parseAndCheckMs(dataset: StoreDataset): number {
  const start = performance.now();
  const text = decodeSnapshotBytes(dataset.csv, dataset.fileName);
  const batch = parseSnapshotText(text, dataset.fileName);
  const today = dateInZone(new Date(dataset.receivedAt), dataset.programme.timezone);
  checkRows(dataset.programme, batch, { rejectAfter: today });
  return round(performance.now() - start, 1);
}
