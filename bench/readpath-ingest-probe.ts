/**
 * Runs in a fresh process (bench/readpath.ts): the phases of `dtwatch ingest --file` on the
 * national file, and the embedded store's own speed. Prints one JSON document on stdout.
 * - check: the first pass (every row read and checked, the winner of each (series, day) kept);
 * - group: the second pass with a store that keeps nothing (read, check, winners cut in batches);
 * - store: the first `sample` winning observations written as the store writes new ones (items
 *   `pk, sk, v, r`, BatchWriteItem of 25, 8 requests in flight) into a new embedded store, with
 *   nothing else to do: the most any ingest into that store can reach.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { openSnapshotFile } from '../cli/snapshot-file-bytes.ts';
import { DEFAULT_BATCH_RETRY, putAll } from '../shared/adapters/dynamodb/batch-requests.ts';
import { observationPk, observationSk } from '../shared/adapters/dynamodb/item-keys.ts';
import { EMBEDDED_TABLE_NAME } from '../shared/adapters/dynamodb/table-definition.ts';
import { openStore } from '../shared/adapters/open-store.ts';
import { parseCatalog } from '../shared/catalog/parse-catalog.ts';
import { buildProgramme } from '../shared/catalog/programme.ts';
import type { Observation } from '../shared/snapshots/observation-rows.ts';
import { checkFileForStore, storeCheckedFile } from '../shared/snapshots/read-for-ingest.ts';
import { MAX_SNAPSHOT_BYTES } from '../shared/snapshots/snapshot-file.ts';

const [catalogFile, snapshotsFile, sampleText] = process.argv.slice(2);
if (!catalogFile || !snapshotsFile || !sampleText)
  throw new Error('usage: readpath-ingest-probe <catalog> <snapshots> <sample>');
const sample = Number(sampleText);
const RECEIVED_AT = '2026-01-15T00:00:00.000Z';

const programme = buildProgramme(parseCatalog(readFileSync(catalogFile), catalogFile));
const bytes = openSnapshotFile(snapshotsFile, MAX_SNAPSHOT_BYTES);

let start = performance.now();
const checked = checkFileForStore(programme, bytes, snapshotsFile, undefined, {});
const checkMs = Math.round(performance.now() - start);

const kept: Observation[] = [];
start = performance.now();
await storeCheckedFile(
  checked,
  bytes,
  snapshotsFile,
  undefined,
  { size: 2_500, inFlight: 1 },
  async (batch) => {
    if (kept.length < sample) kept.push(...batch.slice(0, sample - kept.length));
  },
);
const groupMs = Math.round(performance.now() - start);

const dataDir = await mkdtemp(join(tmpdir(), 'dtwatch-bench-ingest-'));
const opened = await openStore({ dataDir, env: {} });
let storeMs: number;
try {
  const items = kept.map((observation) => ({
    pk: observationPk(programme.id, observation.unit),
    sk: observationSk(observation.unit, observation.indicator, observation.date),
    v: observation.value,
    r: RECEIVED_AT,
  }));
  const client = DynamoDBDocumentClient.from(opened.client);
  start = performance.now();
  await putAll({ client, tableName: EMBEDDED_TABLE_NAME, retry: DEFAULT_BATCH_RETRY, concurrency: 8 }, items);
  storeMs = performance.now() - start;
} finally {
  await opened.close();
  await rm(dataDir, { recursive: true, force: true });
}

process.stdout.write(
  JSON.stringify({
    observations: checked.observations,
    phasesMs: { check: checkMs, group: groupMs },
    storeSample: kept.length,
    storeOnlyPerSecond: Math.round(kept.length / (storeMs / 1000)),
  }),
);
