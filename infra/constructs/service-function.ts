import { join } from 'node:path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { runMetricsNamespace } from '../../shared/adapters/run-metrics.ts';
import { acknowledge } from '../nag-acknowledgements.ts';
import { REPO_ROOT } from '../repo-root.ts';
import { SecureQueue } from './secure-queue.ts';

/** Lambda's Node.js 24 runtime (declared by name so an older enum cannot pin us to Node 22). */
export const NODE_RUNTIME = new lambda.Runtime('nodejs24.x', lambda.RuntimeFamily.NODEJS, {
  supportsInlineCode: true,
});

export interface ServiceFunctionProps {
  /** The directory under `functions/` holding `handler.ts`; also the function's role in names. */
  readonly name: string;
  readonly description: string;
  readonly memorySize: number;
  readonly timeout: Duration;
  readonly logRetention: logs.RetentionDays;
  readonly environment: Record<string, string>;
  /** Repository-relative files copied into the bundle at the same relative path (catalogs, sources). */
  readonly bundledFiles: readonly string[];
  /** 1 where two runs must never overlap; undefined leaves the account pool. */
  readonly reservedConcurrency?: number;
  readonly stage: string;
  /**
   * How the function is invoked. `async` (EventBridge Scheduler, an EventBridge rule) gets an
   * on-failure queue for events Lambda gave up on; `sync` (Step Functions) gets none: the caller
   * sees the error, retries and fails the execution, so such a queue could never receive anything.
   */
  readonly invocation: 'async' | 'sync';
}

/**
 * The house defaults for a dtwatch function: esbuild bundle (ESM, source maps, local esbuild,
 * never Docker), ARM64 on Node 24, explicit memory and timeout, its own log group with retention,
 * its own role that starts with nothing but its log stream, X-Ray, Powertools settings, and, for
 * a function invoked asynchronously, an encrypted TLS-only queue that receives every failed
 * invocation.
 */
export class ServiceFunction extends Construct {
  readonly function: nodejs.NodejsFunction;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;
  /** Only for a function invoked asynchronously. */
  readonly failureQueue?: sqs.Queue;

  constructor(scope: Construct, id: string, props: ServiceFunctionProps) {
    super(scope, id);

    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `dtwatch ${props.stage} ${props.name}: only what this function needs`,
    });
    this.role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [this.logGroup.logGroupArn],
      }),
    );
    const failureQueue =
      props.invocation === 'async'
        ? new SecureQueue(this, 'FailedInvocations', {
            purpose: `failed asynchronous invocations of ${props.name}`,
          }).queue
        : undefined;
    this.failureQueue = failureQueue;

    const bundledFiles = [...new Set(props.bundledFiles)].sort();
    this.function = new nodejs.NodejsFunction(this, 'Function', {
      description: props.description,
      entry: join(REPO_ROOT, 'functions', props.name, 'handler.ts'),
      handler: 'handler',
      projectRoot: REPO_ROOT,
      depsLockFilePath: join(REPO_ROOT, 'package-lock.json'),
      runtime: NODE_RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize,
      timeout: props.timeout,
      role: this.role,
      logGroup: this.logGroup,
      tracing: lambda.Tracing.ACTIVE,
      reservedConcurrentExecutions: props.reservedConcurrency,
      ...(failureQueue
        ? {
            onFailure: new destinations.SqsDestination(failureQueue),
            retryAttempts: 2,
            maxEventAge: Duration.hours(6),
          }
        : {}),
      environment: {
        ...props.environment,
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: `dtwatch-${props.name}`,
        POWERTOOLS_METRICS_NAMESPACE: runMetricsNamespace(props.stage),
        POWERTOOLS_LOG_LEVEL: 'INFO',
        LOG_LEVEL: 'INFO',
        DTWATCH_STAGE: props.stage,
      },
      bundling: {
        forceDockerBundling: false,
        format: nodejs.OutputFormat.ESM,
        target: 'node24',
        mainFields: ['module', 'main'],
        // Bundled CommonJS dependencies still call require() for Node built-ins.
        banner:
          "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
        minify: true,
        sourceMap: true,
        sourceMapMode: nodejs.SourceMapMode.DEFAULT,
        sourcesContent: false,
        // Bundle the SDK we test with rather than whatever the runtime ships.
        externalModules: [],
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (inputDir: string, outputDir: string) =>
            bundledFiles.flatMap((file) => [
              `mkdir -p "${outputDir}/${parentOf(file)}"`,
              `cp "${inputDir}/${file}" "${outputDir}/${file}"`,
            ]),
        },
      },
    });

    acknowledge(this.function, [
      {
        id: 'Serverless-LambdaDLQ',
        reason: failureQueue
          ? `Failed asynchronous invocations of ${props.name} go to an on-failure destination (an encrypted SQS queue), which records the error with the event; a DeadLetterConfig would duplicate it.`
          : `${props.name} is only invoked synchronously by the monitoring state machine, which retries it and fails the execution (MonitoringRunFailed alarm); a dead-letter queue would never receive anything.`,
      },
    ]);
    acknowledge(this.role, [
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'X-Ray PutTraceSegments/PutTelemetryRecords have no resource-level permissions (CDK adds them for active tracing); any other statement of this role names its resources.',
      },
    ]);
  }
}

function parentOf(file: string): string {
  const slash = file.lastIndexOf('/');
  return slash < 0 ? '.' : file.slice(0, slash);
}
