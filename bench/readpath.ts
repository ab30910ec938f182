import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { runChild } from './child-process.ts';
import { canRun } from './end-to-end.ts';
import { nationalDataset } from './national-dataset.ts';
import { findPromtool, writeOpenMetrics } from './promtool-peer.ts';
import { writeReadPathFiles } from './readpath-files.ts';
import { type BenchContext, type BenchSection, type BenchTarget, upperBound } from './section.ts';
import { formatFigure, median, round } from './timing.ts';

const GNU_TIME = '/usr/bin/time';
/** A whole-process run that has not finished by then is stuck, not slow. */
const RUN_TIME_LIMIT_MS = 20 * 60_000;
/** evaluate and promtool, interleaved: promtool takes over a minute a run, so two pairs at most. */
const MAX_PEER_RUNS = 2;
/**
 * ingest --file runs on the file's first observations: its speed is the embedded store's (a few
 * thousand to about ten thousand observations a second), so the whole national file would take
 * most of the bench. Two sizes show whether memory stays flat as the file grows.
 */
const INGEST_PREFIXES = [100_000, 400_000] as const;
/** Observations written straight into a new embedded store to measure its own speed. */
const STORE_ONLY_SAMPLE = 100_000;
const TARGET_RATIO = 1.0;
const TARGET_RSS_MB = 500;
const TARGET_INGEST_PER_SECOND = 40_000;
const TARGET_ENGINE_MS = 150;
/** The issue's "now" column (#19), measured before the streaming read path. */
const ISSUE_NOW = { ratio: '2.3×', rssMb: '1,350 MB', ingest: '~11 k obs/s', engineMs: '112 ms' };

interface ProcessRun {
  wallSeconds: number;
  /** CPU seconds of the process (user + system): what a shared machine does not stretch. */
  cpuSeconds: number | null;
  peakRssMb: number | null;
}

interface ProbeOutput {
  rows: number;
  rejected: number;
  results: number;
  phasesMs: Record<'read' | 'check' | 'group' | 'evaluate' | 'write', number>;
  peakRssMb: number;
}

interface IngestProbeOutput {
  observations: number;
  phasesMs: { check: number; group: number };
  storeSample: number;
  storeOnlyPerSecond: number;
}

export const readPathSection: BenchSection = {
  name: 'readpath',
  summary:
    'whole-process `dtwatch evaluate` and `ingest --file` on a national file (CSV, NDJSON, JSON) vs promtool',
  async run(context) {
    const workDir = await mkdtemp(join(tmpdir(), 'dtwatch-bench-readpath-'));
    const began = performance.now();
    try {
      const runs = Math.min(context.runs, MAX_PEER_RUNS);
      const timed = await canRun(GNU_TIME);
      const adminUnits = await readFile(
        join(context.handoutRoot, 'data', 'admin-units-national-2025.json'),
        'utf8',
      );
      const dataset = nationalDataset(adminUnits);
      context.log('readpath: writing the national catalog, CSV, NDJSON and JSON…');
      const files = await writeReadPathFiles(dataset, workDir, INGEST_PREFIXES);
      const loadBefore = round(loadavg()[0] ?? 0, 2);
      const dtwatch = (args: string[]) =>
        timedRun(context, [process.execPath, 'bin/dtwatch.mjs', ...args], timed, workDir);
      const evaluate = (snapshots: string) =>
        dtwatch([
          'evaluate',
          '--catalog',
          files.catalog,
          '--snapshots',
          snapshots,
          '--as-of',
          dataset.asOf,
          '--format',
          'json',
        ]);

      context.log('readpath: phases of evaluate and ingest (fresh process each)…');
      const phases = {
        csv: await probe<ProbeOutput>(context, 'bench/readpath-probe.ts', [
          files.catalog,
          files.csv,
          dataset.asOf,
        ]),
        ndjson: await probe<ProbeOutput>(context, 'bench/readpath-probe.ts', [
          files.catalog,
          files.ndjson,
          dataset.asOf,
        ]),
      };
      const ingestPhases = await probe<IngestProbeOutput>(context, 'bench/readpath-ingest-probe.ts', [
        files.catalog,
        files.csv,
        String(STORE_ONLY_SAMPLE),
      ]);

      const promtool = await findPromtool();
      const peerRuns: ProcessRun[] = [];
      const csvRuns: ProcessRun[] = [];
      const openMetrics = join(workDir, 'national.om');
      if (promtool) await writeOpenMetrics(dataset, openMetrics);
      else
        context.log(
          'readpath: promtool is not on the PATH (Debian package "prometheus"): the peer comparison is skipped',
        );
      for (let run = 1; run <= runs; run++) {
        context.log(
          `readpath: run ${run}/${runs}: dtwatch evaluate (CSV)${promtool ? ', then promtool backfill' : ''}…`,
        );
        csvRuns.push(await evaluate(files.csv));
        if (promtool) {
          const blocks = join(workDir, `tsdb-${run}`);
          peerRuns.push(
            await timedRun(
              context,
              [promtool, 'tsdb', 'create-blocks-from', 'openmetrics', '--quiet', openMetrics, blocks],
              timed,
              workDir,
            ),
          );
          await rm(blocks, { recursive: true, force: true });
        }
      }
      context.log('readpath: dtwatch evaluate (NDJSON, then the JSON document)…');
      const ndjsonRun = await evaluate(files.ndjson);
      const jsonRun = await evaluate(files.json);
      const ingestRuns: (ProcessRun & { observations: number; perSecond: number })[] = [];
      for (const prefix of files.csvPrefixes) {
        context.log(
          `readpath: dtwatch ingest --file (first ${formatFigure(prefix.observations)} observations, CSV) into a new embedded store…`,
        );
        const run = await dtwatch([
          'ingest',
          '--catalog',
          files.catalog,
          '--file',
          prefix.file,
          '--data-dir',
          join(workDir, `store-${prefix.observations}`),
          '--format',
          'json',
        ]);
        await rm(join(workDir, `store-${prefix.observations}`), { recursive: true, force: true });
        ingestRuns.push({
          ...run,
          observations: prefix.observations,
          perSecond: Math.round(prefix.observations / run.wallSeconds),
        });
      }
      const loadAfter = round(loadavg()[0] ?? 0, 2);

      const evaluateWall = median(csvRuns.map((run) => run.wallSeconds));
      const evaluateCpu = medianOrNull(csvRuns.map((run) => run.cpuSeconds));
      const peerWall = peerRuns.length > 0 ? median(peerRuns.map((run) => run.wallSeconds)) : null;
      const peerCpu = medianOrNull(peerRuns.map((run) => run.cpuSeconds));
      const ratio = peerWall ? round(evaluateWall / peerWall, 3) : null;
      const cpuRatio = peerCpu && evaluateCpu ? round(evaluateCpu / peerCpu, 3) : null;
      const csvPeakMb = Math.max(...csvRuns.map((run) => run.peakRssMb ?? 0));
      const peakRssMb = Math.max(csvPeakMb, ndjsonRun.peakRssMb ?? 0);
      const ingest = ingestRuns.at(-1) as (typeof ingestRuns)[number];
      const ingestPerSecond = ingest.perSecond;
      const engineMs = engineMedian(context);
      // ms per 1,000 observations: the probe's passes over the whole file, the rest of the
      // whole-process run (store calls, start-up) from the largest ingest run.
      const perThousand = (ms: number, observations: number) => round((ms * 1000) / observations, 1);
      const ingestBreakdown = {
        check: perThousand(ingestPhases.phasesMs.check, ingestPhases.observations),
        group: perThousand(ingestPhases.phasesMs.group, ingestPhases.observations),
        storeOnly: round(1e6 / ingestPhases.storeOnlyPerSecond, 1),
        wholeProcess: round(1e6 / ingestPerSecond, 1),
      };

      const targets: BenchTarget[] = [
        ...(ratio === null
          ? []
          : [
              upperBound(
                'readpath: whole-process evaluate ÷ promtool (wall, median)',
                ratio,
                '×',
                TARGET_RATIO,
              ),
            ]),
        upperBound(
          'readpath: peak RSS of whole-process evaluate (CSV, NDJSON)',
          peakRssMb,
          'MB',
          TARGET_RSS_MB,
        ),
        // A rate: the budget is a floor, so the time per 1,000 observations is held to its ceiling.
        upperBound(
          'readpath: ingest --file, ms per 1,000 observations',
          round(1e6 / ingestPerSecond, 2),
          'ms',
          round(1e6 / TARGET_INGEST_PER_SECOND, 2),
        ),
      ];
      const met = (value: boolean) => (value ? 'yes' : 'no');
      const table = issueTable([
        [
          'whole-process evaluate ÷ promtool',
          ISSUE_NOW.ratio,
          `≤ ${TARGET_RATIO}×`,
          ratio === null
            ? 'skipped (no promtool)'
            : `${ratio}× (${evaluateWall} s ÷ ${peerWall} s; CPU ${cpuRatio ?? '?'}×)`,
          ratio === null ? '' : `${round(ratio / TARGET_RATIO, 2)}`,
          ratio === null ? '' : met(ratio <= TARGET_RATIO),
        ],
        [
          'its peak RSS (CSV; NDJSON)',
          ISSUE_NOW.rssMb,
          `≤ ${TARGET_RSS_MB} MB`,
          `${formatFigure(csvPeakMb)} MB; ${formatFigure(ndjsonRun.peakRssMb ?? 0)} MB`,
          `${round(peakRssMb / TARGET_RSS_MB, 2)}`,
          met(peakRssMb <= TARGET_RSS_MB),
        ],
        [
          `ingest --file national CSV (first ${formatFigure(ingest.observations)})`,
          ISSUE_NOW.ingest,
          `≥ ${formatFigure(TARGET_INGEST_PER_SECOND)} obs/s`,
          `${formatFigure(ingestPerSecond)} obs/s (store alone ${formatFigure(ingestPhases.storeOnlyPerSecond)} obs/s)`,
          `${round(ingestPerSecond / TARGET_INGEST_PER_SECOND, 2)}`,
          met(ingestPerSecond >= TARGET_INGEST_PER_SECOND),
        ],
        [
          '  its peak RSS, by file size',
          '',
          'flat',
          ingestRuns
            .map((run) => `${formatFigure(run.observations)}: ${formatFigure(run.peakRssMb ?? 0)} MB`)
            .join(', '),
          '',
          '',
        ],
        [
          'engine, national evaluation',
          ISSUE_NOW.engineMs,
          `≤ ${TARGET_ENGINE_MS} ms`,
          engineMs === null ? 'run the engine section' : `${formatFigure(engineMs)} ms`,
          engineMs === null ? '' : `${round(engineMs / TARGET_ENGINE_MS, 2)}`,
          engineMs === null ? '' : met(engineMs <= TARGET_ENGINE_MS),
        ],
      ]);
      const sectionSeconds = round((performance.now() - began) / 1000, 0);
      return {
        figures: {
          dataset: {
            observations: files.observations,
            csvMb: round(files.csvBytes / 1024 / 1024, 1),
            ndjsonMb: round(files.ndjsonBytes / 1024 / 1024, 1),
            asOf: dataset.asOf,
          },
          load: { before: loadBefore, after: loadAfter, cores: 'load average of the machine, 1 min' },
          evaluate: {
            csv: csvRuns,
            ndjson: ndjsonRun,
            json: jsonRun,
            medianWallSeconds: evaluateWall,
            medianCpuSeconds: evaluateCpu,
          },
          phasesMs: phases,
          peer: promtool
            ? {
                command: 'promtool tsdb create-blocks-from openmetrics',
                runs: peerRuns,
                medianWallSeconds: peerWall,
                medianCpuSeconds: peerCpu,
                ratio,
                cpuRatio,
              }
            : { skipped: 'promtool not on the PATH' },
          ingest: {
            runs: ingestRuns,
            observationsPerSecond: ingestPerSecond,
            phases: ingestPhases,
            msPerThousandObservations: ingestBreakdown,
          },
          engineMedianMs: engineMs,
          sectionSeconds,
          table,
        },
        targets,
        highlights: [
          `load average ${loadBefore} → ${loadAfter} on this machine; section took ${sectionSeconds} s`,
          ...table.split('\n'),
          `evaluate phases (CSV, ms): ${describePhases(phases.csv.phasesMs)}; NDJSON: ${describePhases(phases.ndjson.phasesMs)}`,
          `JSON document (read whole): peak RSS ${formatFigure(jsonRun.peakRssMb ?? 0)} MB, ${jsonRun.wallSeconds} s`,
          `ingest, ms per 1,000 observations: check ${ingestBreakdown.check}, group ${ingestBreakdown.group}, whole process ${ingestBreakdown.wholeProcess}; the store alone (BatchWriteItem, nothing else) ${ingestBreakdown.storeOnly}`,
        ],
      };
    } finally {
      await rm(workDir, { recursive: true, force: true });
    }
  },
};

function describePhases(phases: Record<string, number>): string {
  return Object.entries(phases)
    .map(([name, ms]) => `${name} ${ms}`)
    .join(', ');
}

async function timedRun(
  context: BenchContext,
  command: string[],
  timed: boolean,
  workDir: string,
): Promise<ProcessRun> {
  const usage = join(workDir, 'usage.txt');
  const [program, ...args] = command as [string, ...string[]];
  const start = performance.now();
  await runChild(
    timed ? GNU_TIME : program,
    timed ? ['-f', '%e %M %U %S', '-o', usage, program, ...args] : args,
    {
      cwd: context.repoRoot,
      timeLimitMs: RUN_TIME_LIMIT_MS,
    },
  );
  const wallSeconds = round((performance.now() - start) / 1000, 2);
  if (!timed) return { wallSeconds, cpuSeconds: null, peakRssMb: null };
  const [, maxKb, user, system] =
    (await readFile(usage, 'utf8')).trim().split('\n').pop()?.split(' ').map(Number) ?? [];
  return {
    wallSeconds,
    cpuSeconds: round((user ?? 0) + (system ?? 0), 2),
    peakRssMb: round((maxKb ?? 0) / 1024, 1),
  };
}

async function probe<T>(context: BenchContext, script: string, args: string[]): Promise<T> {
  const { stdout } = await runChild(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: context.repoRoot,
    timeLimitMs: RUN_TIME_LIMIT_MS,
  });
  return JSON.parse(stdout) as T;
}

/** The engine-only figure of this run's (or the last) engine section. */
function engineMedian(context: BenchContext): number | null {
  const evaluation = context.earlier.engine?.evaluation as { medianMs?: number } | undefined;
  return evaluation?.medianMs ?? null;
}

function medianOrNull(values: readonly (number | null)[]): number | null {
  const known = values.filter((value): value is number => value !== null);
  return known.length > 0 ? round(median(known), 2) : null;
}

/** The issue's table: figure, now, target, measured, ratio (measured ÷ target), met. */
function issueTable(rows: string[][]): string {
  const all = [['figure', 'now', 'target', 'measured', 'ratio', 'met'], ...rows];
  const widths = all[0]?.map((_, column) => Math.max(...all.map((row) => (row[column] ?? '').length))) ?? [];
  return all
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
