// biome-ignore-all lint/suspicious/noExplicitAny: synthesized templates and AWS JSON answers are untyped documents read by path.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MotoServer, startMoto } from '../support/moto.ts';
import { REPO_ROOT } from '../support/paths.ts';
import { runCli } from '../support/run-cli.ts';
import { deployedFunctionEnvironment, deployOnMoto } from './moto-deploy.ts';
import { type Synthesized, synthesize } from './synthesize.ts';

/**
 * The synthesized templates (bundled functions included) deployed on moto's CloudFormation as the
 * CDK CLI would, then each handler run through `dtwatch invoke` with the environment the deployed
 * function got: a whole monitoring run against the deployed table, topics and buckets.
 */

let synthesized: Synthesized;
let moto: MotoServer;
let outputs: Record<string, Record<string, string>>;
let s3: S3Client;
const workDir = mkdtempSync(join(tmpdir(), 'dtwatch-invoke-'));
const SAMPLE_CSV = readFileSync(join(REPO_ROOT, 'samples', 'ha-tinh-nq05.snapshots.csv'));
// Monday 2026-11-23 08:00 in Hà Nội: the daily run's scheduled time, and a Monday for the digest.
const SCHEDULED_TIME = '2026-11-23T01:00:00Z';

beforeAll(async () => {
  synthesized = synthesize({
    stage: 'test',
    configFile: 'tests/infra/fixtures/deployment.json',
    bundle: true,
  });
  moto = await startMoto();
  outputs = await deployOnMoto(moto, synthesized.outdir, [
    synthesized.statefulName,
    synthesized.statelessName,
  ]);
  s3 = new S3Client({ ...moto.clientConfig, forcePathStyle: true });
  await watchEmailTopics();
  // moto's CloudFormation skips the signing-key secret: it is made here, as CloudFormation would.
  const secrets = new SecretsManagerClient(moto.clientConfig);
  await secrets.send(
    new CreateSecretCommand({
      Name: 'dtwatch-test-web-signing-key',
      SecretString: Buffer.alloc(48, 5).toString('base64'),
    }),
  );
  secrets.destroy();
}, 240_000);

afterAll(async () => {
  s3?.destroy();
  await moto?.stop();
  rmSync(workDir, { recursive: true, force: true });
  if (synthesized) rmSync(synthesized.outdir, { recursive: true, force: true });
});

const stateless = () => outputs[synthesized.statelessName] as Record<string, string>;
const stateful = () => outputs[synthesized.statefulName] as Record<string, string>;

/** `dtwatch invoke <fn> --event <file>` with the deployed function's environment, pointed at moto. */
async function invoke(label: string, event: unknown): Promise<any> {
  const functionName = stateless()[`${label}FunctionName`] as string;
  const environment = await deployedFunctionEnvironment(moto, functionName);
  const eventFile = join(workDir, `${label}.event.json`);
  writeFileSync(eventFile, JSON.stringify(event));
  const cliName = label.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
  const run = runCli(['invoke', cliName, '--event', eventFile], { ...environment, ...moto.env });
  expect(run.stderr, `${cliName} stderr`).not.toMatch(/@example\.com|\+84\d{9}/);
  expect(run.status, `${cliName}: ${run.stderr}`).toBe(0);
  return JSON.parse(run.stdout);
}

async function keysUnder(bucket: string, prefix = ''): Promise<string[]> {
  const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }));
  return (listed.Contents ?? []).map((object) => object.Key ?? '');
}

describe('the CDK app on moto', () => {
  it('deploys both stacks to CREATE_COMPLETE with the outputs an operator needs', () => {
    expect(stateful().TableName).toBe('dtwatch-test');
    expect(stateful().InboxBucketName).toBe('dtwatch-test-inbox');
    expect(stateless().EmailTopicArnPrefix).toBe('arn:aws:sns:us-east-1:123456789012:dtwatch-test-email-');
    expect(stateless().MonitoringStateMachineArn).toMatch(/^arn:aws:states:/);
  });

  it('gives each deployed function the environment its handler parses', async () => {
    const environment = await deployedFunctionEnvironment(
      moto,
      stateless().EvaluateNotifyFunctionName as string,
    );
    expect(environment).toMatchObject({
      DTWATCH_TABLE: 'dtwatch-test',
      DTWATCH_EMAIL_TOPIC_ARN_PREFIX: 'arn:aws:sns:us-east-1:123456789012:dtwatch-test-email-',
      DTWATCH_EMAIL_TOPIC_SHARDS: '2',
      DTWATCH_SMS_SENDER_ID: 'DTWATCH',
    });
  });

  it('refuses to run before the catalog is published, and runs once it is (the runbook’s first step)', async () => {
    const environment = await deployedFunctionEnvironment(moto, stateless().IngestFunctionName as string);
    expect(environment.DTWATCH_CATALOG_BUCKET).toBe(stateful().CatalogBucketName);
    const eventFile = join(workDir, 'early.event.json');
    writeFileSync(eventFile, JSON.stringify({ programme: 'ha-tinh-nq05', scheduledTime: SCHEDULED_TIME }));
    const early = runCli(['invoke', 'ingest', '--event', eventFile], { ...environment, ...moto.env });
    expect(early.status, early.stderr).toBe(2);
    expect(early.stderr).toContain('no catalog is published for "ha-tinh-nq05"');

    const publish = runCli(['catalog', 'publish', 'catalog/ha-tinh-nq05.json', '--format', 'json'], {
      ...moto.env,
      DTWATCH_CATALOG_BUCKET: stateful().CatalogBucketName,
    });
    expect(publish.status, publish.stderr).toBe(0);
    const published = JSON.parse(publish.stdout);
    expect(published).toMatchObject({ programme: 'ha-tinh-nq05', previous: null });
    const keys = await keysUnder(stateful().CatalogBucketName as string, 'catalogs/ha-tinh-nq05/');
    expect(keys.sort()).toEqual(
      [`catalogs/ha-tinh-nq05/${published.version}.json`, 'catalogs/ha-tinh-nq05/current.json'].sort(),
    );
  });

  it('runs a whole monitoring run through dtwatch invoke: pull, store, evaluate, publish', async () => {
    await s3.send(
      new PutObjectCommand({ Bucket: 'dtwatch-test-inbox', Key: 'ha-tinh/2026-q3.csv', Body: SAMPLE_CSV }),
    );
    const pulled = await invoke('Ingest', { programme: 'ha-tinh-nq05', scheduledTime: SCHEDULED_TIME });
    expect(pulled).toMatchObject({
      programme: 'ha-tinh-nq05',
      runKey: '2026-11-23',
      sources: 1,
      failedSources: 0,
    });
    expect(pulled.rowsOk).toBeGreaterThan(200);
    expect(await keysUnder('dtwatch-test-inbox', 'ha-tinh/')).toEqual([]);
    expect(await keysUnder('dtwatch-test-inbox', 'processed/')).toEqual(['processed/ha-tinh/2026-q3.csv']);

    const dynamo = new DynamoDBClient(moto.clientConfig);
    const scanned = await dynamo.send(new ScanCommand({ TableName: 'dtwatch-test', Select: 'COUNT' }));
    dynamo.destroy();
    expect(scanned.Count).toBeGreaterThanOrEqual(pulled.rowsOk);

    const notified = await invoke('EvaluateNotify', {
      programme: 'ha-tinh-nq05',
      scheduledTime: SCHEDULED_TIME,
    });
    expect(notified).toMatchObject({ programme: 'ha-tinh-nq05', runKey: '2026-11-23' });
    expect(notified.sent.email).toBeGreaterThan(0);
    const published = await publishedToEmailTopics();
    expect(published.length).toBe(notified.sent.email);
    for (const message of published) {
      expect(message.TopicArn).toMatch(/:dtwatch-test-email-0[01]$/);
      expect(message.MessageAttributes.recipient.Value).toMatch(/^[0-9a-f]{32}$/);
    }
    // Alert e-mails link to their alert in the web app, signed with the app's secret.
    expect(published.some((message) => /\/alerts\/[^\s?]+\?t=[\w-]+\.[\w-]+/.test(message.Message))).toBe(
      true,
    );

    // The same run again (a retry of the same schedule) publishes nothing new.
    const again = await invoke('EvaluateNotify', {
      programme: 'ha-tinh-nq05',
      scheduledTime: SCHEDULED_TIME,
    });
    expect(again.sent).toEqual({ sms: 0, email: 0 });
    expect((await publishedToEmailTopics()).length).toBe(published.length);
  });

  it('publishes the weekly digest into the deployed report bucket and e-mails the committee', async () => {
    const before = (await publishedToEmailTopics()).length;
    const digest = await invoke('Digest', { programme: 'ha-tinh-nq05', scheduledTime: SCHEDULED_TIME });
    expect(digest).toMatchObject({ programme: 'ha-tinh-nq05', week: '2026-W47', outcome: 'published' });
    expect(digest.recipients).toBeGreaterThan(0);
    expect(digest.sent).toBe(digest.recipients);
    expect((await publishedToEmailTopics()).length).toBe(before + digest.sent);
    const reports = await keysUnder(stateful().ReportBucketName as string);
    expect(reports).toEqual([expect.stringContaining('2026-W47')]);
    expect(digest.reportLocation).toBe(`s3://${stateful().ReportBucketName}/${reports[0]}`);
  });

  it('ingests an export dropped in the inbox through the s3-inbox handler', async () => {
    await s3.send(
      new PutObjectCommand({
        Bucket: 'dtwatch-test-inbox',
        Key: 'ha-tinh/late export.csv',
        Body: SAMPLE_CSV,
      }),
    );
    const result = await invoke('S3Inbox', {
      version: '0',
      source: 'aws.s3',
      'detail-type': 'Object Created',
      detail: { bucket: { name: 'dtwatch-test-inbox' }, object: { key: 'ha-tinh/late export.csv' } },
    });
    expect(result.objects).toEqual([
      { key: 'ha-tinh/late export.csv', programme: 'ha-tinh-nq05', source: 'agency-drop', outcome: 'ok' },
    ]);
    expect(await keysUnder('dtwatch-test-inbox', 'processed/')).toContain(
      'processed/ha-tinh/late export.csv',
    );
  });
});

/**
 * A queue subscribed to every deployed e-mail topic stands in for the mailboxes (moto does not
 * create the template's e-mail subscriptions; its data.json cannot serialise this deployment).
 * SQS is spoken as plain JSON requests: no SQS client in the project.
 */
async function sqs(action: string, body: Record<string, unknown>): Promise<any> {
  const response = await fetch(moto.endpoint, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-amz-json-1.0',
      'X-Amz-Target': `AmazonSQS.${action}`,
      Authorization: `AWS4-HMAC-SHA256 Credential=test/20260101/${moto.clientConfig.region}/sqs/aws4_request, SignedHeaders=host, Signature=0`,
    },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`SQS ${action}: HTTP ${response.status} ${await response.text()}`);
  return response.json();
}

let mailboxUrl: string | undefined;
async function watchEmailTopics(): Promise<void> {
  const { QueueUrl } = await sqs('CreateQueue', { QueueName: 'mailbox' });
  mailboxUrl = QueueUrl;
  const { Attributes } = await sqs('GetQueueAttributes', { QueueUrl, AttributeNames: ['QueueArn'] });
  const sns = new SNSClient(moto.clientConfig);
  for (let shard = 0; shard < 2; shard++) {
    await sns.send(
      new SubscribeCommand({
        TopicArn: `${stateless().EmailTopicArnPrefix}${String(shard).padStart(2, '0')}`,
        Protocol: 'sqs',
        Endpoint: Attributes.QueueArn,
      }),
    );
  }
  sns.destroy();
}

const received: any[] = [];
/** Every message published to the deployed e-mail topics so far. */
async function publishedToEmailTopics(): Promise<any[]> {
  if (!mailboxUrl) throw new Error('watchEmailTopics first');
  for (;;) {
    const { Messages } = await sqs('ReceiveMessage', { QueueUrl: mailboxUrl, MaxNumberOfMessages: 10 });
    if (!Messages || Messages.length === 0) return received;
    for (const message of Messages) {
      received.push(JSON.parse(message.Body));
      await sqs('DeleteMessage', { QueueUrl: mailboxUrl, ReceiptHandle: message.ReceiptHandle });
    }
  }
}
