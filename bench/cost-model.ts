import type { DeployedShape } from './cost-infrastructure.ts';
import type { JobTotals, MonthSimulation } from './cost-month.ts';
import { costOf, type PriceName } from './cost-prices.ts';

/** The Hà Tĩnh figures the model starts from (store section, dynalite; month simulation). */
export interface MeasuredProvince {
  readonly series: number;
  readonly units: number;
  readonly observations: number;
  /** Bytes of the stored observations as DynamoDB bills them (names + values + 100 per item). */
  readonly observationBytes: number;
  /** The CSV delivery of the whole history. */
  readonly deliveryBytes: number;
  /** WCU per new observation (first ingest: wcu / stored). */
  readonly wcuPerObservation: number;
  /** Daily pull of the whole, unchanged history (store section `steadyState`). */
  readonly dailyIngest: { ms: number; rcu: number; readRequests: number; wcu: number };
  readonly month: MonthSimulation;
}

export interface Scenario {
  readonly name: string;
  readonly programmes: number;
  /** Series relative to the measured province: scales new values a month and alert-state writes. */
  readonly seriesFactor: number;
  /** Stored observations relative to the measured province: scales history reads, storage and compute. */
  readonly dataFactor: number;
  /** Units (heads) relative to the measured province: scales alert messages. */
  readonly unitFactor: number;
}

export interface CostLine {
  readonly service: string;
  readonly item: string;
  readonly quantity: number;
  readonly price: PriceName;
  readonly usd: number;
  readonly basis: string;
  /** Paid once per deployment whatever the number of provinces. */
  readonly fixed?: boolean;
  readonly sms?: boolean;
}

export interface ScenarioCost {
  readonly scenario: Scenario;
  readonly lines: readonly CostLine[];
  readonly totalExclSmsUsd: number;
  readonly smsUsd: number;
  readonly totalInclSmsUsd: number;
  readonly fixedUsd: number;
}

/** Assumptions the model states rather than measures; docs/cost.md lists them. */
export const ASSUMPTIONS = {
  daysPerMonth: 30,
  weeksPerMonth: 30 / 7,
  /** Lambda runs slower than this bench's in-process emulator run: network round trips, a share of a core. */
  lambdaSlowdown: 3,
  /** Every invocation is a cold start (daily and weekly jobs); the init phase is billed. */
  initMsPerInvocation: 1_000,
  /** Each province also drops one CSV export a day into the inbox (s3-inbox runs like a daily ingest). */
  inboxExportsPerDay: 1,
  /** Alert states, notification ledger (90-day TTL), source runs, quarantine on top of observations. */
  storageOverhead: 1.25,
  lambdaLogBytesPerInvocation: 4 * 1024,
  stepFunctionsLogEventsPerTransition: 3,
  stepFunctionsLogBytesPerEvent: 2 * 1024,
  kmsRequestsPerInvocation: 20,
  /** Each digest recipient opens the report once. */
  reportOpensPerDigestEmail: 1,
} as const;

const GB = 1024 ** 3;

export function scenarioCost(
  measured: MeasuredProvince,
  shape: DeployedShape,
  scenario: Scenario,
): ScenarioCost {
  const a = ASSUMPTIONS;
  const { month } = measured;
  const P = scenario.programmes;
  const S = scenario.seriesFactor;
  const D = scenario.dataFactor;
  const U = scenario.unitFactor;
  const scale = month.days > 0 ? a.daysPerMonth / month.days : 1;
  const lines: CostLine[] = [];
  const add = (line: Omit<CostLine, 'usd'>) =>
    lines.push({ ...line, usd: costOf(line.price, line.quantity) });
  const readUnits = (totals: { rcu: number; readRequests: number }) =>
    Math.max(totals.rcu, totals.readRequests);

  // ── DynamoDB ──
  const newObservationWcu = measured.series * measured.wcuPerObservation * S;
  const ingestWcu = a.daysPerMonth * measured.dailyIngest.wcu * P;
  const alertWcu = (month.evaluateNotify.wcu + month.digest.wcu) * scale * S;
  add({
    service: 'DynamoDB',
    item: 'write request units',
    quantity: newObservationWcu + ingestWcu + alertWcu,
    price: 'dynamoWrite',
    basis:
      `a month's new value for every series (${fmt(newObservationWcu)}), one source-run record per daily pull (${fmt(ingestWcu)}), ` +
      `alert states, ledger and digest records of the simulated month (${fmt(alertWcu)})`,
  });
  const ingestRcu = a.daysPerMonth * readUnits(measured.dailyIngest) * D;
  const evaluateRcu = readUnits(month.evaluateNotify) * scale * D;
  const digestRcu = readUnits(month.digest) * scale * D;
  add({
    service: 'DynamoDB',
    item: 'read request units',
    quantity: ingestRcu + evaluateRcu + digestRcu,
    price: 'dynamoRead',
    basis:
      `daily pull re-delivering the whole history, diff reads (${fmt(ingestRcu)}); daily evaluate-notify (${fmt(evaluateRcu)}); ` +
      `weekly digests (${fmt(digestRcu)}); strongly consistent, at least 1 unit per request`,
  });
  const storageGb = (measured.observationBytes * a.storageOverhead * D) / GB;
  add({
    service: 'DynamoDB',
    item: 'storage',
    quantity: storageGb,
    price: 'dynamoStorage',
    basis: `5 years of history (${fmt(measured.observations * D)} observations) + ${Math.round((a.storageOverhead - 1) * 100)}% for other items`,
  });
  add({
    service: 'DynamoDB',
    item: 'point-in-time recovery',
    quantity: storageGb,
    price: 'dynamoPitr',
    basis: 'the table size (PITR is on in the stateful stack)',
  });

  // ── Lambda ──
  const perDay = a.daysPerMonth * P;
  const weekly = a.weeksPerMonth * P;
  const ingestMs = measured.dailyIngest.ms * a.lambdaSlowdown;
  const evaluateMsTotal = sum(month.evaluateNotify.ms) * scale * a.lambdaSlowdown;
  const digestMsTotal = sum(month.digest.ms) * scale * a.lambdaSlowdown;
  const inboxRuns = a.daysPerMonth * a.inboxExportsPerDay * P;
  const gbSeconds =
    (gb(shape, 'Ingest') * (a.daysPerMonth * ingestMs * D + perDay * a.initMsPerInvocation) +
      gb(shape, 'EvaluateNotify') * (evaluateMsTotal * D + perDay * a.initMsPerInvocation) +
      gb(shape, 'Digest') * (digestMsTotal * D + weekly * a.initMsPerInvocation) +
      gb(shape, 'S3Inbox') * (inboxRuns * (ingestMs * (D / P) + a.initMsPerInvocation))) /
    1000;
  const invocations = perDay * 2 + weekly + inboxRuns;
  add({
    service: 'Lambda',
    item: 'compute',
    quantity: gbSeconds,
    price: 'lambdaCompute',
    basis:
      `measured durations × ${a.lambdaSlowdown} + ${a.initMsPerInvocation} ms init per invocation, at the synthesized memory sizes ` +
      `(ingest ${shape.memoryMb.Ingest} MB, evaluate-notify ${shape.memoryMb.EvaluateNotify} MB, digest ${shape.memoryMb.Digest} MB, s3-inbox ${shape.memoryMb.S3Inbox} MB)`,
  });
  add({
    service: 'Lambda',
    item: 'requests',
    quantity: invocations,
    price: 'lambdaRequests',
    basis: 'daily ingest + evaluate-notify, weekly digest, one inbox export a day, per province',
  });

  // ── orchestration ──
  const transitions = a.daysPerMonth * (shape.transitions.fixed + shape.transitions.perProgramme * P);
  add({
    service: 'Step Functions',
    item: 'state transitions',
    quantity: transitions,
    price: 'stepTransitions',
    basis: `one execution a day: ${shape.transitions.fixed} + ${shape.transitions.perProgramme} per programme (happy path, no retries)`,
  });
  add({
    service: 'EventBridge Scheduler',
    item: 'invocations',
    quantity: a.daysPerMonth + weekly,
    price: 'schedulerInvocations',
    basis:
      'the daily run + one weekly digest schedule per programme (S3 object-created events on the default bus are free)',
  });

  // ── SNS ──
  const smsParts = month.messages.smsSegments * scale * U;
  const alertEmails = month.messages.alertEmails * scale * U;
  const digestEmails = month.messages.digestEmails * scale * P;
  add({
    service: 'SNS',
    item: 'publish requests',
    quantity: month.messages.sms * scale * U + alertEmails + digestEmails,
    price: 'snsPublishes',
    basis: 'one publish per message (SMS, alert e-mail, digest e-mail)',
  });
  add({
    service: 'SNS',
    item: 'e-mail notifications',
    quantity: alertEmails + digestEmails,
    price: 'snsEmail',
    basis: `alert e-mails (${fmt(alertEmails)}) and digest e-mails (${fmt(digestEmails)}) of the simulated month`,
  });
  add({
    service: 'SNS',
    item: 'SMS to Viet Nam',
    quantity: smsParts,
    price: 'smsVietnam',
    basis: `${fmt(month.messages.sms * scale * U)} SMS (${fmt(smsParts)} parts) of the simulated month, scaled by units`,
    sms: true,
  });

  // ── S3 ──
  const reportBytes = mean(month.digest.reportBytes);
  const reportsKept = (shape.reportRetentionDays / 7) * P;
  const deliveryBytes = (measured.deliveryBytes * D) / P;
  const processedKept = a.inboxExportsPerDay * shape.reportRetentionDays * P;
  add({
    service: 'S3',
    item: 'storage',
    quantity: (reportBytes * reportsKept + deliveryBytes * processedKept) / GB,
    price: 's3Storage',
    basis: `digest reports kept ${shape.reportRetentionDays} days (${fmt(reportBytes / 1024)} KiB each) and processed inbox exports kept ${shape.reportRetentionDays} days (${fmt(deliveryBytes / 1024)} KiB each)`,
  });
  add({
    service: 'S3',
    item: 'PUT/COPY requests',
    quantity: weekly + inboxRuns * 2,
    price: 's3Writes',
    basis: 'one report a week per programme; each export put by the agency and copied to processed/',
  });
  add({
    service: 'S3',
    item: 'GET requests',
    quantity: inboxRuns + digestEmails * a.reportOpensPerDigestEmail,
    price: 's3Reads',
    basis: 'each export read once; each digest report opened once per recipient',
  });

  // ── CloudWatch ──
  const executionsPerMonth = a.daysPerMonth;
  const logGb =
    (invocations * a.lambdaLogBytesPerInvocation +
      transitions * a.stepFunctionsLogEventsPerTransition * a.stepFunctionsLogBytesPerEvent) /
    GB;
  add({
    service: 'CloudWatch',
    item: 'log ingestion',
    quantity: logGb,
    price: 'logsIngestion',
    basis: `${a.lambdaLogBytesPerInvocation / 1024} KiB per invocation; state machine logging ALL with execution data, ${a.stepFunctionsLogEventsPerTransition} events × ${a.stepFunctionsLogBytesPerEvent / 1024} KiB per transition`,
  });
  add({
    service: 'CloudWatch',
    item: 'log storage',
    quantity: logGb * Math.min(12, shape.logRetentionDays / 30),
    price: 'logsStorage',
    basis: `${shape.logRetentionDays}-day retention, uncompressed (conservative)`,
  });
  add({
    service: 'CloudWatch',
    item: 'alarms',
    quantity: shape.alarmMetrics,
    price: 'alarmMetrics',
    basis: `${shape.alarms} alarms in the ${shape.stage} templates, ${shape.alarmMetrics} billed metrics`,
    fixed: true,
  });
  add({
    service: 'CloudWatch',
    item: 'dashboard',
    quantity: shape.dashboards,
    price: 'dashboards',
    basis: shape.dashboards > 0 ? 'the operations dashboard' : 'none (lean stage)',
    fixed: true,
  });

  // ── KMS, SQS, X-Ray ──
  add({
    service: 'KMS',
    item: 'customer-managed key',
    quantity: shape.kmsKeys,
    price: 'kmsKeys',
    basis:
      shape.kmsKeys > 0
        ? 'table, report bucket and topics share one key'
        : 'none (lean stage): AWS-managed keys for the table and the e-mail topics, SSE-S3 for the buckets',
    fixed: true,
  });
  add({
    service: 'KMS',
    item: 'requests',
    quantity: invocations * a.kmsRequestsPerInvocation,
    price: 'kmsRequests',
    basis: `${a.kmsRequestsPerInvocation} per invocation (DynamoDB, SNS and S3 cache data keys)`,
  });
  add({
    service: 'SQS',
    item: 'dead-letter queues',
    quantity: 0,
    price: 'sqsRequests',
    basis: `${shape.queues} queues, SQS-managed encryption; no requests while nothing fails (queues cost nothing idle)`,
  });
  add({
    service: 'X-Ray',
    item: 'traces',
    quantity: invocations + executionsPerMonth,
    price: 'xrayTraces',
    basis: 'active tracing on the functions and the state machine: one trace per invocation and execution',
  });

  const total = (keep: (line: CostLine) => boolean) =>
    lines.filter(keep).reduce((sumUsd, line) => sumUsd + line.usd, 0);
  return {
    scenario,
    lines,
    totalExclSmsUsd: total((line) => !line.sms),
    smsUsd: total((line) => line.sms === true),
    totalInclSmsUsd: total(() => true),
    fixedUsd: total((line) => line.fixed === true),
  };
}

export function jobMs(totals: JobTotals): { median: number; max: number } {
  const sorted = [...totals.ms].sort((x, y) => x - y);
  return { median: sorted[sorted.length >> 1] ?? 0, max: sorted.at(-1) ?? 0 };
}

function gb(shape: DeployedShape, label: string): number {
  return (shape.memoryMb[label] ?? 1024) / 1024;
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : sum(values) / values.length;
}

function fmt(value: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: value < 10 ? 2 : 0 });
}
