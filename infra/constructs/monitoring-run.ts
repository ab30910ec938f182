import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { PROGRAMME_FAILED } from '../../shared/adapters/run-metrics.ts';
import { PROGRAMMES_IN_FLIGHT } from '../../shared/use-cases/programme-fan-out.ts';
import { acknowledge, wildcardResourceFinding } from '../nag-acknowledgements.ts';

export interface MonitoringRunProps {
  readonly programmes: readonly string[];
  readonly ingest: lambda.IFunction;
  readonly evaluateNotify: lambda.IFunction;
  readonly logRetention: logs.RetentionDays;
  /** Where the per-programme failure metric goes (the stage's run-metrics namespace). */
  readonly metricsNamespace: string;
}

/**
 * The daily monitoring run as a state machine: for each programme (a few at once, see
 * shared/use-cases/programme-fan-out.ts, which runs the same fan-out locally), pull its sources, then
 * evaluate and notify. Why Step Functions rather than one function calling the next: each step
 * gets its own retries with backoff, a failed pull still lets the evaluation run (stale data
 * raises stale-report alerts, which is what should happen), one programme failing does not stop
 * the others, and the execution history shows which step of which programme failed. The run
 * fails at the end when any step failed, so the operations alarm fires.
 *
 * Input: `{"scheduledTime": "<ISO-8601>"}` (the schedule's time, from which the functions derive
 * the run key; a manual re-run with the same time is the same run).
 */
export class MonitoringRun extends Construct {
  readonly stateMachine: sfn.StateMachine;

  constructor(scope: Construct, id: string, props: MonitoringRunProps) {
    super(scope, id);

    // The execution id goes along so that a retry of a step is recognised as the same sender in
    // the notification ledger and finishes what a crashed attempt left claimed (docs/alerts.md).
    const stepInput = sfn.TaskInput.fromObject({
      programme: sfn.JsonPath.stringAt('$.programme'),
      scheduledTime: sfn.JsonPath.stringAt('$.scheduledTime'),
      execution: sfn.JsonPath.stringAt('$$.Execution.Id'),
    });
    const retry = (task: tasks.LambdaInvoke) =>
      task
        // A rejected event or a broken configuration fails the same way every time.
        .addRetry({ errors: ['InvalidInputError', 'ConfigError'], maxAttempts: 0 })
        .addRetry({
          errors: ['States.TaskFailed', 'Lambda.TooManyRequestsException', 'Lambda.ServiceException'],
          interval: Duration.seconds(30),
          backoffRate: 2,
          maxAttempts: 2,
          jitterStrategy: sfn.JitterType.FULL,
        });

    const ingest = new tasks.LambdaInvoke(this, 'Ingest', {
      lambdaFunction: props.ingest,
      payload: stepInput,
      resultSelector: { 'summary.$': '$.Payload' },
      resultPath: '$.ingest',
      taskTimeout: sfn.Timeout.duration(Duration.minutes(16)),
    });
    retry(ingest);
    const evaluateNotify = new tasks.LambdaInvoke(this, 'EvaluateNotify', {
      lambdaFunction: props.evaluateNotify,
      payload: stepInput,
      resultSelector: { 'summary.$': '$.Payload' },
      resultPath: '$.notify',
      taskTimeout: sfn.Timeout.duration(Duration.minutes(16)),
    });
    retry(evaluateNotify);

    const continueWithStoredData = new sfn.Pass(this, 'ContinueWithStoredData', {
      comment: 'The pull failed: evaluate what the store already has (stale series alert as they should).',
    });
    ingest.addCatch(continueWithStoredData, { resultPath: '$.ingestError' });
    continueWithStoredData.next(evaluateNotify);
    ingest.next(evaluateNotify);

    const programmeOk = new sfn.Pass(this, 'ProgrammeOk', { result: sfn.Result.fromString('ok') });
    const programmeFailed = new sfn.Pass(this, 'ProgrammeFailed', {
      result: sfn.Result.fromString('failed'),
    });
    // One data point per failed programme, which that programme's alarm watches (operations.ts).
    const countFailure = new tasks.CallAwsService(this, 'CountProgrammeFailure', {
      service: 'cloudwatch',
      action: 'putMetricData',
      iamAction: 'cloudwatch:PutMetricData',
      // PutMetricData has no resource-level permissions.
      iamResources: ['*'],
      parameters: {
        Namespace: props.metricsNamespace,
        MetricData: [
          {
            MetricName: PROGRAMME_FAILED.metricName,
            Dimensions: [{ Name: PROGRAMME_FAILED.dimension, 'Value.$': '$.programme' }],
            Value: 1,
            Unit: 'Count',
          },
        ],
      },
      resultPath: sfn.JsonPath.DISCARD,
    });
    // The run's own alarm still fires if the metric cannot be put: the programme is failed either way.
    countFailure.addCatch(programmeFailed, { resultPath: '$.metricError' });
    countFailure.next(programmeFailed);
    evaluateNotify.addCatch(countFailure, { resultPath: '$.notifyError' });
    evaluateNotify.next(
      new sfn.Choice(this, 'PullSucceeded?')
        .when(sfn.Condition.isPresent('$.ingestError'), countFailure)
        .otherwise(programmeOk),
    );

    const eachProgramme = new sfn.Map(this, 'EachProgramme', {
      itemsPath: '$.programmes',
      itemSelector: {
        'programme.$': '$$.Map.Item.Value',
        'scheduledTime.$': '$.scheduledTime',
      },
      maxConcurrency: Math.min(PROGRAMMES_IN_FLIGHT, props.programmes.length),
      resultPath: '$.outcomes',
    });
    eachProgramme.itemProcessor(ingest);

    const plan = new sfn.Pass(this, 'Plan', {
      parameters: {
        'scheduledTime.$': '$.scheduledTime',
        programmes: [...props.programmes],
      },
    });
    const verdict = new sfn.Pass(this, 'Verdict', {
      parameters: {
        'outcomes.$': '$.outcomes',
        'anyFailed.$': "States.ArrayContains($.outcomes, 'failed')",
      },
    });
    const done = new sfn.Choice(this, 'AnyProgrammeFailed?')
      .when(
        sfn.Condition.booleanEquals('$.anyFailed', true),
        new sfn.Fail(this, 'RunIncomplete', {
          error: 'MonitoringRunIncomplete',
          cause:
            'A pull or an evaluate-and-notify step failed for at least one programme; see the Map iterations.',
        }),
      )
      .otherwise(new sfn.Succeed(this, 'RunComplete'));

    const logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      definitionBody: sfn.DefinitionBody.fromChainable(plan.next(eachProgramme).next(verdict).next(done)),
      timeout: Duration.hours(2),
      tracingEnabled: true,
      logs: { destination: logGroup, level: sfn.LogLevel.ALL, includeExecutionData: true },
    });
    acknowledge(this.stateMachine, [
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'CloudWatch Logs log-delivery actions, X-Ray trace actions (logging and tracing) and cloudwatch:PutMetricData (the per-programme failure metric) have no resource-level permissions.',
      },
      {
        id: wildcardResourceFinding(this, `${props.ingest.functionArn}:*`),
        reason:
          'Invoking the ingest function by any of its versions or aliases (CDK grant for LambdaInvoke).',
      },
      {
        id: wildcardResourceFinding(this, `${props.evaluateNotify.functionArn}:*`),
        reason:
          'Invoking the evaluate-notify function by any of its versions or aliases (CDK grant for LambdaInvoke).',
      },
    ]);
  }
}
