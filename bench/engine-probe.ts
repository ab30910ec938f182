/**
 * Runs in a fresh process (bundled by bench/engine.ts) and prints one JSON document on stdout.
 *
 * - `memory`: what one national evaluation costs, as a job would run it: build the programme from
 *   the catalog, group the observations into series, evaluate once. The process's peak RSS is the
 *   honest figure because nothing else ran in it.
 * - `timing`: the same set-up, then warm-up and timed runs of evaluateProgramme, a floor pass that
 *   reads every observation once, and timed runs of groupBySeries.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseCatalog } from '../shared/catalog/parse-catalog.ts';
import { buildProgramme } from '../shared/catalog/programme.ts';
import type { DatedValue } from '../shared/domain/observation.ts';
import {
  evaluateProgramme,
  groupBySeries,
  type SeriesHistory,
} from '../shared/domain/programme-evaluation.ts';
import { nationalDataset } from './national-dataset.ts';
import { round, timeRuns } from './timing.ts';

const [mode, adminUnitsFile, runsText] = process.argv.slice(2);
if ((mode !== 'memory' && mode !== 'timing') || !adminUnitsFile) {
  throw new Error('usage: engine-probe memory|timing <admin-units.json> [runs]');
}
const WARM_UP = 2;

const startRssBytes = process.memoryUsage().rss;
const dataset = nationalDataset(readFileSync(adminUnitsFile, 'utf8'));
const catalogStart = performance.now();
const programme = buildProgramme(parseCatalog(dataset.catalogText, 'bench-national.json'));
const catalogMs = performance.now() - catalogStart;
const groupStart = performance.now();
const history = groupBySeries(dataset.observations());
const groupMs = performance.now() - groupStart;
let observations = 0;
for (const values of history.values()) observations += values.length;

const shape = {
  communes: dataset.communes,
  indicators: dataset.indicators,
  observations,
  asOf: dataset.asOf,
  catalogParseAndBuildMs: round(catalogMs),
  firstGroupBySeriesMs: round(groupMs),
};

if (mode === 'memory') {
  const evaluationStart = performance.now();
  const report = evaluateProgramme(programme, history, dataset.asOf);
  const firstEvaluationMs = performance.now() - evaluationStart;
  print({
    ...shape,
    series: report.results.length,
    firstEvaluationMs: round(firstEvaluationMs),
    startRssBytes,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    statusCounts: statusCounts(report.results),
    // Proof that an optimisation did not change a single result.
    reportSha256: createHash('sha256').update(JSON.stringify(report)).digest('hex'),
  });
} else {
  const runs = Number(runsText ?? 7);
  const evaluation = timeRuns(() => evaluateProgramme(programme, history, dataset.asOf), runs, WARM_UP);
  const floor = timeRuns(() => readEveryObservation(history), runs, WARM_UP);
  const generation = timeRuns(() => drain(dataset.observations()), Math.min(runs, 3), 1);
  const grouping = timeRuns(() => groupBySeries(dataset.observations()), Math.min(runs, 3), 1);
  print({
    ...shape,
    runs,
    warmUp: WARM_UP,
    evaluation,
    floor,
    generation,
    grouping,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  });
}

function print(document: unknown): void {
  process.stdout.write(`${JSON.stringify(document)}\n`);
}

function statusCounts(results: readonly { status: string }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const result of results) counts[result.status] = (counts[result.status] ?? 0) + 1;
  return counts;
}

/** The least any evaluation must do: look at every observation once. */
function readEveryObservation(all: SeriesHistory): number {
  let sum = 0;
  for (const values of all.values()) {
    for (let i = 0; i < values.length; i++) sum += (values[i] as DatedValue).value;
  }
  return sum;
}

/** Generating the observations alone, to read the grouping time net of it. */
function drain(items: Iterable<unknown>): number {
  let count = 0;
  for (const _ of items) count++;
  return count;
}
