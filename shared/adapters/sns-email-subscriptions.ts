import {
  ListSubscriptionsByTopicCommand,
  SNSClient,
  SubscribeCommand,
  type Subscription,
  UnsubscribeCommand,
} from '@aws-sdk/client-sns';
import { DEFAULT_SUBSCRIPTION_QUOTAS, type SubscriptionQuotas } from '../directory/subscription-plan.ts';
import { ConfigError } from '../errors.ts';
import type { EmailSubscriptions, ExistingSubscription } from '../ports/email-subscriptions.ts';
import { AWS_REQUEST_TIMEOUTS } from './request-timeouts.ts';
import { emailShardOf, normaliseAddress, recipientFilterPolicy, shardSuffix } from './sns-email-routing.ts';

/** One client per module, from the standard SDK configuration. */
const defaultClient = new SNSClient({ ...AWS_REQUEST_TIMEOUTS });

export interface SnsEmailSubscriptionsConfig {
  /** The topics' ARN without the shard suffix (DTWATCH_EMAIL_TOPIC_ARN_PREFIX). */
  readonly topicArnPrefix: string;
  readonly shards: number;
  /** SQS queue for messages SNS could not deliver to a subscriber (the subscription's redrive policy). */
  readonly deliveryFailuresArn?: string;
}

/** The part of the SNS client this adapter uses: tests answer it with stubbed responses. */
export interface SnsSender {
  send(command: ListSubscriptionsByTopicCommand | SubscribeCommand | UnsubscribeCommand): Promise<unknown>;
}

/** SNS spells it "PendingConfirmation" in lists and "pending confirmation" in Subscribe answers. */
const isPending = (arn: string | undefined) => !arn || /^pending ?confirmation$/i.test(arn);

/**
 * The e-mail subscriptions of the shard topics through the SNS API (the topics themselves are
 * in the stack; the people are not). Each address goes to its shard with a filter policy on the
 * hash of the address, so no address appears in attributes, policies or logs.
 */
export function createSnsEmailSubscriptions(
  config: SnsEmailSubscriptionsConfig,
  sns: SnsSender = defaultClient,
): EmailSubscriptions {
  const topicArn = (shard: number) => `${config.topicArnPrefix}${shardSuffix(shard)}`;
  return {
    async list() {
      const all: ExistingSubscription[] = [];
      for (let shard = 0; shard < config.shards; shard++) {
        let nextToken: string | undefined;
        do {
          const page = (await sns.send(
            new ListSubscriptionsByTopicCommand({ TopicArn: topicArn(shard), NextToken: nextToken }),
          )) as { Subscriptions?: Subscription[]; NextToken?: string };
          for (const subscription of page.Subscriptions ?? []) {
            if (subscription.Protocol !== 'email') continue;
            const arn = subscription.SubscriptionArn;
            all.push({
              address: normaliseAddress(subscription.Endpoint ?? ''),
              ...(!isPending(arn) && { subscriptionArn: arn }),
            });
          }
          nextToken = page.NextToken;
        } while (nextToken);
      }
      return all;
    },
    async subscribe(address) {
      const output = (await sns.send(
        new SubscribeCommand({
          TopicArn: topicArn(emailShardOf(address, config.shards)),
          Protocol: 'email',
          Endpoint: address,
          Attributes: {
            FilterPolicy: recipientFilterPolicy(address),
            FilterPolicyScope: 'MessageAttributes',
            ...(config.deliveryFailuresArn && {
              RedrivePolicy: JSON.stringify({ deadLetterTargetArn: config.deliveryFailuresArn }),
            }),
          },
        }),
      )) as { SubscriptionArn?: string };
      // SNS answers "pending confirmation" until the person clicks the link (moto confirms at once).
      return isPending(output.SubscriptionArn) ? 'pending' : 'confirmed';
    },
    async unsubscribe(subscriptionArn) {
      await sns.send(new UnsubscribeCommand({ SubscriptionArn: subscriptionArn }));
    },
  };
}

/** The sync's settings from the evaluate-notify function's environment (docs/alerts.md, "Quotas"). */
export function readSubscriptionSyncConfig(env: NodeJS.ProcessEnv = process.env): {
  deliveryFailuresArn?: string;
  quotas: SubscriptionQuotas;
} {
  const count = (name: string, fallback: number) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1) throw new ConfigError(`${name} must be a whole number ≥ 1`);
    return value;
  };
  return {
    ...(env.DTWATCH_EMAIL_FAILURES_QUEUE_ARN && {
      deliveryFailuresArn: env.DTWATCH_EMAIL_FAILURES_QUEUE_ARN,
    }),
    quotas: {
      filterPoliciesPerTopic: count(
        'DTWATCH_SNS_FILTER_POLICIES_PER_TOPIC',
        DEFAULT_SUBSCRIPTION_QUOTAS.filterPoliciesPerTopic,
      ),
      filterPoliciesPerAccount: count(
        'DTWATCH_SNS_FILTER_POLICIES_PER_ACCOUNT',
        DEFAULT_SUBSCRIPTION_QUOTAS.filterPoliciesPerAccount,
      ),
    },
  };
}
