/**
 * Runs in a fresh process (bench/readpath.ts): the phases of `dtwatch evaluate` on one snapshot
 * file, each measured by running the read path one step further than the step before (read; read
 * + check; read + check + group), then the engine and the JSON document on the grouped history.
 * Prints one JSON document on stdout.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseCatalog } from '../shared/catalog/parse-catalog.ts';
import { buildProgramme } from '../shared/catalog/programme.ts';
import { evaluateProgramme } from '../shared/domain/programme-evaluation.ts';
import { buildScorecard } from '../shared/domain/scorecard.ts';
import { RowChecker } from '../shared/snapshots/observation-rows.ts';
import { readForEvaluation } from '../shared/snapshots/read-for-evaluation.ts';
import { readSnapshotBytes } from '../shared/snapshots/snapshot-reader.ts';

const [catalogFile, snapshotsFile, asOf] = process.argv.slice(2);
if (!catalogFile || !snapshotsFile || !asOf)
  throw new Error('usage: readpath-probe <catalog> <snapshots> <as-of>');

const timed = <T>(work: () => T): [T, number] => {
  const start = performance.now();
  const result = work();
  return [result, Math.round(performance.now() - start)];
};

const programme = buildProgramme(parseCatalog(readFileSync(catalogFile), catalogFile));
const bytes = readFileSync(snapshotsFile);
const policy = { ignoreAfter: asOf };
let rows = 0;
const [, readMs] = timed(() =>
  readSnapshotBytes(bytes, snapshotsFile, undefined, {
    row: () => {
      rows++;
    },
    unreadable: () => undefined,
  }),
);
const checker = new RowChecker(programme, policy);
const [, readCheckMs] = timed(() =>
  readSnapshotBytes(bytes, snapshotsFile, undefined, {
    row: (row) => {
      checker.check(row);
    },
    unreadable: () => undefined,
  }),
);
const [reading, readCheckGroupMs] = timed(() => readForEvaluation(programme, bytes, snapshotsFile, policy));
const [document, evaluateMs] = timed(() => {
  const report = evaluateProgramme(programme, reading.history, asOf);
  const scorecard = buildScorecard({
    programme,
    results: report.results,
    history: reading.history,
    ratios: reading.ratios,
    asOf,
  });
  return { ...report, scorecard };
});
const [text, writeMs] = timed(() => JSON.stringify(document, null, 2));

process.stdout.write(
  JSON.stringify({
    rows,
    rejected: reading.rejected.length,
    results: document.results.length,
    documentBytes: Buffer.byteLength(text),
    phasesMs: {
      read: readMs,
      check: readCheckMs - readMs,
      group: readCheckGroupMs - readCheckMs,
      evaluate: evaluateMs,
      write: writeMs,
    },
    peakRssMb: Math.round((process.resourceUsage().maxRSS * 1024) / 1024 / 1024),
  }),
);
