import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BuildOptions, build, type Metafile } from 'esbuild';
import { runChild } from './child-process.ts';
import type { BenchSection, BenchTarget, SectionOutcome } from './section.ts';
import { upperBound } from './section.ts';
import { formatFigure, median, round, summariseRuns } from './timing.ts';

const FUNCTIONS = ['ingest', 'evaluate-notify', 'digest', 's3-inbox'] as const;
const MAX_BUNDLE_BYTES = 1_048_576;
const MAX_IMPORT_OVERHEAD_MS = 150;
/** Fresh processes per module, whatever --runs says: one process gives one cold start. */
const MIN_PROCESSES = 9;
const TOP = 5;
const KB = 1024;

/**
 * What Lambda sees at a cold start: the configuration infra/constructs/service-function.ts gives
 * each function (NODE_OPTIONS) and the variables the handlers parse at module load. Nothing here
 * is contacted: module load only builds clients.
 */
const HANDLER_ENV: Record<string, string> = {
  NODE_OPTIONS: '--enable-source-maps',
  AWS_REGION: 'ap-southeast-1',
  DTWATCH_STAGE: 'bench',
  DTWATCH_TABLE: 'dtwatch-bench',
  DTWATCH_CATALOGS: JSON.stringify({ 'ha-tinh-nq05': 'catalog/ha-tinh-nq05.json' }),
  DTWATCH_SOURCES: JSON.stringify({}),
  DTWATCH_REPORT_BUCKET: 'dtwatch-bench-reports',
  DTWATCH_EMAIL_TOPIC_ARN_PREFIX: 'arn:aws:sns:ap-southeast-1:123456789012:dtwatch-email-',
  DTWATCH_EMAIL_TOPIC_SHARDS: '32',
  POWERTOOLS_SERVICE_NAME: 'dtwatch-bench',
  POWERTOOLS_LOG_LEVEL: 'INFO',
  LOG_LEVEL: 'INFO',
};

/**
 * The esbuild options NodejsFunction derives from the house construct's `bundling` (ESM, node24,
 * module-first main fields, the createRequire banner, minified, external source map without
 * sources, externalModules [] so the AWS SDK is bundled). Kept in step with
 * infra/constructs/service-function.ts by hand; when written, the deployed sizes were within 0.3%
 * of the assets `npm run synth` put in cdk.out.
 */
function houseOptions(entry: string, outfile: string, minify: boolean): BuildOptions {
  return {
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    mainFields: ['module', 'main'],
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
    minify,
    sourcemap: 'external',
    sourcesContent: false,
    external: [],
    metafile: true,
    logLevel: 'warning',
  };
}

interface ImportSample {
  importMs: number;
  rssBytes: number;
}

export const packagesSection: BenchSection = {
  name: 'packages',
  summary: 'Lambda bundles: size, largest inputs, cold import time in a fresh node',
  async run(context) {
    const workDir = await mkdtemp(join(tmpdir(), 'dtwatch-bench-packages-'));
    try {
      context.log('packages: bundling the four functions (as deployed, and unminified)…');
      const probe = join(workDir, 'import-probe.mjs');
      await build({
        entryPoints: [join(context.repoRoot, 'bench', 'import-probe.ts')],
        outfile: probe,
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        logLevel: 'warning',
      });
      const empty = join(workDir, 'empty.mjs');
      await writeFile(empty, 'export {};\n');

      const bundles = [];
      for (const name of FUNCTIONS) {
        const entry = join(context.repoRoot, 'functions', name, 'handler.ts');
        const deployed = join(workDir, name, 'index.mjs');
        const unminified = join(workDir, `${name}-unminified`, 'index.mjs');
        const minified = await build(houseOptions(entry, deployed, true));
        const plain = await build(houseOptions(entry, unminified, false));
        bundles.push({
          name,
          deployed,
          deployedBytes: (await stat(deployed)).size,
          sourceMapBytes: (await stat(`${deployed}.map`)).size,
          unminifiedBytes: (await stat(unminified)).size,
          unminifiedAwsSdkBytes: awsSdkBytes(plain.metafile as Metafile),
          ...largestInputs(plain.metafile as Metafile),
          topPackagesDeployed: largestInputs(minified.metafile as Metafile).topPackages,
        });
      }

      const processes = Math.max(MIN_PROCESSES, context.runs);
      context.log(
        `packages: ${processes} fresh node processes per module (each handler, and an empty module)…`,
      );
      const loadBefore = loadavg()[0] ?? 0;
      const samples = new Map<string, ImportSample[]>([['empty', []]]);
      for (const bundle of bundles) samples.set(bundle.name, []);
      // Round-robin, so that a noisy moment of the machine spreads over every module.
      for (let round = 0; round < processes; round++) {
        samples.get('empty')?.push(await importOnce(probe, empty, context.repoRoot));
        for (const bundle of bundles) {
          samples.get(bundle.name)?.push(await importOnce(probe, bundle.deployed, context.repoRoot));
        }
      }
      const emptyTiming = summariseRuns((samples.get('empty') ?? []).map((sample) => sample.importMs));

      const functions: Record<string, unknown> = {};
      const targets: BenchTarget[] = [];
      const sizes: string[] = [];
      const overheads: string[] = [];
      for (const bundle of bundles) {
        const own = samples.get(bundle.name) ?? [];
        const timing = summariseRuns(own.map((sample) => sample.importMs));
        const overheadMs = round(timing.medianMs - emptyTiming.medianMs, 1);
        functions[bundle.name] = {
          deployedBytes: bundle.deployedBytes,
          unminifiedBytes: bundle.unminifiedBytes,
          unminifiedAwsSdkBytes: bundle.unminifiedAwsSdkBytes,
          unminifiedBytesWithoutAwsSdk: bundle.unminifiedBytes - bundle.unminifiedAwsSdkBytes,
          sourceMapBytes: bundle.sourceMapBytes,
          topInputs: bundle.topInputs,
          topPackages: bundle.topPackages,
          topPackagesDeployed: bundle.topPackagesDeployed,
          inputFiles: bundle.inputFiles,
          coldImport: {
            ...timing,
            overheadMs,
            ratioToEmptyModule: round(timing.medianMs / Math.max(emptyTiming.medianMs, 0.001), 1),
            rssAfterImportMb: round(median(own.map((sample) => sample.rssBytes)) / KB / KB, 1),
          },
        };
        // The budget is on the unminified-equivalent size; the deployed (minified) size is
        // what Lambda loads. Both are checked so neither hides behind the other.
        targets.push(
          upperBound(
            `packages: ${bundle.name} bundle, unminified-equivalent`,
            bundle.unminifiedBytes,
            'bytes',
            MAX_BUNDLE_BYTES,
          ),
          upperBound(
            `packages: ${bundle.name} bundle, as deployed`,
            bundle.deployedBytes,
            'bytes',
            MAX_BUNDLE_BYTES,
          ),
        );
        targets.push(
          upperBound(
            `packages: ${bundle.name} cold import overhead`,
            overheadMs,
            'ms',
            MAX_IMPORT_OVERHEAD_MS,
          ),
        );
        sizes.push(
          `${bundle.name} ${formatFigure(round(bundle.deployedBytes / KB, 0))} KB ` +
            `(unminified ${formatFigure(round(bundle.unminifiedBytes / KB, 0))} KB, of which AWS SDK ` +
            `${formatFigure(round(bundle.unminifiedAwsSdkBytes / KB, 0))} KB)`,
        );
        overheads.push(`${bundle.name} ${formatFigure(overheadMs)} ms`);
      }

      const outcome: SectionOutcome = {
        figures: {
          method: {
            bundling:
              'esbuild with the options of infra/constructs/service-function.ts (ESM, node24, minified, external source map, createRequire banner); unminifiedBytes and the inputs come from a second, unminified build with the same options',
            sdk: 'bundled: the house construct sets externalModules [] so the runtime SDK is never used; nothing is resolved from node_modules at import time',
            coldImport: `median of ${processes} fresh \`node --enable-source-maps\` processes per module (the NODE_OPTIONS the construct sets), timing \`await import(bundle)\` of the deployed bundle with the handlers' environment; overhead = handler median − empty-module median in the same harness`,
            node: process.version,
            // Other work on the machine inflates the medians; the minima show the quiet-machine cost.
            loadAverage1m: { before: round(loadBefore, 2), after: round(loadavg()[0] ?? 0, 2) },
          },
          emptyModule: emptyTiming,
          functions,
        },
        targets,
        highlights: [
          `deployed bundles: ${sizes.join(', ')}`,
          `cold import overhead: ${overheads.join(', ')}`,
        ],
      };
      return outcome;
    } finally {
      await rm(workDir, { recursive: true, force: true });
    }
  },
};

/**
 * Unminified bytes that come from the AWS SDK (@aws-sdk, @smithy, @aws-crypto): what the bundle
 * would shed by using the runtime's SDK instead of the one the tests ran against.
 */
function awsSdkBytes(metafile: Metafile): number {
  const output = Object.values(metafile.outputs).find((entry) => entry.entryPoint !== undefined);
  let bytes = 0;
  for (const [input, { bytesInOutput }] of Object.entries(output?.inputs ?? {})) {
    if (/node_modules\/@(aws-sdk|smithy|aws-crypto)\//.test(input)) bytes += bytesInOutput;
  }
  return bytes;
}

/** The inputs that take the most room in the unminified bundle, by file and by package. */
function largestInputs(metafile: Metafile): {
  topInputs: { input: string; bytes: number }[];
  topPackages: { package: string; bytes: number }[];
  inputFiles: number;
} {
  const output = Object.values(metafile.outputs).find((entry) => entry.entryPoint !== undefined);
  const inputs = Object.entries(output?.inputs ?? {}).map(([input, { bytesInOutput }]) => ({
    input,
    bytes: bytesInOutput,
  }));
  const byPackage = new Map<string, number>();
  for (const { input, bytes } of inputs) {
    const name = packageOf(input);
    byPackage.set(name, (byPackage.get(name) ?? 0) + bytes);
  }
  const largest = <T extends { bytes: number }>(items: T[]) =>
    items.sort((a, b) => b.bytes - a.bytes).slice(0, TOP);
  return {
    topInputs: largest(inputs),
    topPackages: largest([...byPackage].map(([name, bytes]) => ({ package: name, bytes }))),
    inputFiles: inputs.length,
  };
}

/** `node_modules/@aws-sdk/client-sns/dist-es/…` → `@aws-sdk/client-sns`; our code by top folder. */
function packageOf(input: string): string {
  const marker = 'node_modules/';
  const at = input.lastIndexOf(marker);
  if (at < 0) return `dtwatch ${input.split('/')[0] ?? input}/`;
  const parts = input.slice(at + marker.length).split('/');
  return parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1]}` : (parts[0] ?? input);
}

/** One fresh node importing `module`; the probe prints the import time and RSS as JSON. */
async function importOnce(probe: string, module: string, cwd: string): Promise<ImportSample> {
  // The SDK warns about Node 20 on stderr (Lambda runs Node 24): captured, shown only on failure.
  const { stdout } = await runChild(process.execPath, [probe, module], {
    cwd,
    env: { ...process.env, ...HANDLER_ENV },
  });
  return JSON.parse(stdout) as ImportSample;
}
