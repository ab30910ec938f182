import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { SourceRun } from '../domain/ingest-records.ts';

/**
 * What operators watch without reading logs, as CloudWatch embedded-metric-format lines on
 * stdout (Powertools Metrics): one namespace per stage (POWERTOOLS_METRICS_NAMESPACE), no
 * per-programme dimension, so one alarm covers every programme. The alarms of the stack read
 * these names.
 */
export const METRIC = {
  sourcesFailed: 'SourcesFailed',
  /** The longest run of consecutive failed pulls among the sources pulled now (0: none failing). */
  sourceConsecutiveFailures: 'SourceConsecutiveFailures',
  rowsQuarantined: 'RowsQuarantined',
  messagesSent: 'MessagesSent',
  messagesFailed: 'MessagesFailed',
  messagesDeferred: 'MessagesDeferred',
  peopleUnreachable: 'PeopleUnreachable',
} as const;

/**
 * Put by the monitoring run's state machine (not by a function) when one programme's pull or
 * evaluate-and-notify step failed, with the programme as its one dimension: each programme has an
 * alarm of its own on it, so the operator's e-mail names the programme.
 */
export const PROGRAMME_FAILED = { metricName: 'ProgrammeRunFailed', dimension: 'Programme' } as const;

/** The `service` dimension of every run metric (the alarms name it). */
export const RUN_METRICS_SERVICE = 'dtwatch';

export function runMetricsNamespace(stage: string): string {
  return `dtwatch/${stage}`;
}

export function createRunMetrics(namespace = process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'dtwatch'): Metrics {
  return new Metrics({ namespace, serviceName: RUN_METRICS_SERVICE });
}

/** How many of the newest runs (newest first) failed before the first that did not. */
export function consecutiveFailures(runsNewestFirst: readonly SourceRun[]): number {
  const firstOk = runsNewestFirst.findIndex((run) => run.outcome !== 'failed');
  return firstOk === -1 ? runsNewestFirst.length : firstOk;
}

export function addIngestMetrics(
  metrics: Metrics,
  report: { failedSources: number; rowsRejected: number; longestFailureStreak: number },
): void {
  metrics.addMetric(METRIC.sourcesFailed, MetricUnit.Count, report.failedSources);
  metrics.addMetric(METRIC.sourceConsecutiveFailures, MetricUnit.Count, report.longestFailureStreak);
  metrics.addMetric(METRIC.rowsQuarantined, MetricUnit.Count, report.rowsRejected);
}

export function addNotifyMetrics(
  metrics: Metrics,
  run: { sent: number; failed: number; deferred: number; peopleUnreachable: number },
): void {
  metrics.addMetric(METRIC.messagesSent, MetricUnit.Count, run.sent);
  metrics.addMetric(METRIC.messagesFailed, MetricUnit.Count, run.failed);
  metrics.addMetric(METRIC.messagesDeferred, MetricUnit.Count, run.deferred);
  metrics.addMetric(METRIC.peopleUnreachable, MetricUnit.Count, run.peopleUnreachable);
}
