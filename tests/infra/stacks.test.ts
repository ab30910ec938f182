// biome-ignore-all lint/suspicious/noExplicitAny: synthesized templates and AWS JSON answers are untyped documents read by path.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TTL_ATTRIBUTE } from '../../shared/adapters/dynamodb/table-definition.ts';
import {
  addIngestMetrics,
  consecutiveFailures,
  createRunMetrics,
  METRIC,
  PROGRAMME_FAILED,
  RUN_METRICS_SERVICE,
  runMetricsNamespace,
} from '../../shared/adapters/run-metrics.ts';
import type { SourceRun } from '../../shared/domain/ingest-records.ts';
import { PROGRAMMES_IN_FLIGHT } from '../../shared/use-cases/programme-fan-out.ts';
import { resourcesOf, type Synthesized, synthesize } from './synthesize.ts';

/** What the infrastructure promises, stated on the synthesized templates (dev stage, real catalogs). */

let dev: Synthesized;
beforeAll(() => {
  dev = synthesize({ stage: 'dev', bundle: false });
}, 300_000);
afterAll(() => rmSync(dev.outdir, { recursive: true, force: true }));

const FUNCTION_LABELS = ['Ingest', 'EvaluateNotify', 'Digest', 'S3Inbox', 'Web'] as const;
/** Invoked by EventBridge Scheduler (digest) and an EventBridge rule (s3-inbox): asynchronously. */
const ASYNC_LABELS = ['Digest', 'S3Inbox'] as const;

function functionsOf(template: Record<string, any>) {
  return resourcesOf(template, 'AWS::Lambda::Function');
}

function functionNamed(template: Record<string, any>, label: string): [string, any] {
  const found = functionsOf(template).find(([id]) => id.startsWith(`${label}Function`));
  if (!found) throw new Error(`no ${label} function`);
  return found;
}

/** Every statement of every identity policy (AWS::IAM::Policy and inline role policies). */
function identityStatements(template: Record<string, any>): { owner: string; statement: any }[] {
  const statements: { owner: string; statement: any }[] = [];
  for (const [id, policy] of resourcesOf(template, 'AWS::IAM::Policy')) {
    const roles = (policy.Properties.Roles ?? []).map((role: any) => role.Ref as string);
    for (const statement of policy.Properties.PolicyDocument.Statement) {
      for (const role of roles.length > 0 ? roles : [id]) statements.push({ owner: role, statement });
    }
  }
  for (const [id, role] of resourcesOf(template, 'AWS::IAM::Role')) {
    for (const policy of role.Properties.Policies ?? []) {
      for (const statement of policy.PolicyDocument.Statement) statements.push({ owner: id, statement });
    }
  }
  return statements;
}

const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value]);

/** The states inside the monitoring run's Map (the definition is a Fn::Join of strings and refs). */
function mapStates(machine: any): Record<string, any> {
  const parts = machine.Properties.DefinitionString['Fn::Join'][1] as unknown[];
  const text = parts.map((part) => (typeof part === 'string' ? part : 'REF')).join('');
  const definition = JSON.parse(text);
  const map = Object.values(definition.States as Record<string, any>).find((state) => state.Type === 'Map');
  return map.ItemProcessor.States;
}

function roleOfFunction(template: Record<string, any>, label: string): string {
  return functionNamed(template, label)[1].Properties.Role['Fn::GetAtt'][0];
}

describe('functions', () => {
  it('are the five handlers, each Node 24 on ARM64 with explicit memory, timeout, tracing and source maps', () => {
    const functions = functionsOf(dev.stateless);
    expect(functions).toHaveLength(5);
    for (const label of FUNCTION_LABELS) {
      const [, fn] = functionNamed(dev.stateless, label);
      expect(fn.Properties.Runtime).toBe('nodejs24.x');
      expect(fn.Properties.Architectures).toEqual(['arm64']);
      expect(fn.Properties.MemorySize).toBeGreaterThanOrEqual(512);
      expect(fn.Properties.Timeout).toBeGreaterThan(3);
      expect(fn.Properties.TracingConfig).toEqual({ Mode: 'Active' });
      expect(fn.Properties.Environment.Variables.NODE_OPTIONS).toContain('--enable-source-maps');
      expect(fn.Properties.Environment.Variables.POWERTOOLS_SERVICE_NAME).toMatch(/^dtwatch-/);
    }
  });

  it('each log to their own log group with a retention period', () => {
    const groups = Object.fromEntries(resourcesOf(dev.stateless, 'AWS::Logs::LogGroup'));
    for (const label of FUNCTION_LABELS) {
      const [, fn] = functionNamed(dev.stateless, label);
      const group = groups[fn.Properties.LoggingConfig.LogGroup.Ref];
      expect(group, `${label} log group`).toBeDefined();
      expect(group.Properties.RetentionInDays).toBe(dev.inputs.config.logRetentionDays);
    }
  });

  it('only the asynchronously invoked ones send failures to a queue of their own', () => {
    const configs = resourcesOf(dev.stateless, 'AWS::Lambda::EventInvokeConfig');
    const queues = Object.fromEntries(resourcesOf(dev.stateless, 'AWS::SQS::Queue'));
    const configOf = (label: string) => {
      const [id] = functionNamed(dev.stateless, label);
      return configs.find(([, resource]) => resource.Properties.FunctionName.Ref === id)?.[1];
    };
    for (const label of ASYNC_LABELS) {
      const config = configOf(label);
      expect(config, `${label} invoke config`).toBeDefined();
      const destination = config.Properties.DestinationConfig.OnFailure.Destination['Fn::GetAtt'][0];
      expect(queues[destination], `${label} on-failure queue`).toBeDefined();
      expect(config.Properties.MaximumRetryAttempts).toBe(2);
    }
    // Step Functions invokes these synchronously: an on-failure queue would never receive anything.
    for (const label of ['Ingest', 'EvaluateNotify']) expect(configOf(label), label).toBeUndefined();
  });

  it('run as many daily-run steps at once as the Map state runs programmes, and one digest at a time', () => {
    // Two programmes in dev: both run at once, each step of each on its own programme's items.
    for (const label of ['Ingest', 'EvaluateNotify']) {
      expect(functionNamed(dev.stateless, label)[1].Properties.ReservedConcurrentExecutions).toBe(2);
    }
    expect(functionNamed(dev.stateless, 'Digest')[1].Properties.ReservedConcurrentExecutions).toBe(1);
  });

  it('get the catalog bucket, their programmes and the store table through their environment', () => {
    for (const label of FUNCTION_LABELS) {
      const variables = functionNamed(dev.stateless, label)[1].Properties.Environment.Variables;
      expect(variables.DTWATCH_TABLE).toBe('dtwatch-dev');
      expect(JSON.parse(variables.DTWATCH_PROGRAMMES)).toEqual(['ha-tinh-nq05', 'nghe-an']);
      expect(JSON.stringify(variables.DTWATCH_CATALOG_BUCKET)).toContain('dtwatch-dev-catalogs-');
      // Catalogs are published, not bundled: no variable names a catalog file.
      expect(variables.DTWATCH_CATALOGS).toBeUndefined();
    }
  });
});

describe('permissions', () => {
  it('no identity policy uses a wildcard in an action', () => {
    const statements = identityStatements(dev.stateless).concat(identityStatements(dev.stateful));
    expect(statements.length).toBeGreaterThan(10);
    for (const { owner, statement } of statements) {
      for (const action of asList(statement.Action ?? statement.NotAction)) {
        expect(String(action), `${owner}: ${JSON.stringify(statement.Action)}`).not.toContain('*');
      }
    }
  });

  it('every function has a role of its own', () => {
    const roles = FUNCTION_LABELS.map((label) => roleOfFunction(dev.stateless, label));
    expect(new Set(roles).size).toBe(FUNCTION_LABELS.length);
  });

  it('only the notifying functions may publish: alerts with SMS, the digest and the web sign-in links e-mail only', () => {
    const publishers = new Map<string, any[]>();
    for (const { owner, statement } of identityStatements(dev.stateless)) {
      if (statement.Effect === 'Allow' && asList(statement.Action).includes('sns:Publish')) {
        publishers.set(owner, [...(publishers.get(owner) ?? []), statement]);
      }
    }
    const evaluateNotify = roleOfFunction(dev.stateless, 'EvaluateNotify');
    const digest = roleOfFunction(dev.stateless, 'Digest');
    const web = roleOfFunction(dev.stateless, 'Web');
    expect([...publishers.keys()].sort()).toEqual([digest, evaluateNotify, web].sort());
    expect(publishers.get(digest)?.some((statement) => statement.NotResource)).toBe(false);
    expect(publishers.get(web)?.some((statement) => statement.NotResource)).toBe(false);
    expect(publishers.get(evaluateNotify)?.some((statement) => statement.NotResource)).toBe(true);
  });

  it('each function may use only the table actions it needs, each on the partitions of its item kinds', () => {
    const pull = {
      BatchGetItem: ['OBS'],
      BatchWriteItem: ['OBS', 'QUAR', 'REV'],
      PutItem: ['RUN'],
      Query: ['OBS'],
    };
    const expected: Record<string, Record<string, string[]>> = {
      // Ingest never deletes, never reads or writes alerts, acknowledgements, the ledger or digests.
      Ingest: pull,
      S3Inbox: pull,
      // It also reads the directory and keeps the stage's e-mail subscription states.
      EvaluateNotify: {
        BatchWriteItem: ['ALERT', 'AUDIT', 'EMAILSUB', 'EMAILWANT'],
        DeleteItem: ['NOTE'],
        GetItem: ['ACK', 'ALERT', 'EMAILSUB', 'EMAILWANT', 'FINAL', 'MUTE', 'NOTE', 'OBS', 'PEOPLE', 'RUN'],
        PutItem: ['FINAL', 'NOTE'],
        Query: ['ACK', 'ALERT', 'EMAILSUB', 'EMAILWANT', 'FINAL', 'MUTE', 'NOTE', 'OBS', 'PEOPLE', 'RUN'],
        UpdateItem: ['NOTE'],
      },
      Digest: {
        BatchWriteItem: ['AUDIT'],
        DeleteItem: ['NOTE'],
        GetItem: ['ACK', 'ALERT', 'DIGEST', 'EMAILSUB', 'FINAL', 'NOTE', 'OBS', 'PEOPLE', 'QUAR', 'RUN'],
        PutItem: ['DIGEST', 'NOTE'],
        Query: ['ACK', 'ALERT', 'DIGEST', 'EMAILSUB', 'FINAL', 'NOTE', 'OBS', 'PEOPLE', 'QUAR', 'RUN'],
        UpdateItem: ['NOTE'],
      },
      // The web app reads what its pages show; it writes acknowledgements and spent sign-in links.
      // The office's pages change mutes and the directory, each change on the audit trail.
      Web: {
        BatchWriteItem: ['AUDIT', 'PEOPLE'],
        GetItem: [
          'ACK',
          'ALERT',
          'AUDIT',
          'DIGEST',
          'EMAILSUB',
          'MUTE',
          'OBS',
          'PEOPLE',
          'QUAR',
          'REV',
          'RUN',
        ],
        PutItem: ['ACK', 'MUTE', 'SIGNIN'],
        Query: ['ACK', 'ALERT', 'AUDIT', 'DIGEST', 'EMAILSUB', 'MUTE', 'OBS', 'PEOPLE', 'QUAR', 'REV', 'RUN'],
        UpdateItem: ['MUTE'],
      },
    };
    const programmes = dev.inputs.programmes.map((programme) => programme.id);
    for (const label of FUNCTION_LABELS) {
      const role = roleOfFunction(dev.stateless, label);
      const granted = new Map<string, Set<string>>();
      for (const { owner, statement } of identityStatements(dev.stateless)) {
        const actions = asList(statement.Action).map(String);
        if (owner !== role || !actions.some((action) => action.startsWith('dynamodb:'))) continue;
        expect(JSON.stringify(statement.Resource), label).toContain('table/dtwatch-dev');
        expect(JSON.stringify(statement.Resource), `${label}: no index`).not.toContain('/index/');
        const leading: string[] = statement.Condition['ForAllValues:StringLike']['dynamodb:LeadingKeys'];
        // Every pattern names a deployed programme right after the kind, except the one partition
        // of e-mail subscription states and the one of who wants them, which are the stage's (its
        // topics are shared).
        for (const key of leading) {
          if (key !== 'EMAILSUB' && key !== 'EMAILWANT')
            expect(programmes, `${label}: ${key}`).toContain(key.split('#')[1]);
        }
        for (const action of actions) {
          const name = action.replace('dynamodb:', '');
          const kinds = granted.get(name) ?? new Set<string>();
          for (const key of leading) kinds.add(key.split('#')[0] as string);
          granted.set(name, kinds);
        }
      }
      const table = Object.fromEntries([...granted].map(([action, kinds]) => [action, [...kinds].sort()]));
      expect(table, label).toEqual(expected[label]);
    }
  });

  it('every function may read the published catalogs, and only read them', () => {
    const statements = identityStatements(dev.stateless);
    for (const label of FUNCTION_LABELS) {
      const role = roleOfFunction(dev.stateless, label);
      const catalogStatements = statements.filter(
        ({ owner, statement }) =>
          owner === role && String(JSON.stringify(statement.Resource)).includes('-catalogs-'),
      );
      expect(catalogStatements.map(({ statement }) => statement.Action).sort(), label).toEqual([
        's3:GetObject',
        's3:ListBucket',
      ]);
      const objects = catalogStatements.find(({ statement }) => statement.Action === 's3:GetObject');
      expect(JSON.stringify(objects?.statement.Resource), label).toContain('/catalogs/*');
    }
  });

  it('the pulling functions may read the inbox bucket; nothing else may', () => {
    const readers = identityStatements(dev.stateless)
      .filter(({ statement }) => asList(statement.Action).includes('s3:DeleteObject'))
      .map(({ owner }) => owner);
    expect(new Set(readers)).toEqual(
      new Set([roleOfFunction(dev.stateless, 'Ingest'), roleOfFunction(dev.stateless, 'S3Inbox')]),
    );
  });
});

describe('schedules', () => {
  it('run in Vietnam time with retries and a dead-letter queue', () => {
    const schedules = resourcesOf(dev.stateless, 'AWS::Scheduler::Schedule');
    // one monitoring run + one digest per programme
    expect(schedules).toHaveLength(1 + dev.inputs.programmes.length);
    for (const [id, schedule] of schedules) {
      expect(schedule.Properties.ScheduleExpressionTimezone, id).toBe('Asia/Ho_Chi_Minh');
      expect(schedule.Properties.Target.DeadLetterConfig.Arn, id).toBeDefined();
      expect(schedule.Properties.Target.RetryPolicy.MaximumRetryAttempts, id).toBeGreaterThan(0);
      expect(schedule.Properties.Target.Input, id).toContain('<aws.scheduler.scheduled-time>');
    }
  });

  it('start the monitoring run daily and the digest on Monday 07:30', () => {
    const expressions = resourcesOf(dev.stateless, 'AWS::Scheduler::Schedule').map(
      ([, schedule]) => schedule.Properties.ScheduleExpression,
    );
    expect(expressions).toContain('cron(0 8 * * ? *)');
    expect(expressions.filter((expression) => expression === 'cron(30 7 ? * MON *)')).toHaveLength(2);
  });

  it('the monitoring run fans out over the programmes with bounded concurrency, logged and traced', () => {
    const [[, machine]] = resourcesOf(dev.stateless, 'AWS::StepFunctions::StateMachine') as [[string, any]];
    expect(machine.Properties.TracingConfiguration).toEqual({ Enabled: true });
    expect(machine.Properties.LoggingConfiguration.Level).toBe('ALL');
    const definition = JSON.stringify(machine.Properties.DefinitionString);
    expect(definition).toContain(`\\"MaxConcurrency\\":${Math.min(PROGRAMMES_IN_FLIGHT, 2)}`);
    expect(definition).toContain('ha-tinh-nq05');
    expect(definition).toContain('MonitoringRunIncomplete');
  });

  it('the monitoring run passes its execution id to the functions', () => {
    // The ledger's sender: a retry of a step takes over what its crashed attempt left claimed.
    const [[, machine]] = resourcesOf(dev.stateless, 'AWS::StepFunctions::StateMachine') as [[string, any]];
    const definition = JSON.stringify(machine.Properties.DefinitionString);
    const passes = definition.split('\\"execution.$\\":\\"$$.Execution.Id\\"').length - 1;
    expect(passes).toBe(2);
  });
});

describe('messaging', () => {
  it('topics are encrypted with the stage key and refuse publishing without TLS', () => {
    const topics = resourcesOf(dev.stateless, 'AWS::SNS::Topic');
    expect(topics.length).toBe(dev.inputs.config.emailTopicShards + 1);
    const policies = resourcesOf(dev.stateless, 'AWS::SNS::TopicPolicy');
    for (const [id, topic] of topics) {
      expect(topic.Properties.KmsMasterKeyId, id).toBeDefined();
      const policy = policies.find(([, candidate]) =>
        candidate.Properties.Topics.some((ref: any) => ref.Ref === id),
      )?.[1];
      expect(policy, `${id} policy`).toBeDefined();
      expect(policy.Properties.PolicyDocument.Statement).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      );
    }
  });

  it('only the notifying functions’ roles may publish to the e-mail topics (resource policy)', () => {
    const publishers = ['EvaluateNotify', 'Digest', 'Web']
      .map((label) => roleOfFunction(dev.stateless, label))
      .sort();
    const topics = resourcesOf(dev.stateless, 'AWS::SNS::Topic').filter(([, topic]) =>
      String(topic.Properties.TopicName).includes('-email-'),
    );
    expect(topics).toHaveLength(dev.inputs.config.emailTopicShards);
    const policies = resourcesOf(dev.stateless, 'AWS::SNS::TopicPolicy');
    const roleRefs = (value: unknown) =>
      asList(value)
        .map((arn: any) => arn?.['Fn::GetAtt']?.[0])
        .sort();
    for (const [id] of topics) {
      const statements: any[] = policies
        .filter(([, candidate]) => candidate.Properties.Topics.some((ref: any) => ref.Ref === id))
        .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement);
      const deny = statements.find(
        (statement) => statement.Effect === 'Deny' && statement.Condition?.ArnNotEquals !== undefined,
      );
      expect(deny, `${id}: deny publish to others`).toBeDefined();
      expect(['*', { AWS: '*' }]).toContainEqual(deny.Principal);
      expect(roleRefs(deny.Condition.ArnNotEquals['aws:PrincipalArn'])).toEqual(publishers);
      const allow = statements.find(
        (statement) => statement.Effect === 'Allow' && asList(statement.Action).includes('sns:Publish'),
      );
      expect(roleRefs(allow?.Principal.AWS)).toEqual(publishers);
    }
  });

  it('queues are encrypted and refuse requests without TLS', () => {
    const queues = resourcesOf(dev.stateless, 'AWS::SQS::Queue');
    const policies = resourcesOf(dev.stateless, 'AWS::SQS::QueuePolicy');
    // On-failure queues of the two asynchronously invoked functions, schedules, inbox events, e-mail.
    expect(queues.length).toBe(5);
    for (const [id, queue] of queues) {
      expect(queue.Properties.SqsManagedSseEnabled ?? queue.Properties.KmsMasterKeyId, id).toBeTruthy();
      const policy = policies.find(([, candidate]) =>
        candidate.Properties.Queues.some((ref: any) => ref.Ref === id),
      )?.[1];
      expect(policy?.Properties.PolicyDocument.Statement, `${id} policy`).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      );
    }
  });

  it('holds no e-mail subscription for people: the only one is the operators’ alarm address', () => {
    const subscriptions = resourcesOf(dev.stateless, 'AWS::SNS::Subscription');
    expect(subscriptions.map(([, subscription]) => subscription.Properties.Endpoint)).toEqual([
      dev.inputs.config.alarmEmail,
    ]);
    const template = JSON.stringify(dev.stateless);
    for (const programme of dev.inputs.programmes) {
      for (const unit of programme.catalog.units) {
        if (unit.head?.email) expect(template).not.toContain(unit.head.email);
      }
    }
  });

  it('lets the evaluate-notify function keep the subscriptions through the SNS API, on the e-mail topics only', () => {
    const statements = resourcesOf(dev.stateless, 'AWS::IAM::Policy').flatMap(
      ([, policy]) => policy.Properties.PolicyDocument.Statement,
    );
    const sync = statements.find((statement: any) => [statement.Action].flat().includes('sns:Subscribe'));
    // CDK merges it with the publish grant on the same topics.
    expect([sync.Action].flat()).toEqual(
      expect.arrayContaining(['sns:ListSubscriptionsByTopic', 'sns:Subscribe']),
    );
    expect(sync.Resource).toHaveLength(dev.inputs.config.emailTopicShards);
    const queuePolicies = resourcesOf(dev.stateless, 'AWS::SQS::QueuePolicy').flatMap(
      ([, policy]) => policy.Properties.PolicyDocument.Statement,
    );
    expect(queuePolicies).toContainEqual(
      expect.objectContaining({
        Sid: 'UndeliverableEmailFromTheEmailTopics',
        Principal: { Service: 'sns.amazonaws.com' },
      }),
    );
  });
});

describe('operations', () => {
  it('a source failing on two runs in a row puts the alarm’s metric over its threshold', () => {
    const alarms = resourcesOf(dev.stateless, 'AWS::CloudWatch::Alarm').map(([, alarm]) => alarm.Properties);
    const streak = alarms.find((alarm) => alarm.MetricName === METRIC.sourceConsecutiveFailures);
    expect(streak).toMatchObject({
      Namespace: runMetricsNamespace('dev'),
      Dimensions: [{ Name: 'service', Value: RUN_METRICS_SERVICE }],
      Statistic: 'Maximum',
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      Threshold: 2,
    });
    expect(alarms.find((alarm) => alarm.MetricName === METRIC.peopleUnreachable)).toMatchObject({
      Namespace: runMetricsNamespace('dev'),
      Threshold: 1,
    });
    const functions = resourcesOf(dev.stateless, 'AWS::Lambda::Function');
    for (const [, fn] of functions.filter(([, f]) => f.Properties.Environment?.Variables?.DTWATCH_TABLE)) {
      expect(fn.Properties.Environment.Variables.POWERTOOLS_METRICS_NAMESPACE).toBe(
        runMetricsNamespace('dev'),
      );
    }

    // Two failed runs of one source, newest first, then an older success: the ingest emits 2.
    const run = (outcome: SourceRun['outcome'], day: number): SourceRun => ({
      programme: 'p',
      source: 'api',
      startedAt: `2026-01-0${day}T01:00:00Z`,
      finishedAt: `2026-01-0${day}T01:01:00Z`,
      outcome,
      rowsOk: 0,
      rowsRejected: 0,
      rowsUnchanged: 0,
    });
    const streakLength = consecutiveFailures([run('failed', 3), run('failed', 2), run('ok', 1)]);
    const metrics = createRunMetrics(runMetricsNamespace('dev'));
    addIngestMetrics(metrics, { failedSources: 1, rowsRejected: 4, longestFailureStreak: streakLength });
    const lines: string[] = [];
    const write = process.stdout.write;
    process.stdout.write = ((chunk: string) => lines.push(String(chunk)) > 0) as typeof process.stdout.write;
    try {
      metrics.publishStoredMetrics();
    } finally {
      process.stdout.write = write;
    }
    const emf = lines.map((line) => JSON.parse(line)).find((record) => record._aws);
    expect(emf._aws.CloudWatchMetrics[0]).toMatchObject({
      Namespace: streak.Namespace,
      Dimensions: [['service']],
    });
    expect(emf.service).toBe(RUN_METRICS_SERVICE);
    expect(emf[METRIC.sourceConsecutiveFailures]).toBeGreaterThanOrEqual(streak.Threshold);
    expect(emf[METRIC.sourcesFailed]).toBe(1);
    expect(emf[METRIC.rowsQuarantined]).toBe(4);
  });

  it('alarm on every function, every dead-letter queue, a missing run, a missing digest and SMS spend', () => {
    const alarms = resourcesOf(dev.stateless, 'AWS::CloudWatch::Alarm').map(([id, alarm]) => ({
      id,
      ...alarm.Properties,
    }));
    for (const label of FUNCTION_LABELS) {
      expect(alarms.some((alarm) => alarm.id.startsWith(`Operations${label}Errors`))).toBe(true);
    }
    const queues = resourcesOf(dev.stateless, 'AWS::SQS::Queue').map(([id]) => id);
    for (const queue of queues) {
      expect(
        alarms.some((alarm) =>
          (alarm.Dimensions ?? []).some((dimension: any) => JSON.stringify(dimension.Value).includes(queue)),
        ),
        `alarm on ${queue}`,
      ).toBe(true);
    }
    const missingRun = alarms.find((alarm) => alarm.id.startsWith('OperationsMonitoringRunMissing'));
    expect(missingRun?.TreatMissingData).toBe('breaching');
    expect(missingRun?.MetricName).toBe('ExecutionsStarted');
    expect(alarms.find((alarm) => alarm.id.startsWith('OperationsDigestMissing'))?.TreatMissingData).toBe(
      'breaching',
    );
    const spend = alarms.find((alarm) => alarm.MetricName === 'SMSMonthToDateSpentUSD');
    expect(spend?.Threshold).toBe(16); // 80 % of the dev limit of 20 USD
    for (const alarm of alarms) expect(alarm.AlarmActions, alarm.id).toHaveLength(1);
  });

  it('every alarm can fire: each queue it watches has a producer, each function is invoked', () => {
    const alarms = resourcesOf(dev.stateless, 'AWS::CloudWatch::Alarm').map(([id, alarm]) => ({
      id,
      ...alarm.Properties,
    }));
    const template = JSON.stringify;
    // What puts messages into a queue: an on-failure destination, a schedule's or rule target's
    // dead-letter config, or a subscription's redrive policy.
    const producers = [
      ...resourcesOf(dev.stateless, 'AWS::Lambda::EventInvokeConfig').map(
        ([, config]) => config.Properties.DestinationConfig.OnFailure.Destination,
      ),
      ...resourcesOf(dev.stateless, 'AWS::Scheduler::Schedule').map(
        ([, schedule]) => schedule.Properties.Target.DeadLetterConfig.Arn,
      ),
      ...resourcesOf(dev.stateless, 'AWS::Events::Rule').flatMap(([, rule]) =>
        rule.Properties.Targets.map((target: any) => target.DeadLetterConfig?.Arn),
      ),
      ...resourcesOf(dev.stateless, 'AWS::SNS::Subscription').map(
        ([, subscription]) => subscription.Properties.RedrivePolicy?.deadLetterTargetArn,
      ),
    ].map((reference) => template(reference ?? null));
    const queueAlarms = alarms.filter((alarm) => alarm.Namespace === 'AWS/SQS');
    expect(queueAlarms.length).toBeGreaterThanOrEqual(4);
    for (const alarm of queueAlarms) {
      const queue = alarm.Dimensions[0].Value['Fn::GetAtt'][0];
      expect(
        producers.some((producer) => producer.includes(`"${queue}"`)),
        `${alarm.id}: nothing sends to ${queue}`,
      ).toBe(true);
    }
    // Each EventInvokeConfig belongs to a function something invokes asynchronously.
    const asyncInvoked = [
      ...resourcesOf(dev.stateless, 'AWS::Scheduler::Schedule').map(([, s]) =>
        template(s.Properties.Target.Arn),
      ),
      ...resourcesOf(dev.stateless, 'AWS::Events::Rule').flatMap(([, rule]) =>
        rule.Properties.Targets.map((target: any) => template(target.Arn)),
      ),
    ];
    for (const [id, config] of resourcesOf(dev.stateless, 'AWS::Lambda::EventInvokeConfig')) {
      const fn = config.Properties.FunctionName.Ref;
      expect(
        asyncInvoked.some((target) => target.includes(`"${fn}"`)),
        `${id}: ${fn} is never invoked asynchronously`,
      ).toBe(true);
    }
    for (const alarm of alarms) {
      expect(alarm.AlarmActions, alarm.id).toHaveLength(1);
      expect(alarm.Threshold ?? alarm.Metrics, alarm.id).toBeDefined();
    }
  });

  it('each programme has a failure alarm, on the metric the state machine puts when that programme fails', () => {
    const alarms = resourcesOf(dev.stateless, 'AWS::CloudWatch::Alarm')
      .map(([, alarm]) => alarm.Properties)
      .filter((alarm) => alarm.MetricName === PROGRAMME_FAILED.metricName);
    const programmes = dev.inputs.programmes.map((programme) => programme.id);
    expect(alarms.map((alarm) => alarm.Dimensions).sort()).toEqual(
      programmes.map((id) => [{ Name: PROGRAMME_FAILED.dimension, Value: id }]).sort(),
    );
    const [[machineId, machine]] = resourcesOf(dev.stateless, 'AWS::StepFunctions::StateMachine') as [
      [string, any],
    ];
    const states = mapStates(machine);
    const put = states.CountProgrammeFailure;
    expect(put.Resource).toMatch(/:states:::aws-sdk:cloudwatch:putMetricData$/);
    const [datum] = put.Parameters.MetricData;
    expect(put.Parameters.Namespace).toBe(runMetricsNamespace('dev'));
    expect(datum.MetricName).toBe(PROGRAMME_FAILED.metricName);
    expect(datum.Dimensions).toEqual([{ Name: PROGRAMME_FAILED.dimension, 'Value.$': '$.programme' }]);
    for (const alarm of alarms) {
      expect(alarm.Namespace).toBe(put.Parameters.Namespace);
      expect(alarm.Threshold).toBeLessThanOrEqual(datum.Value);
      expect(alarm.ComparisonOperator).toBe('GreaterThanOrEqualToThreshold');
    }
    // Both ways a programme fails lead to the metric: a caught evaluate-notify error, a failed pull.
    expect(states.EvaluateNotify.Catch[0].Next).toBe('CountProgrammeFailure');
    expect(states['PullSucceeded?'].Choices[0].Next).toBe('CountProgrammeFailure');
    // The Map item carries the programme the dimension is read from.
    expect(JSON.stringify(machine.Properties.DefinitionString)).toContain('$$.Map.Item.Value');
    // And the state machine's role may put it.
    const role = machine.Properties.RoleArn['Fn::GetAtt'][0];
    expect(
      identityStatements(dev.stateless).some(
        ({ owner, statement }) =>
          owner === role && asList(statement.Action).includes('cloudwatch:PutMetricData'),
      ),
      `${machineId} may not put the metric`,
    ).toBe(true);
  });

  it('outputs what an operator needs', () => {
    const outputs = Object.keys(dev.stateless.Outputs);
    for (const name of [
      'MonitoringStateMachineArn',
      'EmailTopicArnPrefix',
      'OperationsTopicArn',
      'DashboardUrl',
    ]) {
      expect(outputs).toContain(name);
    }
    expect(Object.keys(dev.stateful.Outputs)).toEqual(
      expect.arrayContaining([
        'TableName',
        'ReportBucketName',
        'InboxBucketName',
        'CatalogBucketName',
        'KeyArn',
      ]),
    );
  });
});

describe('stateful stack', () => {
  it('keeps the table: on demand, PITR, deletion protection, retained, TTL, encrypted with the key', () => {
    const [[, table]] = resourcesOf(dev.stateful, 'AWS::DynamoDB::Table') as [[string, any]];
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.UpdateReplacePolicy).toBe('Retain');
    expect(table.Properties.BillingMode).toBe('PAY_PER_REQUEST');
    expect(table.Properties.DeletionProtectionEnabled).toBe(true);
    expect(table.Properties.PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled).toBe(true);
    expect(table.Properties.TimeToLiveSpecification).toEqual({ AttributeName: TTL_ATTRIBUTE, Enabled: true });
    expect(table.Properties.SSESpecification.SSEType).toBe('KMS');
  });

  it('rotates its key', () => {
    const [[, key]] = resourcesOf(dev.stateful, 'AWS::KMS::Key') as [[string, any]];
    expect(key.Properties.EnableKeyRotation).toBe(true);
    expect(key.DeletionPolicy).toBe('Retain');
  });

  it('buckets are private, encrypted, TLS-only, retained and expire what they keep', () => {
    const buckets = resourcesOf(dev.stateful, 'AWS::S3::Bucket');
    const policies = resourcesOf(dev.stateful, 'AWS::S3::BucketPolicy');
    expect(buckets).toHaveLength(4);
    for (const [id, bucket] of buckets) {
      expect(bucket.DeletionPolicy, id).toBe('Retain');
      expect(bucket.Properties.PublicAccessBlockConfiguration, id).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(bucket.Properties.BucketEncryption, id).toBeDefined();
      expect(bucket.Properties.LifecycleConfiguration.Rules.length, id).toBeGreaterThan(0);
      const policy = policies.find(([, candidate]) => candidate.Properties.Bucket.Ref === id)?.[1];
      expect(policy?.Properties.PolicyDocument.Statement, id).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      );
    }
  });

  it('keeps every published catalog version: the catalog bucket is versioned and logged', () => {
    const catalogs = resourcesOf(dev.stateful, 'AWS::S3::Bucket').find(([, bucket]) =>
      String(JSON.stringify(bucket.Properties.BucketName)).includes('dtwatch-dev-catalogs-'),
    )?.[1];
    expect(catalogs.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(catalogs.Properties.LoggingConfiguration.LogFilePrefix).toBe('catalogs/');
    expect(catalogs.DeletionPolicy).toBe('Retain');
  });

  it('sends inbox object-created events to EventBridge without a custom resource', () => {
    const inbox = resourcesOf(dev.stateful, 'AWS::S3::Bucket').find(
      ([, bucket]) => bucket.Properties.BucketName === dev.inputs.config.inbox.bucketName,
    )?.[1];
    expect(inbox.Properties.NotificationConfiguration).toEqual({
      EventBridgeConfiguration: { EventBridgeEnabled: true },
    });
    expect(
      Object.values(dev.stateful.Resources).some((resource: any) => resource.Type.startsWith('Custom::')),
    ).toBe(false);
    expect(
      Object.values(dev.stateless.Resources).some((resource: any) => resource.Type.startsWith('Custom::')),
    ).toBe(false);
  });
});

describe('cfn-lint', () => {
  it('finds no errors or warnings in the synthesized templates (W3005 ignored: CDK adds explicit DependsOn)', () => {
    const templates = [dev.statefulName, dev.statelessName].map((name) =>
      join(dev.outdir, `${name}.template.json`),
    );
    const lint = spawnSync('cfn-lint', ['--ignore-checks', 'W3005', '--', ...templates], {
      encoding: 'utf8',
    });
    expect(lint.error).toBeUndefined();
    expect(`${lint.stdout}${lint.stderr}`.trim()).toBe('');
    expect(lint.status).toBe(0);
  });
});
