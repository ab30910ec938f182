import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { App, CfnResource } from 'aws-cdk-lib';
import { buildApp } from '../infra/build-app.ts';
import { loadDeploymentInputs } from '../infra/deployment-inputs.ts';
import { parseCatalog } from '../shared/catalog/parse-catalog.ts';
import { buildProgramme } from '../shared/catalog/programme.ts';
import { fixedClock } from '../shared/ports/clock.ts';
import {
  NATIONAL_ADMIN_UNITS_FILE,
  nationalSampleCatalogs,
  nationalSampleConfig,
  parseNationalAdminUnits,
} from '../shared/sample/national-sample.ts';
import { generateSampleData } from '../shared/sample/sample-programme-data.ts';
import { evaluateAndNotify } from '../shared/use-cases/evaluate-and-notify.ts';
import { PROGRAMMES_IN_FLIGHT, runEachProgramme } from '../shared/use-cases/programme-fan-out.ts';
import type { BenchSection } from './section.ts';
import { upperBound } from './section.ts';
import { motoServer } from './store-backends.ts';
import { round } from './timing.ts';

const AS_OF = '2026-11-23';
/**
 * The pull step stores each programme's figures from this date on: about six months, what a
 * source's snapshot carries (31,956 observations for the 34 programmes, against 108,339 for their
 * whole history since 2021, which moto's single Python process takes most of an hour to store).
 */
const PULLED_FROM = '2026-06-01';
/** CloudFormation allows 500 resources a stack; the stateless stack grows with programmes. */
const MAX_STACK_RESOURCES = 500;

/**
 * Issue 18: the 34 provincial SAMPLE programmes in one deployment. Synthesizes the stage
 * (cdk-nag included, no bundling) from a generated config/national-sample.json, then one daily run
 * on moto driven as the state machine drives it (runEachProgramme: 4 programmes at once, the two
 * steps of each): the pull step stores the sample's observations as ingest writes them (the
 * sample programmes name no sources), the evaluate-notify step is the use-case itself, its
 * messages counted (SNS on moto would measure moto).
 */
export const programmesSection: BenchSection = {
  name: 'programmes',
  summary: '34 provincial programmes in one deployment: synth, and one daily run fanned out on moto',
  async run(context) {
    const root = await mkdtemp(join(tmpdir(), 'dtwatch-bench-national-sample-'));
    const outdir = await mkdtemp(join(tmpdir(), 'dtwatch-bench-cdk-national-'));
    try {
      const admin = parseNationalAdminUnits(
        await readFile(join(context.repoRoot, NATIONAL_ADMIN_UNITS_FILE), 'utf8'),
        NATIONAL_ADMIN_UNITS_FILE,
      );
      const catalogs = nationalSampleCatalogs(admin);
      await mkdir(join(root, 'catalog', 'national-sample'), { recursive: true });
      await mkdir(join(root, 'config'), { recursive: true });
      const files = catalogs.map((json) => {
        const id = (json.programme as { id: string }).id;
        return { id, path: `catalog/national-sample/${id}.json`, json };
      });
      for (const file of files) await writeFile(join(root, file.path), JSON.stringify(file.json));
      await writeFile(
        join(root, 'config', 'national-sample.json'),
        JSON.stringify(nationalSampleConfig(files)),
      );

      context.log(`programmes: synthesizing ${files.length} programmes (cdk-nag, no bundling)…`);
      let started = performance.now();
      const app = new App({ outdir, context: { 'aws:cdk:bundling-stacks': [] } });
      const built = buildApp(loadDeploymentInputs('national-sample', { root }), app);
      app.synth();
      const synthSeconds = round((performance.now() - started) / 1000, 1);
      const statelessResources = built.stateless.node.findAll().filter(CfnResource.isCfnResource).length;

      const programmes = files.map((file) =>
        buildProgramme(parseCatalog(JSON.stringify(file.json), file.path)),
      );
      const byId = new Map(programmes.map((programme) => [programme.id, programme]));
      context.log('programmes: one daily run of every programme on moto (4 at once)…');
      const moto = await motoServer();
      try {
        const backend = await moto.table('dtwatch-bench-national-sample');
        const clock = fixedClock(`${AS_OF}T05:00:00Z`);
        let observations = 0;
        let messages = 0;
        let finished = 0;
        started = performance.now();
        const run = await runEachProgramme(
          programmes.map((programme) => programme.id),
          {
            async ingest(id) {
              const data = generateSampleData(byId.get(id) as (typeof programmes)[number], {
                through: AS_OF,
                from: PULLED_FROM,
              });
              observations += data.observations.length;
              await backend.store.putObservations(id, data.observations, `${AS_OF}T01:00:00Z`);
            },
            async evaluateNotify(id) {
              await evaluateAndNotify(
                byId.get(id) as (typeof programmes)[number],
                AS_OF,
                {
                  store: backend.store,
                  notifier: {
                    async send() {
                      messages++;
                      return { messageId: `bench-${messages}` };
                    },
                  },
                  clock,
                },
                { leaseSeconds: 0 },
              );
            },
          },
          {
            onOutcome: (outcome) => {
              finished++;
              if (finished % 5 === 0 || outcome.outcome === 'failed') {
                context.log(
                  `programmes: ${finished} of ${programmes.length} (${outcome.programme}: ${outcome.outcome})`,
                );
              }
            },
          },
        );
        const runSeconds = round((performance.now() - started) / 1000, 1);
        await backend.close();
        const failed = run.outcomes.filter((outcome) => outcome.outcome === 'failed');
        return {
          figures: {
            programmes: programmes.length,
            communes: programmes.reduce(
              (sum, programme) =>
                sum + programme.catalog.units.filter((unit) => unit.level === 'commune').length,
              0,
            ),
            series: programmes.reduce((sum, programme) => sum + programme.series.length, 0),
            synth: {
              seconds: synthSeconds,
              statelessResources,
              cdkNag: 'AwsSolutions + Serverless, no finding',
            },
            dailyRunOnMoto: {
              asOf: AS_OF,
              concurrency: PROGRAMMES_IN_FLIGHT,
              seconds: runSeconds,
              observationsStored: observations,
              messagesCounted: messages,
              failed: failed.map((outcome) => outcome),
            },
          },
          targets: [
            upperBound(
              'programmes: 34-programme stateless stack, resources',
              statelessResources,
              'resources',
              MAX_STACK_RESOURCES,
            ),
            upperBound(
              'programmes: 34 programmes, programmes failed in one daily run on moto',
              failed.length,
              'programmes',
              1,
            ),
          ],
          highlights: [
            `34 programmes: synth ${synthSeconds} s (${statelessResources} resources in the stateless stack); one daily run on moto ` +
              `${runSeconds} s (${observations.toLocaleString('en-US')} observations stored, ${messages.toLocaleString('en-US')} messages, ${failed.length} programmes failed)`,
          ],
        };
      } finally {
        await moto.stop();
      }
    } finally {
      await rm(root, { recursive: true, force: true });
      await rm(outdir, { recursive: true, force: true });
    }
  },
};
