import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import {
  PROGRAMME_FAILED,
  METRIC as RUN_METRIC,
  RUN_METRICS_SERVICE,
} from '../../shared/adapters/run-metrics.ts';
import { acknowledge } from '../nag-acknowledgements.ts';

export interface OperationsProps {
  readonly stage: string;
  /** Absent on a lean stage: the operations topic is then encrypted with no key (see below). */
  readonly key?: kms.IKey;
  readonly alarmEmail: string;
  readonly functions: readonly { label: string; fn: lambda.IFunction }[];
  /** Every dead-letter queue: anything in one of them is work that did not happen. */
  readonly deadLetterQueues: readonly { label: string; queue: sqs.IQueue }[];
  readonly monitoringRun: sfn.IStateMachine;
  /** Each programme of the stage gets a failure alarm of its own (not on a lean stage). */
  readonly programmes: readonly string[];
  /**
   * A lean stage (docs/cost.md): no dashboard, and only the alarms that cover a path nothing else
   * covers (each alarm metric costs US$0.10 a month; one province's usage costs cents).
   */
  readonly lean?: boolean;
  readonly digestFunction: lambda.IFunction;
  readonly emailTopics: readonly sns.ITopic[];
  readonly sms?: { readonly spendAlarmUsd: number };
  /** Where the operations topic's own undeliverable alarm e-mails go. */
  readonly deliveryFailures: sqs.IQueue;
  /** Where the functions' run metrics go (POWERTOOLS_METRICS_NAMESPACE). */
  readonly runMetricsNamespace: string;
}

/** The alarm fires when a source failed on this many consecutive runs. */
export const SOURCE_FAILURE_STREAK_THRESHOLD = 2;

/** Alarms (to an operations topic with the operators' e-mail) and one dashboard. */
export class Operations extends Construct {
  readonly topic: sns.Topic;
  readonly alarms: cloudwatch.Alarm[] = [];
  /** Absent on a lean stage. */
  readonly dashboard?: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: OperationsProps) {
    super(scope, id);
    this.topic = new sns.Topic(this, 'Topic', {
      displayName: `dtwatch ${props.stage} operations`,
      // CloudWatch alarms cannot publish to a topic under SNS's AWS-managed key: a lean stage,
      // which has no key of its own, leaves this topic (alarm names and states only) unencrypted.
      ...(props.key && { masterKey: props.key }),
      enforceSSL: true,
    });
    if (!props.key) {
      acknowledge(this.topic, [
        {
          id: 'AwsSolutions-SNS2',
          reason:
            'Lean stage: CloudWatch alarms cannot publish to a topic encrypted with the AWS-managed SNS key, and the stage has no customer-managed key (US$1 a month). The topic carries alarm names and states only, no personal data; TLS is enforced.',
        },
      ]);
    }
    new sns.Subscription(this, 'Operators', {
      topic: this.topic,
      protocol: sns.SubscriptionProtocol.EMAIL,
      endpoint: props.alarmEmail,
      deadLetterQueue: props.deliveryFailures,
    });
    const notify = new actions.SnsAction(this.topic);
    const alarmNames: string[] = [];
    const lean = props.lean === true;
    const alarm = (alarmId: string, alarmProps: cloudwatch.AlarmProps) => {
      // Named, so an operator reading an e-mail or the console knows the stage and the subject.
      const alarmName = `dtwatch-${props.stage}-${alarmId}`;
      alarmNames.push(alarmName);
      const created = new cloudwatch.Alarm(this, alarmId, { ...alarmProps, alarmName });
      created.addAlarmAction(notify);
      created.addOkAction(notify);
      this.alarms.push(created);
      return created;
    };

    for (const { label, fn } of props.functions) {
      // Lean: a failed ingest or evaluate-notify fails the run (MonitoringRunFailed), and the
      // inbox's exports are pulled again by the daily ingest (SourceFailingOnConsecutiveRuns).
      if (lean && label !== 'Digest') continue;
      alarm(`${label}Errors`, {
        alarmDescription: `The ${label} function failed (see its log group).`,
        metric: fn.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
    }
    // Lean: no queue alarms. Schedules that could not start a run or a digest show as
    // MonitoringRunMissing / DigestMissing; the rest wait in their queues for `dtwatch status`.
    for (const { label, queue } of lean ? [] : props.deadLetterQueues) {
      alarm(`${label}Waiting`, {
        alarmDescription: `Messages in the ${label} dead-letter queue: work that did not happen (inspect, then redrive or purge).`,
        metric: queue.metricApproximateNumberOfMessagesVisible({
          period: Duration.minutes(5),
          statistic: 'Maximum',
        }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
    }
    alarm('MonitoringRunFailed', {
      alarmDescription: 'A monitoring run ended failed or timed out (see the state machine execution).',
      metric: new cloudwatch.MathExpression({
        expression: 'failed + timedOut',
        usingMetrics: {
          failed: props.monitoringRun.metricFailed({ statistic: 'Sum' }),
          timedOut: props.monitoringRun.metricTimedOut({ statistic: 'Sum' }),
        },
        period: Duration.minutes(5),
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    // The run's alarm says that something failed; these say which programme (the state machine
    // puts the metric when a programme's pull or evaluate-and-notify step failed).
    for (const programme of lean ? [] : props.programmes) {
      alarm(`ProgrammeFailed-${programme}`, {
        alarmDescription: `The daily run of programme ${programme} failed (its pull or its evaluate-and-notify step; see the Map iteration of the execution). The other programmes ran.`,
        metric: new cloudwatch.Metric({
          namespace: props.runMetricsNamespace,
          metricName: PROGRAMME_FAILED.metricName,
          dimensionsMap: { [PROGRAMME_FAILED.dimension]: programme },
          period: Duration.hours(1),
          statistic: 'Sum',
        }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
    }
    // Absence of a run: 26 hourly buckets without a started execution (a day plus slack for retries).
    alarm('MonitoringRunMissing', {
      alarmDescription:
        'No monitoring run started in the last 26 hours: check the schedule and its dead-letter queue.',
      metric: props.monitoringRun.metricStarted({ period: Duration.hours(1), statistic: 'Sum' }),
      threshold: 1,
      evaluationPeriods: 26,
      datapointsToAlarm: 26,
      comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.BREACHING,
    });
    // CloudWatch evaluates at most 7 days back: 28 six-hour buckets without a digest invocation.
    alarm('DigestMissing', {
      alarmDescription:
        'No weekly digest ran in the last 7 days: check the digest schedule and its dead-letter queue.',
      metric: props.digestFunction.metricInvocations({ period: Duration.hours(6), statistic: 'Sum' }),
      threshold: 1,
      evaluationPeriods: 28,
      datapointsToAlarm: 28,
      comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.BREACHING,
    });
    // Lean: undeliverable e-mail still lands in its queue and in the address's subscription state.
    for (const [index, topic] of lean ? [] : props.emailTopics.entries()) {
      alarm(`EmailTopic${index}DeliveryFailed`, {
        alarmDescription: `SNS could not deliver e-mail from ${topic.node.id} (bounces, unconfirmed or deleted subscriptions).`,
        metric: topic.metricNumberOfNotificationsFailed({ period: Duration.hours(1), statistic: 'Sum' }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
    }
    const smsSpend = new cloudwatch.Metric({
      namespace: 'AWS/SNS',
      metricName: 'SMSMonthToDateSpentUSD',
      period: Duration.hours(1),
      statistic: 'Maximum',
    });
    const smsSuccess = new cloudwatch.Metric({
      namespace: 'AWS/SNS',
      metricName: 'SMSSuccessRate',
      dimensionsMap: { Country: 'VN', SMSType: 'Transactional' },
      period: Duration.hours(1),
      statistic: 'Average',
    });
    const runMetric = (metricName: string) =>
      new cloudwatch.Metric({
        namespace: props.runMetricsNamespace,
        metricName,
        dimensionsMap: { service: RUN_METRICS_SERVICE },
        period: Duration.days(1),
        statistic: 'Maximum',
      });
    alarm('SourceFailingOnConsecutiveRuns', {
      alarmDescription: `A source failed on ${SOURCE_FAILURE_STREAK_THRESHOLD} or more daily runs in a row (dtwatch status, the ingest log): its figures are going stale.`,
      metric: runMetric(RUN_METRIC.sourceConsecutiveFailures),
      threshold: SOURCE_FAILURE_STREAK_THRESHOLD,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    alarm('AccountablePeopleUnreachable', {
      alarmDescription:
        'Heads, data contacts or committee members have neither a phone nor a confirmed e-mail (dtwatch directory status).',
      metric: runMetric(RUN_METRIC.peopleUnreachable),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    if (props.sms) {
      alarm('SmsSpend', {
        alarmDescription: `SMS spend this month reached ${props.sms.spendAlarmUsd} USD; at the account's MonthlySpendLimit SNS stops sending SMS.`,
        metric: smsSpend,
        threshold: props.sms.spendAlarmUsd,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      if (!lean)
        alarm('SmsDeliveryFailing', {
          alarmDescription:
            'Fewer than 90% of SMS to Vietnam were delivered in the last hour (sender ID, carrier filtering, opted-out numbers).',
          metric: smsSuccess,
          threshold: 0.9,
          evaluationPeriods: 1,
          comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
          treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        });
    }

    if (lean) return;
    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: `dtwatch-${props.stage}`,
      defaultInterval: Duration.days(7),
      widgets: [
        [
          new cloudwatch.AlarmStatusWidget({
            title: 'Alarms',
            // By ARN built from the name rather than a reference to each alarm resource.
            alarms: alarmNames.map((name, index) =>
              cloudwatch.Alarm.fromAlarmName(this, `Listed${index}`, name),
            ),
            width: 24,
            height: 6,
          }),
        ],
        [
          new cloudwatch.GraphWidget({
            title: 'Monitoring runs',
            width: 12,
            left: [
              props.monitoringRun.metricStarted({ period: Duration.hours(1) }),
              props.monitoringRun.metricSucceeded({ period: Duration.hours(1) }),
              props.monitoringRun.metricFailed({ period: Duration.hours(1) }),
            ],
          }),
          new cloudwatch.GraphWidget({
            title: 'Function errors',
            width: 12,
            left: props.functions.map(({ label, fn }) =>
              fn.metricErrors({ period: Duration.hours(1), label }),
            ),
          }),
        ],
        [
          new cloudwatch.GraphWidget({
            title: 'Function duration (p95)',
            width: 12,
            left: props.functions.map(({ label, fn }) =>
              fn.metricDuration({ period: Duration.hours(1), statistic: 'p95', label }),
            ),
          }),
          new cloudwatch.GraphWidget({
            title: 'E-mail published / failed',
            width: 12,
            left: props.emailTopics.map((topic) =>
              topic.metricNumberOfMessagesPublished({ period: Duration.hours(1), label: topic.node.id }),
            ),
            right: props.emailTopics.map((topic) =>
              topic.metricNumberOfNotificationsFailed({
                period: Duration.hours(1),
                label: `${topic.node.id} failed`,
              }),
            ),
          }),
        ],
        [
          new cloudwatch.GraphWidget({
            title: 'SMS: spend this month (USD) and success rate',
            width: 12,
            left: [smsSpend],
            right: [smsSuccess],
          }),
          new cloudwatch.GraphWidget({
            title: 'Dead-letter queues (messages waiting)',
            width: 12,
            left: props.deadLetterQueues.map(({ label, queue }) =>
              queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), label }),
            ),
          }),
        ],
      ],
    });
  }
}
