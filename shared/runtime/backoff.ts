/**
 * The one retry delay of dtwatch (HTTP sources, DynamoDB batches): exponential from `baseDelayMs`,
 * capped at `maxDelayMs`, with "equal jitter": half of the delay is fixed, so a retry never
 * fires at once against a service that just failed, and half is random, so many clients that
 * failed together do not retry in step.
 */
export interface BackoffPolicy {
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

/** The wait before retry number `attempt` (1 = after the first failure). */
export function backoffDelay(
  attempt: number,
  policy: BackoffPolicy,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** A timer wait; injected in tests. */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
