import { CfnOutput, CfnResource, Duration, Stack, type StackProps, TimeZone } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as eventTargets from 'aws-cdk-lib/aws-events-targets';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as schedulerTargets from 'aws-cdk-lib/aws-scheduler-targets';
import type { Construct } from 'constructs';
import { runMetricsNamespace } from '../shared/adapters/run-metrics.ts';
import { PROGRAMMES_IN_FLIGHT } from '../shared/use-cases/programme-fan-out.ts';
import { EmailTopics } from './constructs/email-topics.ts';
import { MonitoringRun } from './constructs/monitoring-run.ts';
import { Operations } from './constructs/operations.ts';
import { SecureQueue } from './constructs/secure-queue.ts';
import { ServiceFunction } from './constructs/service-function.ts';
import { WebApi } from './constructs/web-api.ts';
import type { DeploymentInputs } from './deployment-inputs.ts';
import {
  allowCatalogs,
  allowInbox,
  allowPublish,
  allowReports,
  allowSms,
  allowSourceSecrets,
  allowSubscriptionSync,
  allowTable,
} from './grants.ts';
import { acknowledge, wildcardResourceFinding } from './nag-acknowledgements.ts';
import { stateNames } from './state-names.ts';

/** CloudFormation's 500, less room for outputs' growth and the odd added alarm. */
const MAX_STACK_RESOURCES = 480;

export interface StatelessStackProps extends StackProps {
  readonly inputs: DeploymentInputs;
  /**
   * The stateful stack's key (the one cross-stack reference: a key is found by ARN only); absent
   * on a lean stage, whose table, bucket and topics use AWS-managed keys.
   */
  readonly key?: kms.IKey;
}

/** Functions, orchestration, topics and alarms: everything that can be replaced without data loss. */
export class StatelessStack extends Stack {
  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { inputs, key } = props;
    const { config } = inputs;
    const stage = config.stage;
    const names = stateNames(stage);
    const table = dynamodb.Table.fromTableName(this, 'Table', names.table);
    const reportBucket = s3.Bucket.fromBucketName(this, 'Reports', names.reportBucket);
    const catalogBucket = s3.Bucket.fromBucketName(this, 'Catalogs', names.catalogBucket);
    const inboxBucket = s3.Bucket.fromBucketName(this, 'Inbox', config.inbox.bucketName);
    const logRetention = config.logRetentionDays as logs.RetentionDays;

    const emailDeliveryFailures = new SecureQueue(this, 'EmailDeliveryFailures', {
      purpose: 'e-mail SNS could not deliver to a subscriber',
    }).queue;
    const email = new EmailTopics(this, 'Email', {
      stage,
      key,
      shards: config.emailTopicShards,
      deliveryFailures: emailDeliveryFailures,
    });
    // What the SNS notifier needs to route an e-mail to its recipient's topic.
    const emailEnv = {
      DTWATCH_EMAIL_TOPIC_ARN_PREFIX: email.topicArnPrefix,
      DTWATCH_EMAIL_TOPIC_SHARDS: String(config.emailTopicShards),
    };

    const sources = Object.fromEntries(
      inputs.programmes.flatMap((programme) =>
        programme.sourcesPath ? [[programme.id, programme.sourcesPath]] : [],
      ),
    );
    const sourceFiles = Object.values(sources);
    // Catalogs are not bundled: each run reads the current published version (docs/operations.md,
    // "Publishing a catalog"), so a changed target needs no deploy.
    const storeEnv = {
      DTWATCH_TABLE: table.tableName,
      DTWATCH_CATALOG_BUCKET: catalogBucket.bucketName,
      DTWATCH_PROGRAMMES: JSON.stringify(inputs.programmes.map((programme) => programme.id)),
    };
    const common = { stage, logRetention };
    // As many of each daily-run step as the Map state runs programmes at once; different
    // programmes' runs touch disjoint items (their keys carry the programme).
    const programmesInFlight = Math.min(PROGRAMMES_IN_FLIGHT, inputs.programmes.length);

    const ingest = new ServiceFunction(this, 'Ingest', {
      ...common,
      name: 'ingest',
      description: 'Pulls every source of one programme into the store (daily run, first step)',
      memorySize: 1024,
      timeout: Duration.minutes(15),
      reservedConcurrency: programmesInFlight,
      invocation: 'sync',
      environment: { ...storeEnv, DTWATCH_SOURCES: JSON.stringify(sources) },
      bundledFiles: sourceFiles,
    });
    const evaluateNotify = new ServiceFunction(this, 'EvaluateNotify', {
      ...common,
      name: 'evaluate-notify',
      description: 'Evaluates one programme from the store and notifies the heads (daily run, second step)',
      memorySize: 1024,
      timeout: Duration.minutes(15),
      reservedConcurrency: programmesInFlight,
      invocation: 'sync',
      environment: {
        ...storeEnv,
        ...emailEnv,
        DTWATCH_EMAIL_FAILURES_QUEUE_ARN: emailDeliveryFailures.queueArn,
        ...(config.sms.senderId ? { DTWATCH_SMS_SENDER_ID: config.sms.senderId } : {}),
      },
      bundledFiles: [],
    });
    const web = new WebApi(this, 'Web', {
      stage,
      key,
      logRetention,
      environment: { ...storeEnv, ...emailEnv },
      bundledFiles: [],
      throttle: { rate: 20, burst: 40 },
    });
    // Alert e-mails link to their alert's page with links signed for each recipient.
    web.allowLinkSigning(evaluateNotify);
    const digest = new ServiceFunction(this, 'Digest', {
      ...common,
      name: 'digest',
      description:
        "Builds one programme's weekly digest, stores the report and e-mails the steering committee",
      memorySize: 1024,
      timeout: Duration.minutes(10),
      reservedConcurrency: 1,
      invocation: 'async',
      environment: {
        ...storeEnv,
        ...emailEnv,
        DTWATCH_REPORT_BUCKET: reportBucket.bucketName,
        // The e-mail links to the web app's durable digest page, not to a pre-signed URL.
        DTWATCH_WEB_BASE_URL: web.api.apiEndpoint,
      },
      bundledFiles: [],
    });
    const s3Inbox = new ServiceFunction(this, 'S3Inbox', {
      ...common,
      name: 's3-inbox',
      description: 'Ingests one CSV export as soon as it lands in the inbox bucket',
      memorySize: 1024,
      timeout: Duration.minutes(5),
      invocation: 'async',
      environment: { ...storeEnv, DTWATCH_SOURCES: JSON.stringify(sources) },
      bundledFiles: sourceFiles,
    });
    acknowledge(this, [
      {
        id: wildcardResourceFinding(this, `${digest.function.functionArn}:*`),
        reason:
          'The digest schedules invoke the digest function by any of its versions (CDK grant for the Scheduler target role).',
      },
    ]);

    const programmeIds = inputs.programmes.map((programme) => programme.id);
    for (const [fn, user] of [
      [ingest, 'ingest'],
      [evaluateNotify, 'evaluate-notify'],
      [digest, 'digest'],
      [s3Inbox, 's3-inbox'],
      [web.service, 'web'],
    ] as const) {
      allowTable(fn.role, table, key, user, programmeIds);
      allowCatalogs(fn.role, catalogBucket);
    }
    for (const fn of [ingest, s3Inbox]) {
      allowInbox(fn.role, inboxBucket);
      allowSourceSecrets(fn.role, inputs.sourceSecrets);
    }
    // Only the two notifying functions may publish: alerts (e-mail + SMS) and the digest (e-mail).
    allowPublish(evaluateNotify.role, email.topics, key);
    allowSubscriptionSync(evaluateNotify.role, email.topics);
    if (config.sms.enabled) allowSms(evaluateNotify.role);
    allowPublish(digest.role, email.topics, key);
    // The web app e-mails the sign-in links people ask for on its sign-in page.
    allowPublish(web.service.role, email.topics, key);
    email.allowOnlyPublishers([evaluateNotify.role, digest.role, web.service.role]);
    allowReports(digest.role, reportBucket, key);
    for (const fn of [ingest, s3Inbox]) {
      acknowledge(fn.role, [
        {
          id: wildcardResourceFinding(fn.role, inboxBucket.arnForObjects('*')),
          reason:
            'Agencies name their export files freely; the function reads, copies to processed/ and deletes objects of the inbox bucket only.',
        },
      ]);
    }
    acknowledge(digest.role, [
      {
        id: wildcardResourceFinding(digest.role, reportBucket.arnForObjects('*')),
        reason:
          'Report objects are keyed by programme and week; the function writes and pre-signs objects of the report bucket only.',
      },
    ]);

    const run = new MonitoringRun(this, 'MonitoringRun', {
      programmes: inputs.programmes.map((programme) => programme.id),
      ingest: ingest.function,
      evaluateNotify: evaluateNotify.function,
      logRetention,
      metricsNamespace: runMetricsNamespace(stage),
    });

    const scheduleFailures = new SecureQueue(this, 'ScheduleFailures', {
      purpose: 'schedule invocations EventBridge Scheduler could not deliver after its retries',
    }).queue;
    const timeZone = TimeZone.of(config.schedules.timezone);
    const [runHour, runMinute] = config.schedules.monitoring.time.split(':');
    new scheduler.Schedule(this, 'DailyMonitoring', {
      description: `dtwatch ${stage}: daily monitoring run (pull → evaluate → notify)`,
      schedule: scheduler.ScheduleExpression.cron({
        minute: String(Number(runMinute)),
        hour: String(Number(runHour)),
        timeZone,
      }),
      target: new schedulerTargets.StepFunctionsStartExecution(run.stateMachine, {
        input: scheduler.ScheduleTargetInput.fromObject({
          scheduledTime: scheduler.ContextAttribute.scheduledTime,
        }),
        deadLetterQueue: scheduleFailures,
        retryAttempts: 3,
        maxEventAge: Duration.hours(2),
      }),
    });
    const [digestHour, digestMinute] = config.schedules.digest.time.split(':');
    for (const programme of inputs.programmes) {
      new scheduler.Schedule(this, `WeeklyDigest-${programme.id}`, {
        description: `dtwatch ${stage}: weekly digest of ${programme.id}`,
        schedule: scheduler.ScheduleExpression.cron({
          minute: String(Number(digestMinute)),
          hour: String(Number(digestHour)),
          weekDay: config.schedules.digest.day,
          timeZone,
        }),
        target: new schedulerTargets.LambdaInvoke(digest.function, {
          input: scheduler.ScheduleTargetInput.fromObject({
            programme: programme.id,
            scheduledTime: scheduler.ContextAttribute.scheduledTime,
          }),
          deadLetterQueue: scheduleFailures,
          retryAttempts: 3,
          maxEventAge: Duration.hours(6),
        }),
      });
    }

    const inboxFailures = new SecureQueue(this, 'InboxEventFailures', {
      purpose: 'inbox object-created events EventBridge could not deliver to the s3-inbox function',
    }).queue;
    new events.Rule(this, 'InboxObjectCreated', {
      description: `dtwatch ${stage}: a CSV export landed in the inbox bucket`,
      eventPattern: {
        source: ['aws.s3'],
        detailType: ['Object Created'],
        detail: {
          bucket: { name: [inboxBucket.bucketName] },
          object: { key: inboxKeyFilter(inputs) },
        },
      },
      targets: [
        new eventTargets.LambdaFunction(s3Inbox.function, {
          deadLetterQueue: inboxFailures,
          retryAttempts: 4,
          maxEventAge: Duration.hours(6),
        }),
      ],
    });

    const functions = [
      { label: 'Ingest', service: ingest },
      { label: 'EvaluateNotify', service: evaluateNotify },
      { label: 'Digest', service: digest },
      { label: 'S3Inbox', service: s3Inbox },
      { label: 'Web', service: web.service },
    ];
    const operations = new Operations(this, 'Operations', {
      stage,
      key,
      alarmEmail: config.alarmEmail,
      functions: functions.map(({ label, service }) => ({ label, fn: service.function })),
      deadLetterQueues: [
        ...functions.flatMap(({ label, service }) =>
          service.failureQueue ? [{ label: `${label}FailedInvocations`, queue: service.failureQueue }] : [],
        ),
        { label: 'ScheduleFailures', queue: scheduleFailures },
        { label: 'InboxEventFailures', queue: inboxFailures },
        { label: 'EmailDeliveryFailures', queue: emailDeliveryFailures },
      ],
      monitoringRun: run.stateMachine,
      programmes: programmeIds,
      lean: config.lean,
      digestFunction: digest.function,
      emailTopics: email.topics,
      sms: config.sms.enabled
        ? { spendAlarmUsd: (config.sms.monthlySpendLimitUsd * config.sms.alarmAtPercent) / 100 }
        : undefined,
      deliveryFailures: emailDeliveryFailures,
      runMetricsNamespace: runMetricsNamespace(stage),
    });

    const resources = this.node.findAll().filter(CfnResource.isCfnResource).length;
    if (resources > MAX_STACK_RESOURCES) {
      throw new RangeError(
        `the stateless stack would have ${resources} resources (CloudFormation allows 500)`,
      );
    }

    const output = (id: string, value: string, description: string) =>
      new CfnOutput(this, id, { value, description });
    output(
      'MonitoringStateMachineArn',
      run.stateMachine.stateMachineArn,
      'Start a manual run: {"scheduledTime": "<ISO-8601>"}',
    );
    for (const { label, service } of functions) {
      output(`${label}FunctionName`, service.function.functionName, `Lambda function (${label})`);
      if (service.failureQueue) {
        output(
          `${label}FailedInvocationsQueueUrl`,
          service.failureQueue.queueUrl,
          `Failed async invocations of ${label}`,
        );
      }
    }
    output(
      'EmailTopicArnPrefix',
      email.topicArnPrefix,
      `E-mail topics: the prefix + 00…${config.emailTopicShards - 1}`,
    );
    output('WebUrl', web.api.apiEndpoint, 'The web app (sign in with a link from `dtwatch web link`)');
    output('OperationsTopicArn', operations.topic.topicArn, 'Alarm notifications (operators)');
    output(
      'ScheduleFailuresQueueUrl',
      scheduleFailures.queueUrl,
      'Schedule invocations that could not be delivered',
    );
    output('InboxEventFailuresQueueUrl', inboxFailures.queueUrl, 'Inbox events that could not be delivered');
    output('EmailDeliveryFailuresQueueUrl', emailDeliveryFailures.queueUrl, 'E-mails SNS could not deliver');
    if (operations.dashboard)
      output(
        'DashboardUrl',
        `https://console.aws.amazon.com/cloudwatch/home?region=${this.region}#dashboards:name=dtwatch-${stage}`,
        'CloudWatch dashboard',
      );
  }
}

/** Only new exports under the sources' prefixes, never the processed copies the ingest writes back. */
function inboxKeyFilter(inputs: DeploymentInputs): unknown[] {
  const prefixes = [
    ...new Set(inputs.programmes.flatMap((programme) => programme.s3Sources.map((s) => s.prefix))),
  ];
  if (prefixes.length > 0 && prefixes.every((prefix) => prefix !== '')) {
    return prefixes.map((prefix) => ({ prefix }));
  }
  return [{ 'anything-but': { prefix: 'processed/' } }];
}
