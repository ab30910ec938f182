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
/** The national runs are heavy: a few, whatever --runs says. */
const MAX_RUNS = 3;
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

export const readPathSection: BenchSection = {
  name: 'readpath',
  summary:
    'whole-process `dtwatch evaluate` and `ingest --file` on a national file (CSV, NDJSON) vs promtool',
  async run(context) {
    const workDir = await mkdtemp(join(tmpdir(), 'dtwatch-bench-readpath-'));
    try {
      const runs = Math.min(context.runs, MAX_RUNS);
      const timed = await canRun(GNU_TIME);
      const adminUnits = await readFile(
        join(context.handoutRoot, 'data', 'admin-units-national-2025.json'),
        'utf8',
      );
      const dataset = nationalDataset(adminUnits);
      context.log('readpath: writing the national catalog, CSV and NDJSON…');
      const files = await writeReadPathFiles(dataset, workDir);
      const loadBefore = round(loadavg()[0] ?? 0, 2);
      const evaluate = (snapshots: string) =>
        timedRun(
          context,
          [
            process.execPath,
            'bin/dtwatch.mjs',
            'evaluate',
            '--catalog',
            files.catalog,
            '--snapshots',
            snapshots,
            '--as-of',
            dataset.asOf,
            '--format',
            'json',
          ],
          timed,
          workDir,
        );

      context.log('readpath: phases of evaluate (fresh process per format)…');
      const phases = {
        csv: await probe(context, files.catalog, files.csv, dataset.asOf),
        ndjson: await probe(context, files.catalog, files.ndjson, dataset.asOf),
      };

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
      context.log('readpath: dtwatch evaluate (NDJSON)…');
      const ndjsonRun = await evaluate(files.ndjson);
      context.log('readpath: dtwatch ingest --file (CSV) into a new embedded store…');
      const ingestRun = await timedRun(
        context,
        [
          process.execPath,
          'bin/dtwatch.mjs',
          'ingest',
          '--catalog',
          files.catalog,
          '--file',
          files.csv,
          '--data-dir',
          join(workDir, 'store'),
          '--format',
          'json',
        ],
        timed,
        workDir,
      );
      const loadAfter = round(loadavg()[0] ?? 0, 2);

      const evaluateWall = median(csvRuns.map((run) => run.wallSeconds));
      const evaluateCpu = medianOrNull(csvRuns.map((run) => run.cpuSeconds));
      const peerWall = peerRuns.length > 0 ? median(peerRuns.map((run) => run.wallSeconds)) : null;
      const peerCpu = medianOrNull(peerRuns.map((run) => run.cpuSeconds));
      const ratio = peerWall ? round(evaluateWall / peerWall, 3) : null;
      const cpuRatio = peerCpu && evaluateCpu ? round(evaluateCpu / peerCpu, 3) : null;
      const peakRssMb = Math.max(...csvRuns.map((run) => run.peakRssMb ?? 0), ndjsonRun.peakRssMb ?? 0);
      const ingestPerSecond = Math.round(files.observations / ingestRun.wallSeconds);
      const engineMs = engineMedian(context);

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
      const table = issueTable([
        [
          'whole-process evaluate ÷ promtool',
          ISSUE_NOW.ratio,
          `≤ ${TARGET_RATIO}×`,
          ratio === null ? 'skipped (no promtool)' : `${ratio}× (CPU ${cpuRatio ?? '?'}×)`,
          ratio === null ? '' : `${round(ratio / TARGET_RATIO, 2)}`,
        ],
        [
          'its peak RSS',
          ISSUE_NOW.rssMb,
          `≤ ${TARGET_RSS_MB} MB`,
          `${formatFigure(peakRssMb)} MB`,
          `${round(peakRssMb / TARGET_RSS_MB, 2)}`,
        ],
        [
          'ingest --file national CSV',
          ISSUE_NOW.ingest,
          `≥ ${formatFigure(TARGET_INGEST_PER_SECOND)} obs/s`,
          `${formatFigure(ingestPerSecond)} obs/s (RSS ${formatFigure(ingestRun.peakRssMb ?? 0)} MB)`,
          `${round(ingestPerSecond / TARGET_INGEST_PER_SECOND, 2)}`,
        ],
        [
          'engine, national evaluation',
          ISSUE_NOW.engineMs,
          `≤ ${TARGET_ENGINE_MS} ms`,
          engineMs === null ? 'run the engine section' : `${formatFigure(engineMs)} ms`,
          engineMs === null ? '' : `${round(engineMs / TARGET_ENGINE_MS, 2)}`,
        ],
      ]);
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
          ingest: { csv: ingestRun, observationsPerSecond: ingestPerSecond },
          engineMedianMs: engineMs,
          table,
        },
        targets,
        highlights: [
          `load average ${loadBefore} → ${loadAfter} on this machine`,
          ...table.split('\n'),
          `phases (CSV, ms): ${Object.entries(phases.csv.phasesMs)
            .map(([name, ms]) => `${name} ${ms}`)
            .join(', ')}`,
        ],
      };
    } finally {
      await rm(workDir, { recursive: true, force: true });
    }
  },
};

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

async function probe(
  context: BenchContext,
  catalog: string,
  snapshots: string,
  asOf: string,
): Promise<ProbeOutput> {
  const { stdout } = await runChild(
    process.execPath,
    ['--import', 'tsx', 'bench/readpath-probe.ts', catalog, snapshots, asOf],
    {
      cwd: context.repoRoot,
      timeLimitMs: RUN_TIME_LIMIT_MS,
    },
  );
  return JSON.parse(stdout) as ProbeOutput;
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

/** The issue's table: figure, now, target, measured, ratio (measured ÷ target). */
function issueTable(rows: string[][]): string {
  const all = [['figure', 'now', 'target', 'measured', 'ratio'], ...rows];
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
