import {
  CreateTopicCommand,
  ListSubscriptionsByTopicCommand,
  SNSClient,
  SubscribeCommand,
  type Subscription,
  UnsubscribeCommand,
} from '@aws-sdk/client-sns';
import {
  emailShardOf,
  FILTER_POLICIES_PER_TOPIC,
  normaliseAddress,
  recipientFilterPolicy,
  shardSuffix,
} from './sns-email-routing.ts';

/** One client per module, from the standard SDK configuration. */
const sns = new SNSClient({});

export interface EmailSubscriptionSync {
  /** Topic name without the shard suffix, e.g. `dtwatch-email-`. */
  readonly topicNamePrefix: string;
  readonly shards: number;
  /** Every e-mail address that should receive alerts (heads, data contacts, steering committee). */
  readonly addresses: readonly string[];
}

export interface EmailSubscriptionReport {
  readonly topicArns: readonly string[];
  /** Subscriptions requested now: SNS mailed each address a confirmation link. */
  readonly requested: number;
  /** Already requested, still waiting for the recipient to click the link. */
  readonly awaitingConfirmation: number;
  readonly confirmed: number;
  /** Subscriptions of addresses no longer in the catalog, removed. */
  readonly removed: number;
  /** Addresses left out because their shard reached the filter-policy quota. */
  readonly overQuota: number;
}

const PENDING = 'PendingConfirmation';

/**
 * Brings the e-mail topics in line with the catalog: creates the shard topics (CreateTopic is
 * idempotent), subscribes each missing address to its shard with its filter policy, and removes
 * confirmed subscriptions of addresses that left. A pending subscription is never re-requested
 * (that would mail the recipient a second link); it lapses by itself after three days.
 */
export async function syncEmailSubscriptions(sync: EmailSubscriptionSync): Promise<EmailSubscriptionReport> {
  const desired = new Map<number, Set<string>>();
  for (const address of sync.addresses) {
    const normalised = normaliseAddress(address);
    const shard = emailShardOf(normalised, sync.shards);
    desired.set(shard, (desired.get(shard) ?? new Set()).add(normalised));
  }
  const topicArns: string[] = [];
  let requested = 0;
  let awaitingConfirmation = 0;
  let confirmed = 0;
  let removed = 0;
  let overQuota = 0;
  for (let shard = 0; shard < sync.shards; shard++) {
    const created = await sns.send(
      new CreateTopicCommand({ Name: `${sync.topicNamePrefix}${shardSuffix(shard)}` }),
    );
    const topicArn = created.TopicArn as string;
    topicArns.push(topicArn);
    const existing = await listEmailSubscriptions(topicArn);
    const wanted = desired.get(shard) ?? new Set<string>();
    // Every subscription on the topic holds a filter policy, pending ones included.
    let policies = existing.length;
    const present = new Set(existing.map(endpointOf));
    for (const subscription of existing) {
      const endpoint = endpointOf(subscription);
      const pending = subscription.SubscriptionArn === PENDING;
      if (wanted.has(endpoint)) {
        if (pending) awaitingConfirmation++;
        else confirmed++;
      } else if (!pending && subscription.SubscriptionArn) {
        await sns.send(new UnsubscribeCommand({ SubscriptionArn: subscription.SubscriptionArn }));
        removed++;
        policies--;
      }
    }
    for (const address of wanted) {
      if (present.has(address)) continue;
      if (policies >= FILTER_POLICIES_PER_TOPIC) {
        overQuota++;
        continue;
      }
      await sns.send(
        new SubscribeCommand({
          TopicArn: topicArn,
          Protocol: 'email',
          Endpoint: address,
          Attributes: {
            FilterPolicy: recipientFilterPolicy(address),
            FilterPolicyScope: 'MessageAttributes',
          },
          ReturnSubscriptionArn: true,
        }),
      );
      policies++;
      requested++;
    }
  }
  return { topicArns, requested, awaitingConfirmation, confirmed, removed, overQuota };
}

async function listEmailSubscriptions(topicArn: string): Promise<Subscription[]> {
  const subscriptions: Subscription[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sns.send(
      new ListSubscriptionsByTopicCommand({ TopicArn: topicArn, NextToken: nextToken }),
    );
    subscriptions.push(
      ...(page.Subscriptions ?? []).filter((subscription) => subscription.Protocol === 'email'),
    );
    nextToken = page.NextToken;
  } while (nextToken);
  return subscriptions;
}

function endpointOf(subscription: Subscription): string {
  return normaliseAddress(subscription.Endpoint ?? '');
}
