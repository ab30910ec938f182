import type { Programme } from '../catalog/programme.ts';
import { dateInZone } from '../domain/calendar-date.ts';
import type { QuarantinedRow, SourceRun, SourceRunOutcome } from '../domain/ingest-records.ts';
import { formatProblem, InvalidInputError } from '../errors.ts';
import type { Clock } from '../ports/clock.ts';
import type { IngestLog } from '../ports/ingest-log.ts';
import type { ObservationStore } from '../ports/observation-store.ts';
import type { FetchSource, SourceDelivery } from '../ports/source-fetcher.ts';
import type { RejectedRow } from '../snapshots/observation-rows.ts';
import { type CheckedFile, checkFileForStore, storeCheckedFile } from '../snapshots/read-for-ingest.ts';
import type { SnapshotInput } from '../snapshots/snapshot-bytes.ts';
import type { SourcesFile } from '../sources/source-config.ts';

/**
 * Ingestion: source data → checked observations in the store, rejected rows in the quarantine,
 * one source-run record per source. One failing source never stops the others; running the
 * same pull twice stores nothing new (the store skips unchanged values).
 *
 * Counts in a run record: rowsOk = observations that were new or changed a value, rowsUnchanged
 * = accepted observations the store already held, rowsRejected = rows sent to the quarantine.
 * A delivery that cannot be read at all counts no rows; its reason is the run's error.
 */

export interface IngestDeps {
  readonly store: Pick<ObservationStore, 'putObservations'> &
    Pick<IngestLog, 'putQuarantined' | 'putSourceRun'>;
  readonly clock: Clock;
  readonly runKey?: string;
  /** Observations stored so far out of those accepted, for a progress display. */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface SourceIngestReport {
  readonly run: SourceRun;
  /** New (series, date) pairs and changed values, within rowsOk. */
  readonly stored: number;
  readonly revised: number;
  /** Every rejected row, with its location (`<delivery>: line 12`). */
  readonly rejected: readonly QuarantinedRow[];
}

export interface ProgrammeIngestReport {
  readonly programme: string;
  readonly sources: readonly SourceIngestReport[];
  readonly totals: { rowsOk: number; rowsRejected: number; rowsUnchanged: number; failedSources: number };
}

/** The source name of manual uploads in run records and the quarantine. */
export const UPLOAD_SOURCE = 'upload';
/**
 * Observations per store call (a multiple of the 25-item batch, small enough to show progress),
 * and store calls in flight at once: while one waits for the store, the next is under way (the
 * embedded store works in its own thread).
 */
const STORE_BATCHING = { size: 2_500, inFlight: 2 } as const;
/** A file of garbage should not flood the quarantine: the rest is counted, not kept. */
export const MAX_QUARANTINED_PER_DELIVERY = 1_000;
const MAX_ERROR_LENGTH = 2_000;

export async function ingestProgramme(
  programme: Programme,
  sources: SourcesFile,
  deps: IngestDeps & { fetchSource: FetchSource },
): Promise<ProgrammeIngestReport> {
  if (sources.programme !== programme.id) {
    throw new InvalidInputError([
      {
        location: 'programme',
        message: `sources are for programme "${sources.programme}", the catalog is "${programme.id}"`,
      },
    ]);
  }
  const reports: SourceIngestReport[] = [];
  for (const source of sources.sources) {
    reports.push(await ingestDeliveries(programme, source.id, () => deps.fetchSource(source), deps));
  }
  return summarise(programme.id, reports);
}

/** A file handed over by a person (`dtwatch ingest --file`). Unreadable files throw after the run is recorded. */
export async function ingestSnapshotFile(
  programme: Programme,
  bytes: SnapshotInput,
  fileName: string,
  deps: IngestDeps,
): Promise<SourceIngestReport> {
  const delivery: Delivery = { name: fileName, read: async () => ({ bytes }) };
  return ingestDeliveries(programme, UPLOAD_SOURCE, () => once(delivery), deps, { rethrowUnreadable: true });
}

/** One object announced by an S3 object-created notification, for the source that owns its prefix. */
export async function ingestS3Object(
  programme: Programme,
  sourceId: string,
  delivery: SourceDelivery,
  deps: IngestDeps,
): Promise<SourceIngestReport> {
  return ingestDeliveries(programme, sourceId, () => once(delivery), deps);
}

/** A delivery as ingest reads it: a file handed over by hand is read from disk a piece at a time. */
type Delivery = Omit<SourceDelivery, 'read'> & {
  read(): Promise<{ bytes: SnapshotInput; formatHint?: string }>;
};

interface DeliveryTally {
  stored: number;
  revised: number;
  unchanged: number;
  rejected: number;
  quarantined: QuarantinedRow[];
  errors: string[];
  /** Units whose rows were accepted: what the source feeds (alert inhibition reads it). */
  units: Set<string>;
}

async function ingestDeliveries(
  programme: Programme,
  sourceId: string,
  deliveries: () => AsyncIterable<Delivery>,
  deps: IngestDeps,
  options: { rethrowUnreadable?: boolean } = {},
): Promise<SourceIngestReport> {
  const startedAt = deps.clock.now().toISOString();
  const tally: DeliveryTally = {
    stored: 0,
    revised: 0,
    unchanged: 0,
    rejected: 0,
    quarantined: [],
    errors: [],
    units: new Set(),
  };
  let unreadable: InvalidInputError | undefined;
  try {
    for await (const delivery of deliveries()) {
      const failure = await ingestDelivery(programme, sourceId, delivery, deps, tally);
      if (failure && options.rethrowUnreadable) unreadable = failure;
    }
  } catch (error) {
    tally.errors.push(`listing failed: ${describe(error)}`);
  }
  const accepted = tally.stored + tally.revised + tally.unchanged;
  const outcome: SourceRunOutcome =
    tally.errors.length === 0 && tally.rejected === 0 ? 'ok' : accepted > 0 ? 'partial' : 'failed';
  const error = tally.errors.join('; ');
  const run: SourceRun = {
    programme: programme.id,
    source: sourceId,
    ...(deps.runKey ? { runKey: deps.runKey } : {}),
    startedAt,
    finishedAt: deps.clock.now().toISOString(),
    outcome,
    rowsOk: tally.stored + tally.revised,
    rowsRejected: tally.rejected,
    rowsUnchanged: tally.unchanged,
    ...(tally.units.size > 0 ? { units: [...tally.units].sort() } : {}),
    ...(error
      ? { error: error.length > MAX_ERROR_LENGTH ? `${error.slice(0, MAX_ERROR_LENGTH)}…` : error }
      : {}),
  };
  await deps.store.putSourceRun(run);
  if (unreadable) throw unreadable;
  return { run, stored: tally.stored, revised: tally.revised, rejected: tally.quarantined };
}

/**
 * Reads, checks and stores one delivery and settles it unless a retry could help. Returns the
 * InvalidInputError when the delivery could not be read at all.
 */
async function ingestDelivery(
  programme: Programme,
  sourceId: string,
  delivery: Delivery,
  deps: IngestDeps,
  tally: DeliveryTally,
): Promise<InvalidInputError | undefined> {
  const receivedAt = deps.clock.now().toISOString();
  const quarantine = (location: string, reason: string, row: RejectedRow['row'] = {}): QuarantinedRow => ({
    programme: programme.id,
    source: sourceId,
    receivedAt,
    location: location ? `${delivery.name}: ${location}` : delivery.name,
    reason,
    row,
  });

  let checked: CheckedFile;
  let received: { bytes: SnapshotInput; formatHint?: string };
  try {
    received = await delivery.read();
    checked = checkFileForStore(programme, received.bytes, delivery.name, received.formatHint, {
      rejectAfter: dateInZone(deps.clock.now(), programme.timezone),
    });
  } catch (error) {
    if (!(error instanceof InvalidInputError)) {
      // Transient (network, S3, secrets): not settled, so the next run tries again.
      const message = describe(error);
      // Fetch errors already name the URL they concern.
      tally.errors.push(message.startsWith(delivery.name) ? message : `${delivery.name}: ${message}`);
      return undefined;
    }
    const reason = error.problems.map((problem) => formatProblem({ ...problem, file: undefined })).join('; ');
    tally.errors.push(`${delivery.name}: ${reason}`);
    if (delivery.settle) {
      // Never readable: quarantined and settled so that it is not offered again.
      try {
        await deps.store.putQuarantined(programme.id, [quarantine('', reason)]);
        await delivery.settle('failed');
      } catch (settleError) {
        tally.errors.push(`${delivery.name}: could not be set aside: ${describe(settleError)}`);
      }
    }
    return error;
  }

  const rejectedRows = checked.rejected.map((rejected) =>
    quarantine(rejected.location, rejected.reason, rejected.row),
  );
  try {
    await storeInChunks(programme.id, checked, received, delivery.name, receivedAt, deps, tally);
    const kept = rejectedRows.slice(0, MAX_QUARANTINED_PER_DELIVERY);
    if (rejectedRows.length > kept.length) {
      kept.push(quarantine('', `${rejectedRows.length - kept.length} more rejected rows were not kept`));
    }
    if (kept.length > 0) await deps.store.putQuarantined(programme.id, kept);
  } catch (error) {
    tally.errors.push(`${delivery.name}: storing failed: ${describe(error)}`);
    return undefined;
  }
  tally.rejected += rejectedRows.length;
  tally.quarantined.push(...rejectedRows);

  if (delivery.settle) {
    const outcome: SourceRunOutcome =
      rejectedRows.length === 0 ? 'ok' : checked.observations > 0 ? 'partial' : 'failed';
    try {
      await delivery.settle(outcome);
    } catch (error) {
      // Its rows are stored; ingesting it again next run is harmless (nothing new is stored).
      tally.errors.push(`${delivery.name}: stored, but could not be marked as processed: ${describe(error)}`);
    }
  }
  return undefined;
}

/** The file's observations stored a chunk at a time as the second reading of the file yields them. */
async function storeInChunks(
  programme: string,
  checked: CheckedFile,
  received: { bytes: SnapshotInput; formatHint?: string },
  file: string,
  receivedAt: string,
  deps: IngestDeps,
  tally: DeliveryTally,
): Promise<void> {
  const total = checked.observations;
  let done = 0;
  deps.onProgress?.(0, total);
  await storeCheckedFile(
    checked,
    received.bytes,
    file,
    received.formatHint,
    STORE_BATCHING,
    async (chunk) => {
      const result = await deps.store.putObservations(programme, chunk, receivedAt);
      tally.stored += result.stored;
      tally.revised += result.revised;
      tally.unchanged += result.unchanged;
      for (const observation of chunk) tally.units.add(observation.unit);
      done += chunk.length;
      deps.onProgress?.(done, total);
    },
  );
}

function summarise(programme: string, sources: SourceIngestReport[]): ProgrammeIngestReport {
  const totals = { rowsOk: 0, rowsRejected: 0, rowsUnchanged: 0, failedSources: 0 };
  for (const { run } of sources) {
    totals.rowsOk += run.rowsOk;
    totals.rowsRejected += run.rowsRejected;
    totals.rowsUnchanged += run.rowsUnchanged;
    if (run.outcome === 'failed') totals.failedSources++;
  }
  return { programme, sources, totals };
}

async function* once(delivery: Delivery): AsyncIterable<Delivery> {
  yield delivery;
}

/** Error text for run records: our typed errors carry no secrets; the SDK's name is enough otherwise. */
function describe(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
