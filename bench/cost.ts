import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { observationPk, observationSk } from '../shared/adapters/dynamodb/item-keys.ts';
import { synthesizedShape } from './cost-infrastructure.ts';
import { jobMs, type MeasuredProvince, type Scenario, scenarioCost } from './cost-model.ts';
import { simulateMonth } from './cost-month.ts';
import { PRICE_REGION, PRICES_ASSUMED_ON } from './cost-prices.ts';
import { renderCostReport } from './cost-report.ts';
import { nationalDataset } from './national-dataset.ts';
import type { BenchSection, SectionOutcome } from './section.ts';
import { upperBound } from './section.ts';
import { haTinhDataset, type StoreDataset } from './store-datasets.ts';
import type { BackendFigures } from './store-measure.ts';
import { round } from './timing.ts';

/** Issues 9 and 18: one province's monthly bill on the lean stage, SMS aside, stays under a dollar. */
const MAX_ONE_PROVINCE_USD = 1;
/** The lean single-province example stage (`"lean": true`). */
const LEAN_STAGE = 'ha-tinh-lean';
const SIMULATED_MONTH = { first: '2026-11-01', days: 30, warmUp: '2026-10-31' };

export const costSection: BenchSection = {
  name: 'cost',
  summary:
    'monthly AWS cost model (Singapore list prices) for one province and for all 34; writes docs/cost.md',
  async run(context) {
    const storeRun = (context.earlier.store as { haTinh?: { dynalite?: BackendFigures } } | undefined)?.haTinh
      ?.dynalite;
    if (!storeRun) {
      throw new Error(
        'cost: needs the store section figures first (npm run bench -- --only store --only cost)',
      );
    }
    const dataset = await haTinhDataset(context.repoRoot);
    context.log('cost: synthesizing the prod templates (no bundling)…');
    const shape = synthesizedShape();
    context.log(`cost: synthesizing the ${LEAN_STAGE} templates (the lean stage)…`);
    const leanShape = synthesizedShape(LEAN_STAGE);
    context.log(
      `cost: simulating ${SIMULATED_MONTH.days} daily runs and the weekly digests of Hà Tĩnh on dynalite…`,
    );
    const month = await simulateMonth(dataset, SIMULATED_MONTH);

    const measured: MeasuredProvince = {
      series: dataset.programme.series.length,
      units: dataset.programme.units.size,
      observations: dataset.observations.length,
      observationBytes: observationBytes(dataset),
      deliveryBytes: dataset.csv.byteLength,
      wcuPerObservation: round(storeRun.ingest.wcu / Math.max(1, storeRun.ingest.stored), 3),
      dailyIngest: {
        ms: storeRun.steadyState.ms,
        rcu: storeRun.steadyState.rcu,
        readRequests: storeRun.steadyState.readRequests,
        wcu: storeRun.steadyState.wcu,
      },
      month,
    };
    const national = nationalDataset(
      await readFile(join(context.handoutRoot, 'data', 'admin-units-national-2025.json'), 'utf8'),
    );
    const provinces = 34;
    const scenarios: Scenario[] = [
      { name: 'One province (Hà Tĩnh size)', programmes: 1, seriesFactor: 1, dataFactor: 1, unitFactor: 1 },
      {
        name: `All ${provinces} provinces`,
        programmes: provinces,
        seriesFactor: round(national.series / measured.series, 2),
        dataFactor: round((national.series * national.observationsPerSeries) / measured.observations, 2),
        unitFactor: round((national.communes + provinces) / measured.units, 2),
      },
    ];
    const costs = scenarios.map((scenario) => scenarioCost(measured, shape, scenario));
    const [one, all] = costs;
    if (!one || !all) throw new Error('cost: a scenario is missing');
    const lean = scenarioCost(measured, leanShape, {
      name: `One province, lean stage (config/${LEAN_STAGE}.json)`,
      programmes: 1,
      seriesFactor: 1,
      dataFactor: 1,
      unitFactor: 1,
    });
    costs.splice(1, 0, lean);

    const notes = [
      `All ${provinces} provinces: ${national.communes.toLocaleString('en-US')} communes × ${national.indicators} indicators = ` +
        `${national.series.toLocaleString('en-US')} series (bench/national-dataset.ts), one programme per province in one deployment; ` +
        `history reads, storage and compute scale by stored observations (${(national.series * national.observationsPerSeries).toLocaleString('en-US')}: every series monthly for 5 years), ` +
        'new values and alert-state writes by series, alert messages by units (communes + provinces), per-invocation costs by programmes.',
      `The prod configuration (config/${'prod'}.json) is synthesized without bundling for memory sizes, alarms, queues, keys and the state machine; region ${shape.region}.`,
    ];
    const reportPath = join(context.repoRoot, 'docs', 'cost.md');
    await writeFile(
      reportPath,
      renderCostReport({
        generatedAt: new Date().toISOString().slice(0, 10),
        measured,
        scenarios: costs,
        notes,
        leanTradeOffs: LEAN_TRADE_OFFS,
      }),
    );
    context.log(`cost: wrote ${reportPath}`);

    const summary = (cost: (typeof costs)[number]) => ({
      ...cost.scenario,
      totalExclSmsUsd: round(cost.totalExclSmsUsd, 4),
      smsUsd: round(cost.smsUsd, 4),
      totalInclSmsUsd: round(cost.totalInclSmsUsd, 4),
      fixedUsd: round(cost.fixedUsd, 4),
      variableExclSmsUsd: round(cost.totalExclSmsUsd - cost.fixedUsd, 4),
      lines: cost.lines.map((line) => ({
        ...line,
        quantity: round(line.quantity, 6),
        usd: round(line.usd, 6),
      })),
    });
    const outcome: SectionOutcome = {
      figures: {
        prices: `list prices as assumed on ${PRICES_ASSUMED_ON}, ${PRICE_REGION}, free tier excluded`,
        report: 'docs/cost.md',
        deployedShape: shape,
        measured: {
          ...measured,
          month: {
            ...month,
            evaluateNotifyMs: jobMs(month.evaluateNotify),
            digestMs: jobMs(month.digest),
          },
        },
        oneProvince: summary(one),
        oneProvinceLean: { ...summary(lean), deployedShape: leanShape },
        allProvinces: summary(all),
        perProvinceShareOfAllUsd: round(all.totalExclSmsUsd / provinces, 4),
      },
      targets: [
        upperBound(
          'cost: one province, lean stage, per month excl. SMS',
          round(lean.totalExclSmsUsd, 2),
          'USD',
          MAX_ONE_PROVINCE_USD,
        ),
      ],
      highlights: [
        `lean stage, one province ${usd(lean.totalExclSmsUsd)} USD/month excl. SMS (${usd(lean.fixedUsd)} fixed: ` +
          `${leanShape.alarmMetrics} alarm metrics, no dashboard, no customer-managed key)`,
        `one province ${usd(one.totalExclSmsUsd)} USD/month excl. SMS (${usd(one.fixedUsd)} of it fixed: alarms, dashboard, KMS key), ` +
          `${usd(one.smsUsd)} SMS; all ${provinces} provinces ${usd(all.totalExclSmsUsd)} excl. SMS, ${usd(all.smsUsd)} SMS ` +
          `(${usd(all.totalExclSmsUsd / provinces)} per province excl. SMS)`,
      ],
    };
    return outcome;
  },
};

/** Observation items as DynamoDB bills storage: attribute names + values + 100 bytes per item. */
function observationBytes(dataset: StoreDataset): number {
  const receivedAt = new Date(dataset.receivedAt).toISOString();
  let bytes = 0;
  for (const { unit, indicator, date, value } of dataset.observations) {
    const pk = observationPk(dataset.programme.id, unit);
    const sk = observationSk(unit, indicator, date);
    const numberBytes = Math.ceil(String(value).replace(/[-.]/g, '').length / 2) + 1;
    bytes +=
      2 + Buffer.byteLength(pk) + 2 + Buffer.byteLength(sk) + 1 + numberBytes + 1 + receivedAt.length + 100;
  }
  return bytes;
}

function usd(value: number): string {
  return value.toFixed(2);
}

/** What the lean stage gives up (docs/cost.md), next to what it saves. */
const LEAN_TRADE_OFFS: readonly string[] = [
  'Keys: the table uses the AWS-managed key aws/dynamodb, the e-mail topics aws/sns, the buckets SSE-S3. Encryption at rest stays; what goes is control of the key policy, the ability to revoke or schedule deletion of the key (crypto-shredding), and one key policy to audit. Accept it only where the security review accepts AWS-managed keys for personal data of this kind (names, phones and e-mail addresses of officials). Saves US$1.00.',
  'The operations topic is not encrypted (CloudWatch alarms cannot publish to a topic under aws/sns): it carries alarm names and states, no personal data; TLS is enforced (cdk-nag AwsSolutions-SNS2 acknowledged with that reason).',
  'No dashboard: the operator reads the alarms, `dtwatch status` and the console. Saves US$3.00.',
  "Alarms: 8 billed metrics instead of 21+. Kept: the run failed (failed + timed out), no run in 26 h, digest errors, no digest in 7 days, a source failing on consecutive runs, people unreachable, SMS spend. Dropped: ingest and evaluate-notify errors (the run alarm fires for them), s3-inbox errors (its exports are pulled again by the daily ingest, whose failures the source alarm reports), the seven dead-letter queue alarms (schedules that could not start show as a missing run or digest; the rest wait in their queues, listed in the stack outputs, for someone who looks), per-topic e-mail delivery failures (undeliverable mail still lands in its queue and in the address's subscription state) and the SMS success rate. Per-programme failure alarms are dropped: with one province the run alarm names it. Saves about US$1.30 plus US$0.10 per programme.",
  'Everything else is the same stage: point-in-time recovery, deletion protection, retention, TLS-only buckets and queues, the same functions, schedules and state machine.',
];
