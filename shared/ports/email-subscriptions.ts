/** An e-mail subscription on one of the shared e-mail topics, as SNS reports it. */
export interface ExistingSubscription {
  /** Normalised address. */
  readonly address: string;
  /** Undefined while the person has not clicked the confirmation link. */
  readonly subscriptionArn?: string;
}

/**
 * The e-mail subscriptions of the stage's shared topics (shared/adapters/sns-email-routing.ts):
 * the subscription sync reads them, adds missing ones and removes departed ones.
 */
export interface EmailSubscriptions {
  /** Every e-mail subscription on every shard topic, pending ones included. */
  list(): Promise<ExistingSubscription[]>;
  /** Requests a subscription (with the address's filter policy) on its shard topic. */
  subscribe(address: string): Promise<'pending' | 'confirmed'>;
  unsubscribe(subscriptionArn: string): Promise<void>;
}
