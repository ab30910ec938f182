import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { runChild } from './child-process.ts';
import type { BenchSection, SectionOutcome } from './section.ts';
import { upperBound } from './section.ts';
import { formatFigure, round, type Timings } from './timing.ts';

interface ProbeShape {
  communes: number;
  indicators: number;
  observations: number;
  asOf: string;
  catalogParseAndBuildMs: number;
  firstGroupBySeriesMs: number;
}

/** What bench/engine-probe.ts prints in `memory` mode. */
interface MemoryProbe extends ProbeShape {
  series: number;
  firstEvaluationMs: number;
  startRssBytes: number;
  peakRssBytes: number;
  statusCounts: Record<string, number>;
  reportSha256: string;
}

/** What bench/engine-probe.ts prints in `timing` mode. */
interface TimingProbe extends ProbeShape {
  runs: number;
  warmUp: number;
  evaluation: Timings;
  floor: Timings;
  generation: Timings;
  grouping: Timings;
  peakRssBytes: number;
}

/** Issue 18: keep the engine where it was (112 ms, 272 MB) while the rest scales. */
const MAX_EVALUATION_MS = 150;
const MAX_PEAK_RSS_MB = 300;
const MB = 1024 * 1024;

export const engineSection: BenchSection = {
  name: 'engine',
  summary: 'evaluateProgramme on 3,321 communes × 10 indicators × 60 monthly observations',
  async run(context) {
    const adminUnits = join(context.handoutRoot, 'data', 'admin-units-national-2025.json');
    context.log('engine: bundling the probe…');
    return withProbeBundle(context.repoRoot, async (bundle) => {
      context.log('engine: one national evaluation in a fresh process (memory)…');
      const memory = JSON.parse(await runNode([bundle, 'memory', adminUnits])) as MemoryProbe;
      context.log(`engine: ${context.runs} timed runs after warm-up in another fresh process…`);
      const timing = JSON.parse(
        await runNode([bundle, 'timing', adminUnits, String(context.runs)]),
      ) as TimingProbe;
      const medianMs = timing.evaluation.medianMs;
      const peakRssMb = round(memory.peakRssBytes / MB, 1);
      const figures = {
        dataset: {
          communes: memory.communes,
          indicators: memory.indicators,
          series: memory.series,
          observations: memory.observations,
          observationsPerSeries: memory.observations / memory.series,
          asOf: memory.asOf,
          generator: 'bench/national-dataset.ts, seeded (mulberry32), streamed into groupBySeries',
        },
        evaluation: {
          ...timing.evaluation,
          runs: timing.runs,
          warmUp: timing.warmUp,
          seriesPerSecond: Math.round(memory.series / (medianMs / 1000)),
          nsPerObservation: round((medianMs * 1e6) / memory.observations, 1),
          firstRunInFreshProcessMs: memory.firstEvaluationMs,
        },
        floor: {
          description: 'reads every observation of the grouped history once (sum of values)',
          ...timing.floor,
          nsPerObservation: round((timing.floor.medianMs * 1e6) / memory.observations, 2),
          evaluationToFloorRatio: round(medianMs / timing.floor.medianMs, 1),
        },
        setup: {
          catalogParseAndBuildMs: memory.catalogParseAndBuildMs,
          generateObservationsMs: timing.generation.medianMs,
          generateAndGroupBySeriesMs: timing.grouping.medianMs,
          groupBySeriesNetNsPerObservation: round(
            ((timing.grouping.medianMs - timing.generation.medianMs) * 1e6) / memory.observations,
            1,
          ),
        },
        memory: {
          scope:
            'fresh process: parse + build the catalog, group the generated observations (not retained), evaluate once',
          peakRssMb,
          startRssMb: round(memory.startRssBytes / MB, 1),
          timingProcessPeakRssMb: round(timing.peakRssBytes / MB, 1),
        },
        results: { statusCounts: memory.statusCounts, reportSha256: memory.reportSha256 },
      };
      const outcome: SectionOutcome = {
        figures,
        highlights: [
          `${formatFigure(memory.series)} series, ${formatFigure(memory.observations)} observations: ` +
            `${formatFigure(figures.evaluation.seriesPerSecond)} series/s, ${figures.evaluation.nsPerObservation} ns/observation, ` +
            `${figures.floor.evaluationToFloorRatio}× the read-once floor; first run in a fresh process ` +
            `${formatFigure(memory.firstEvaluationMs)} ms; peak RSS ${peakRssMb} MB`,
        ],
        targets: [
          upperBound('engine: national evaluation (median)', medianMs, 'ms', MAX_EVALUATION_MS),
          upperBound('engine: peak RSS, one national evaluation', peakRssMb, 'MB', MAX_PEAK_RSS_MB),
        ],
      };
      return outcome;
    });
  },
};

async function withProbeBundle<T>(repoRoot: string, use: (bundle: string) => Promise<T>): Promise<T> {
  const workDir = await mkdtemp(join(tmpdir(), 'dtwatch-bench-'));
  try {
    const bundle = join(workDir, 'engine-probe.mjs');
    // Plain node on a bundle, as Lambda runs it: no TypeScript loader in the measured process.
    await build({
      entryPoints: [join(repoRoot, 'bench', 'engine-probe.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile: bundle,
      // ESM entry points first, as the Lambda bundles: jsonc-parser's UMD main requires its parts dynamically.
      mainFields: ['module', 'main'],
      logLevel: 'warning',
    });
    return await use(bundle);
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

/** The probe in a fresh node; its progress lines go on to the bench's stderr. */
async function runNode(args: readonly string[]): Promise<string> {
  const { stdout } = await runChild(process.execPath, args, {
    forward: (line) => process.stderr.write(`${line}\n`),
  });
  return stdout;
}
