import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import {
  GSI1,
  PARTITION_KEY,
  SORT_KEY,
  TTL_ATTRIBUTE,
} from '../shared/adapters/dynamodb/table-definition.ts';
import type { DeploymentConfig } from '../shared/config/deployment-config.ts';
import { acknowledge } from './nag-acknowledgements.ts';
import { stateNames } from './state-names.ts';

export interface StatefulStackProps extends StackProps {
  readonly config: DeploymentConfig;
}

/**
 * What must survive a redeploy: the table, the buckets and the key. Everything here is retained
 * when the stack is deleted, so replacing the stateless stack can never lose data.
 */
export class StatefulStack extends Stack {
  /** The stage's customer-managed key; absent on a lean stage (AWS-managed keys). */
  readonly key?: kms.Key;
  readonly table: dynamodb.Table;
  readonly reportBucket: s3.Bucket;
  readonly inboxBucket: s3.Bucket;
  readonly catalogBucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);
    const { config } = props;

    this.key = config.lean ? undefined : this.stageKey(config.stage);

    this.table = new dynamodb.Table(this, 'Table', {
      tableName: stateNames(config.stage).table,
      partitionKey: { name: PARTITION_KEY.name, type: dynamodb.AttributeType.STRING },
      sortKey: { name: SORT_KEY.name, type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      timeToLiveAttribute: TTL_ATTRIBUTE,
      ...(this.key
        ? { encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED, encryptionKey: this.key }
        : { encryption: dynamodb.TableEncryption.AWS_MANAGED }),
    });
    this.table.addGlobalSecondaryIndex({
      indexName: GSI1.indexName,
      partitionKey: { name: GSI1.partitionKey.name, type: dynamodb.AttributeType.STRING },
      sortKey: { name: GSI1.sortKey.name, type: dynamodb.AttributeType.STRING },
      projectionType: dynamodb.ProjectionType.ALL,
    });

    const accessLogs = new s3.Bucket(this, 'AccessLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [{ id: 'expire-access-logs', expiration: Duration.days(365) }],
    });
    acknowledge(accessLogs, [
      {
        id: 'AwsSolutions-S1',
        reason:
          'This is the server-access-log bucket of the report and inbox buckets; logging it to itself would loop.',
      },
    ]);

    this.reportBucket = new s3.Bucket(this, 'Reports', {
      bucketName: stateNames(config.stage).reportBucket,
      ...(this.key
        ? { encryption: s3.BucketEncryption.KMS, encryptionKey: this.key, bucketKeyEnabled: true }
        : { encryption: s3.BucketEncryption.S3_MANAGED }),
      enforceSSL: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'reports/',
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [
        {
          id: 'expire-digest-reports',
          expiration: Duration.days(config.reportRetentionDays),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
    });

    // Published catalogs (dtwatch catalog publish): every version under its content hash and a
    // pointer to the current one. Versioning keeps every overwritten pointer as well.
    this.catalogBucket = new s3.Bucket(this, 'Catalogs', {
      bucketName: stateNames(config.stage).catalogBucket,
      versioned: true,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'catalogs/',
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [
        { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
    });

    this.inboxBucket = new s3.Bucket(this, 'Inbox', {
      bucketName: config.inbox.bucketName,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'inbox/',
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [
        {
          id: 'expire-processed-exports',
          prefix: 'processed/',
          expiration: Duration.days(config.inbox.processedRetentionDays),
        },
        { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
    });

    // Object-created events reach the s3-inbox function through EventBridge. Set on the L1 resource:
    // the L2 `eventBridgeEnabled` goes through a custom-resource Lambda we do not need.
    (this.inboxBucket.node.defaultChild as s3.CfnBucket).notificationConfiguration = {
      eventBridgeConfiguration: { eventBridgeEnabled: true },
    };

    new CfnOutput(this, 'TableName', {
      value: this.table.tableName,
      description: 'DynamoDB table (DTWATCH_TABLE)',
    });
    if (this.key) {
      new CfnOutput(this, 'KeyArn', {
        value: this.key.keyArn,
        description: 'KMS key of table, reports and topics',
      });
    }
    new CfnOutput(this, 'ReportBucketName', {
      value: this.reportBucket.bucketName,
      description: 'Digest HTML reports (private; links in the digest e-mail are pre-signed)',
    });
    new CfnOutput(this, 'CatalogBucketName', {
      value: this.catalogBucket.bucketName,
      description: 'Published catalogs (DTWATCH_CATALOG_BUCKET for dtwatch catalog publish)',
    });
    new CfnOutput(this, 'InboxBucketName', {
      value: this.inboxBucket.bucketName,
      description: 'Where agencies drop CSV exports (s3-csv sources)',
    });
    new CfnOutput(this, 'AccessLogBucketName', {
      value: accessLogs.bucketName,
      description: 'S3 server access logs',
    });
  }

  private stageKey(stage: string): kms.Key {
    const key = new kms.Key(this, 'Key', {
      description: `dtwatch ${stage}: table, report bucket and SNS topics`,
      enableKeyRotation: true,
      alias: `alias/dtwatch-${stage}`,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // CloudWatch alarms publish to the (encrypted) operations topic.
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
    );
    return key;
  }
}
