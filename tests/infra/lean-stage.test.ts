// biome-ignore-all lint/suspicious/noExplicitAny: synthesized templates are untyped documents read by path.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resourcesOf, type Synthesized, synthesize } from './synthesize.ts';

/**
 * The lean single-province stage (config/ha-tinh-lean.json, `"lean": true`): what it drops to
 * cost under US$1 a month, and that cdk-nag still passes (synthesize throws on any finding that is
 * not acknowledged with a reason).
 */
let lean: Synthesized;
beforeAll(() => {
  lean = synthesize({ stage: 'ha-tinh-lean', bundle: false });
});
afterAll(() => rmSync(lean.outdir, { recursive: true, force: true }));

const both = () => [lean.stateful, lean.stateless];

describe('a lean stage', () => {
  it('has no customer-managed key: the table, the report bucket and the e-mail topics use AWS-managed keys', () => {
    for (const template of both()) expect(resourcesOf(template, 'AWS::KMS::Key')).toEqual([]);
    const [[, table]] = resourcesOf(lean.stateful, 'AWS::DynamoDB::Table') as [[string, any]];
    // SSEEnabled without a key: the AWS-managed key aws/dynamodb.
    expect(table.Properties.SSESpecification).toEqual({ SSEEnabled: true });
    for (const [, bucket] of resourcesOf(lean.stateful, 'AWS::S3::Bucket')) {
      const [rule] = bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration;
      expect(rule.ServerSideEncryptionByDefault.SSEAlgorithm).toBe('AES256');
    }
    const topics = resourcesOf(lean.stateless, 'AWS::SNS::Topic').map(([, topic]) => topic.Properties);
    const email = topics.filter((topic) => String(topic.TopicName ?? '').includes('-email-'));
    expect(email).toHaveLength(1);
    for (const topic of email) expect(JSON.stringify(topic.KmsMasterKeyId)).toContain('alias/aws/sns');
  });

  it('grants no KMS action (the AWS-managed keys’ own policies cover the services)', () => {
    const statements = [
      ...resourcesOf(lean.stateless, 'AWS::IAM::Policy').flatMap(
        ([, policy]) => policy.Properties.PolicyDocument.Statement,
      ),
    ];
    const actions = statements.flatMap((statement: any) => [statement.Action].flat());
    expect(actions.filter((action: string) => action.startsWith('kms:'))).toEqual([]);
  });

  it('has no dashboard and at most 8 billed alarm metrics, each alarm still e-mailing the operators', () => {
    expect(resourcesOf(lean.stateless, 'AWS::CloudWatch::Dashboard')).toEqual([]);
    const alarms = resourcesOf(lean.stateless, 'AWS::CloudWatch::Alarm').map(([id, alarm]) => ({
      id,
      ...alarm.Properties,
    }));
    const billed = alarms.reduce(
      (sum, alarm) => sum + (alarm.Metrics ? alarm.Metrics.filter((m: any) => m.MetricStat).length : 1),
      0,
    );
    expect(billed).toBeLessThanOrEqual(8);
    const names = alarms.map((alarm) => alarm.AlarmName as string);
    for (const kept of [
      'MonitoringRunFailed',
      'MonitoringRunMissing',
      'DigestMissing',
      'DigestErrors',
      'SmsSpend',
    ]) {
      expect(
        names.some((name) => name.endsWith(`-${kept}`)),
        kept,
      ).toBe(true);
    }
    for (const alarm of alarms) expect(alarm.AlarmActions, alarm.id).toHaveLength(1);
  });
});
