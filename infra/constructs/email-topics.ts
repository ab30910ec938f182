import { ArnFormat, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import {
  emailShardOf,
  FILTER_POLICIES_PER_TOPIC,
  normaliseAddress,
  RECIPIENT_ATTRIBUTE,
  recipientAttributeValue,
  shardSuffix,
} from '../../shared/adapters/sns-email-routing.ts';

export interface EmailTopicsProps {
  readonly stage: string;
  readonly key: kms.IKey;
  readonly shards: number;
  /** Every address the catalogs name: heads, data contacts, steering-committee members. */
  readonly emails: readonly string[];
  /** Where SNS puts messages it could not deliver to a subscriber. */
  readonly deliveryFailures: sqs.IQueue;
}

/**
 * E-mail goes through a few SNS topics (the alerts design, shared/adapters/sns-email-routing.ts):
 * each address has one subscription, on the topic of its shard, whose filter policy accepts only
 * messages whose `recipient` attribute is the hash of that address. The notifier publishes alerts
 * and digests alike to the recipient's shard. Sharding keeps each topic under SNS's quota of
 * filter policies; topic names are fixed (`dtwatch-<stage>-email-NN`) because the notifier finds
 * them by prefix. A subscription's logical id comes from the hash, so adding a head never
 * replaces (and makes re-confirm) anyone else's subscription.
 */
export class EmailTopics extends Construct {
  readonly topics: sns.Topic[];
  /** `arn:…:dtwatch-<stage>-email-` (DTWATCH_EMAIL_TOPIC_ARN_PREFIX). */
  readonly topicArnPrefix: string;
  readonly subscriptionsPerTopic: readonly number[];

  constructor(scope: Construct, id: string, props: EmailTopicsProps) {
    super(scope, id);
    const namePrefix = `dtwatch-${props.stage}-email-`;
    this.topicArnPrefix = Stack.of(this).formatArn({
      service: 'sns',
      resource: namePrefix,
      arnFormat: ArnFormat.NO_RESOURCE_NAME,
    });
    this.topics = Array.from(
      { length: props.shards },
      (_, shard) =>
        new sns.Topic(this, `Shard${shardSuffix(shard)}`, {
          topicName: `${namePrefix}${shardSuffix(shard)}`,
          displayName: 'dtwatch',
          masterKey: props.key,
          enforceSSL: true,
        }),
    );

    const counts = new Array<number>(props.shards).fill(0);
    for (const email of new Set(props.emails.map(normaliseAddress))) {
      const shard = emailShardOf(email, props.shards);
      const topic = this.topics[shard] as sns.Topic;
      const value = recipientAttributeValue(email);
      new sns.Subscription(topic, `Recipient${value.slice(0, 16)}`, {
        topic,
        protocol: sns.SubscriptionProtocol.EMAIL,
        endpoint: email,
        filterPolicy: { [RECIPIENT_ATTRIBUTE]: sns.SubscriptionFilter.stringFilter({ allowlist: [value] }) },
        deadLetterQueue: props.deliveryFailures,
      });
      counts[shard] = (counts[shard] ?? 0) + 1;
    }
    this.subscriptionsPerTopic = counts;
    const fullest = Math.max(...counts);
    if (fullest > FILTER_POLICIES_PER_TOPIC) {
      throw new RangeError(
        `an e-mail topic would hold ${fullest} filtered subscriptions (SNS allows ${FILTER_POLICIES_PER_TOPIC} per topic): raise emailTopicShards in config/${props.stage}.json`,
      );
    }
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
