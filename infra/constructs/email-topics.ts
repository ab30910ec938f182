import { ArnFormat, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { shardSuffix } from '../../shared/adapters/sns-email-routing.ts';

export interface EmailTopicsProps {
  readonly stage: string;
  /** Absent on a lean stage: SNS's AWS-managed key (the publishers are the stage's own functions). */
  readonly key?: kms.IKey;
  readonly shards: number;
  /** Where SNS puts messages it could not deliver to a subscriber (each subscription's redrive policy). */
  readonly deliveryFailures: sqs.IQueue;
}

/**
 * E-mail goes through a few SNS topics (the alerts design, shared/adapters/sns-email-routing.ts):
 * each address has one subscription, on the topic of its shard, whose filter policy accepts only
 * messages whose `recipient` attribute is the hash of that address. The topics are here; the
 * subscriptions are not: people are data (the directory), and the daily run's subscription sync
 * keeps them in step through the SNS API, so a new head needs no deploy and no address reaches a
 * template. Topic names are fixed (`dtwatch-<stage>-email-NN`) because the notifier and the sync
 * find them by prefix.
 */
export class EmailTopics extends Construct {
  readonly topics: sns.Topic[];
  /** `arn:…:dtwatch-<stage>-email-` (DTWATCH_EMAIL_TOPIC_ARN_PREFIX). */
  readonly topicArnPrefix: string;

  constructor(scope: Construct, id: string, props: EmailTopicsProps) {
    super(scope, id);
    const namePrefix = `dtwatch-${props.stage}-email-`;
    this.topicArnPrefix = Stack.of(this).formatArn({
      service: 'sns',
      resource: namePrefix,
      arnFormat: ArnFormat.NO_RESOURCE_NAME,
    });
    const key = props.key ?? kms.Alias.fromAliasName(this, 'AwsManagedKey', 'alias/aws/sns');
    this.topics = Array.from(
      { length: props.shards },
      (_, shard) =>
        new sns.Topic(this, `Shard${shardSuffix(shard)}`, {
          topicName: `${namePrefix}${shardSuffix(shard)}`,
          displayName: 'dtwatch',
          masterKey: key,
          enforceSSL: true,
        }),
    );
    // The subscriptions the sync creates name this queue in their redrive policy: SNS may write
    // to it for these topics only.
    props.deliveryFailures.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'UndeliverableEmailFromTheEmailTopics',
        principals: [new iam.ServicePrincipal('sns.amazonaws.com')],
        actions: ['sqs:SendMessage'],
        resources: [props.deliveryFailures.queueArn],
        conditions: { ArnEquals: { 'aws:SourceArn': this.topics.map((topic) => topic.topicArn) } },
      }),
    );
  }

  /**
   * Only these roles may publish: an identity policy elsewhere in the account granting
   * `sns:Publish` on `*` could otherwise send mail that looks like dtwatch to every head.
   */
  allowOnlyPublishers(roles: readonly iam.IRole[]): void {
    const arns = roles.map((role) => role.roleArn);
    for (const topic of this.topics) {
      topic.addToResourcePolicy(
        new iam.PolicyStatement({
          sid: 'OnlyDtwatchPublishers',
          effect: iam.Effect.DENY,
          principals: [new iam.AnyPrincipal()],
          actions: ['sns:Publish'],
          resources: [topic.topicArn],
          conditions: { ArnNotEquals: { 'aws:PrincipalArn': arns } },
        }),
      );
      topic.addToResourcePolicy(
        new iam.PolicyStatement({
          sid: 'DtwatchPublishers',
          principals: roles.map((role) => new iam.ArnPrincipal(role.roleArn)),
          actions: ['sns:Publish'],
          resources: [topic.topicArn],
        }),
      );
    }
  }
}
