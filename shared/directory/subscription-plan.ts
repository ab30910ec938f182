import type { EmailState, EmailSubscriptionState } from '../domain/person.ts';
import type { ExistingSubscription } from '../ports/email-subscriptions.ts';

/** The SNS quotas the sync depends on (defaults: SNS's own; raised ones come from the config). */
export interface SubscriptionQuotas {
  readonly filterPoliciesPerTopic: number;
  readonly filterPoliciesPerAccount: number;
}

export const DEFAULT_SUBSCRIPTION_QUOTAS: SubscriptionQuotas = {
  filterPoliciesPerTopic: 200,
  filterPoliciesPerAccount: 10_000,
};

/** A person who unsubscribed (or let the link lapse) is asked again after this long, not sooner. */
export const GONE_RETRY_DAYS = 30;

export interface SubscriptionPlan {
  readonly subscribe: readonly string[];
  readonly unsubscribe: readonly string[];
  /** Every wanted address's state once the plan is carried out (subscribe answers may refine it). */
  readonly states: ReadonlyMap<string, EmailState>;
}

/** Carrying out the plan would exceed an SNS quota: nothing was changed. */
export class SubscriptionQuotaError extends Error {
  override readonly name = 'SubscriptionQuotaError';
}

/**
 * What one programme's sync must change on the shared topics. A wanted address already
 * subscribed keeps its subscription (pending or confirmed); one that had a subscription before
 * and has none now is `gone` (unsubscribed, bounced, or the link lapsed after three days) and is
 * asked again only after GONE_RETRY_DAYS, so nobody gets a confirmation mail every morning.
 * Released addresses (the programme let them go and no other programme wants them) lose their
 * confirmed subscriptions (a pending one cannot be removed; it lapses); every other subscription
 * on the topics belongs to someone and stays. The quotas are checked on the outcome, before
 * anything is changed.
 */
export function planSubscriptions(input: {
  readonly wanted: readonly string[];
  /** Addresses no programme wants any more: the only ones whose subscriptions may go. */
  readonly released: readonly string[];
  readonly existing: readonly ExistingSubscription[];
  readonly previous: ReadonlyMap<string, EmailSubscriptionState>;
  readonly now: Date;
  readonly shardOf: (address: string) => number;
  readonly quotas: SubscriptionQuotas;
}): SubscriptionPlan {
  const wanted = new Set(input.wanted);
  const released = new Set(input.released.filter((address) => !wanted.has(address)));
  const removed = (subscription: ExistingSubscription) =>
    released.has(subscription.address) && subscription.subscriptionArn !== undefined;
  const present = new Map(input.existing.map((subscription) => [subscription.address, subscription]));
  const subscribe: string[] = [];
  const states = new Map<string, EmailState>();
  const retryBefore = input.now.getTime() - GONE_RETRY_DAYS * 86_400_000;
  for (const address of wanted) {
    const subscription = present.get(address);
    if (subscription) {
      states.set(address, subscription.subscriptionArn ? 'confirmed' : 'pending');
      continue;
    }
    const before = input.previous.get(address);
    const lost = before !== undefined && before.state !== 'gone';
    const recentlyGone = before?.state === 'gone' && Date.parse(before.updatedAt) > retryBefore;
    if (lost || recentlyGone) {
      states.set(address, 'gone');
      continue;
    }
    subscribe.push(address);
    states.set(address, 'pending');
  }
  const unsubscribe = input.existing
    .filter(removed)
    .map((subscription) => subscription.subscriptionArn as string);

  // Every subscription left on a topic, pending ones included, holds one filter policy.
  const perShard = new Map<number, number>();
  const count = (address: string) => {
    const shard = input.shardOf(address);
    perShard.set(shard, (perShard.get(shard) ?? 0) + 1);
  };
  for (const subscription of input.existing) if (!removed(subscription)) count(subscription.address);
  for (const address of subscribe) count(address);
  const total = [...perShard.values()].reduce((sum, n) => sum + n, 0);
  const [fullShard, fullest] = [...perShard.entries()].sort((a, b) => b[1] - a[1])[0] ?? [0, 0];
  if (fullest > input.quotas.filterPoliciesPerTopic) {
    throw new SubscriptionQuotaError(
      `e-mail topic shard ${fullShard} would hold ${fullest} filter policies, over the quota of ${input.quotas.filterPoliciesPerTopic} per topic: raise emailTopicShards in config/<stage>.json (or the SNS quota, then DTWATCH_SNS_FILTER_POLICIES_PER_TOPIC); nothing was changed`,
    );
  }
  if (total > input.quotas.filterPoliciesPerAccount) {
    throw new SubscriptionQuotaError(
      `the e-mail topics would hold ${total} filter policies, over the account quota of ${input.quotas.filterPoliciesPerAccount}: ask AWS to raise "Filter policies per account" (docs/alerts.md), then set DTWATCH_SNS_FILTER_POLICIES_PER_ACCOUNT; nothing was changed`,
    );
  }
  return { subscribe, unsubscribe, states };
}
