import { Arn, ArnFormat, Stack } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type { SecretRef } from '../shared/sources/source-config.ts';
import { acknowledge, wildcardResourceFinding } from './nag-acknowledgements.ts';
import { leadingKeys, TABLE_ACCESS, type TableUser } from './table-access.ts';

/**
 * Explicit grants for the functions' roles. CDK's grant helpers add wildcard actions
 * (`s3:GetObject*`, `kms:GenerateDataKey*`); here every action is named, so a review of a role
 * reads exactly what it may do.
 */

/** The table actions `user` needs, only on the partitions of its item kinds and programmes. */
export function allowTable(
  role: iam.IRole,
  table: dynamodb.ITable,
  key: kms.IKey | undefined,
  user: TableUser,
  programmes: readonly string[],
): void {
  for (const grant of TABLE_ACCESS[user]) {
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: grant.actions.map((action) => `dynamodb:${action}`),
        resources: [table.tableArn],
        conditions: {
          'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': leadingKeys(grant.kinds, programmes) },
        },
      }),
    );
  }
  allowKeyVia(role, key, 'dynamodb', [
    'kms:Decrypt',
    'kms:Encrypt',
    'kms:GenerateDataKey',
    'kms:DescribeKey',
  ]);
}

/**
 * Use of the stage's key through one service. Without one (a lean stage) the AWS-managed key's
 * own policy lets the account's principals use it through that service: nothing to grant.
 */
function allowKeyVia(role: iam.IRole, key: kms.IKey | undefined, service: string, actions: string[]): void {
  if (!key) return;
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions,
      resources: [key.keyArn],
      conditions: { StringEquals: { 'kms:ViaService': `${service}.${Stack.of(role).region}.amazonaws.com` } },
    }),
  );
}

export function allowPublish(
  role: iam.IRole,
  topics: readonly sns.ITopic[],
  key: kms.IKey | undefined,
): void {
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({ actions: ['sns:Publish'], resources: topics.map((topic) => topic.topicArn) }),
  );
  allowKeyVia(role, key, 'sns', ['kms:GenerateDataKey', 'kms:Decrypt']);
}

/**
 * The subscription sync: lists, adds and removes the e-mail subscriptions of the shard topics.
 * A subscription's ARN is its topic's ARN plus an id, hence the `:*` for Unsubscribe.
 */
export function allowSubscriptionSync(role: iam.IRole, topics: readonly sns.ITopic[]): void {
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: ['sns:ListSubscriptionsByTopic', 'sns:Subscribe'],
      resources: topics.map((topic) => topic.topicArn),
    }),
  );
  const subscriptionArns = topics.map((topic) => `${topic.topicArn}:*`);
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({ actions: ['sns:Unsubscribe'], resources: subscriptionArns }),
  );
  acknowledge(
    role,
    subscriptionArns.map((arn) => ({
      id: wildcardResourceFinding(role, arn),
      reason:
        'A subscription ARN is its topic ARN plus an id SNS assigns: the wildcard covers only the subscriptions of this e-mail topic.',
    })),
  );
}

/** SMS goes straight to phone numbers, which have no ARN: SNS only accepts `*` here. */
export function allowSms(role: iam.IRole): void {
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      sid: 'SmsToPhoneNumbers',
      actions: ['sns:Publish'],
      notResources: ['arn:aws:sns:*:*:*'],
    }),
  );
}

/** Read, move (copy + tag + delete) objects of the inbox bucket. */
export function allowInbox(role: iam.IRole, bucket: s3.IBucket): void {
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [bucket.bucketArn] }),
  );
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: [
        's3:GetObject',
        's3:GetObjectTagging',
        's3:PutObject',
        's3:PutObjectTagging',
        's3:DeleteObject',
      ],
      resources: [bucket.arnForObjects('*')],
    }),
  );
}

/**
 * Read the published catalogs: the current pointer, then the version it names. ListBucket lets a
 * missing pointer read as "not found" (a clear "publish first") rather than as access denied.
 */
export function allowCatalogs(role: iam.IRole, bucket: s3.IBucket): void {
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [bucket.bucketArn] }),
  );
  const objects = bucket.arnForObjects('catalogs/*');
  role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [objects] }));
  acknowledge(role, [
    {
      id: wildcardResourceFinding(role, objects),
      reason:
        'Catalog objects are named by programme and content hash when published; the function only reads them.',
    },
  ]);
}

export function allowReports(role: iam.IRole, bucket: s3.IBucket, key: kms.IKey | undefined): void {
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: ['s3:PutObject', 's3:GetObject'],
      resources: [bucket.arnForObjects('*')],
    }),
  );
  allowKeyVia(role, key, 's3', ['kms:GenerateDataKey', 'kms:Decrypt']);
}

/** The SSM parameters and Secrets Manager secrets the sources files name for their auth headers. */
export function allowSourceSecrets(role: iam.IRole, secrets: readonly SecretRef[]): void {
  const stack = Stack.of(role);
  const parameters = secrets.flatMap((secret) => ('ssmParameter' in secret ? [secret.ssmParameter] : []));
  const managed = secrets.flatMap((secret) => ('secretsManager' in secret ? [secret.secretsManager] : []));
  if (parameters.length > 0) {
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['ssm:GetParameter'],
        resources: [...new Set(parameters)].map((name) =>
          stack.formatArn({ service: 'ssm', resource: 'parameter', resourceName: name.replace(/^\//, '') }),
        ),
      }),
    );
  }
  if (managed.length > 0) {
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['secretsmanager:GetSecretValue'],
        resources: [...new Set(managed)].map((name) =>
          name.startsWith('arn:')
            ? name
            : Arn.format(
                {
                  service: 'secretsmanager',
                  resource: 'secret',
                  resourceName: `${name}-??????`,
                  arnFormat: ArnFormat.COLON_RESOURCE_NAME,
                },
                stack,
              ),
        ),
      }),
    );
  }
}

/**
 * Reading one secret encrypted with the stage key: the secret by ARN, and decryption through
 * Secrets Manager only. Stated on the role, not the key's policy (the key lives in the stateful
 * stack, which must not refer to the stateless one).
 */
export function allowSecretRead(role: iam.IRole, secretArn: string, key: kms.IKey | undefined): void {
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [secretArn] }),
  );
  allowKeyVia(role, key, 'secretsmanager', ['kms:Decrypt']);
}
