/**
 * List prices the cost model assumes, Asia Pacific (Singapore) ap-southeast-1, the region of
 * config/prod.json and the closest to Viet Nam. They were written down from AWS's public price
 * pages as known on PRICES_ASSUMED_ON, not fetched (the bench runs offline); check them before
 * quoting a budget. Free tiers (12-month and always-free) are excluded everywhere.
 */
export const PRICES_ASSUMED_ON = '2026-11-22';
export const PRICE_REGION = 'ap-southeast-1 (Singapore)';

export interface UnitPrice {
  readonly usd: number;
  /** What one `usd` buys, for people: "per million write request units". */
  readonly per: string;
  /** How many of the model's units the price is for (1 000 000 for "per million"). */
  readonly quantity: number;
}

const price = (usd: number, quantity: number, per: string): UnitPrice => ({ usd, quantity, per });

export const PRICES = {
  dynamoWrite: price(0.7125, 1_000_000, 'per million write request units (on-demand)'),
  dynamoRead: price(0.1425, 1_000_000, 'per million read request units (on-demand)'),
  dynamoStorage: price(0.285, 1, 'per GB-month (Standard table class)'),
  dynamoPitr: price(0.228, 1, 'per GB-month (point-in-time recovery)'),
  lambdaCompute: price(0.0000133334, 1, 'per GB-second (arm64)'),
  lambdaRequests: price(0.2, 1_000_000, 'per million requests'),
  stepTransitions: price(0.025, 1_000, 'per 1,000 state transitions (Standard)'),
  schedulerInvocations: price(1.0, 1_000_000, 'per million EventBridge Scheduler invocations'),
  snsPublishes: price(0.5, 1_000_000, 'per million SNS publish requests'),
  snsEmail: price(2.0, 100_000, 'per 100,000 e-mail notifications'),
  /**
   * ASSUMPTION: transactional SMS to Viet Nam through SNS / AWS End User Messaging, per message
   * part, carrier fees included; sender-ID registration fees are not. Vietnamese A2P SMS prices
   * change often and vary by carrier: check the current "VN" row before budgeting.
   */
  smsVietnam: price(0.08, 1, 'per SMS part to Viet Nam (ASSUMPTION, see note)'),
  s3Storage: price(0.025, 1, 'per GB-month (S3 Standard)'),
  s3Writes: price(0.005, 1_000, 'per 1,000 PUT/COPY/LIST requests'),
  s3Reads: price(0.0004, 1_000, 'per 1,000 GET requests'),
  logsIngestion: price(0.7, 1, 'per GB ingested (CloudWatch Logs)'),
  logsStorage: price(0.03, 1, 'per GB-month stored (CloudWatch Logs)'),
  alarmMetrics: price(0.1, 1, 'per standard-resolution alarm metric per month'),
  dashboards: price(3.0, 1, 'per dashboard per month'),
  kmsKeys: price(1.0, 1, 'per customer-managed key per month'),
  kmsRequests: price(0.03, 10_000, 'per 10,000 requests'),
  sqsRequests: price(0.4, 1_000_000, 'per million requests'),
  xrayTraces: price(5.0, 1_000_000, 'per million traces recorded'),
} as const;

export type PriceName = keyof typeof PRICES;

export function costOf(name: PriceName, quantity: number): number {
  const unit = PRICES[name];
  return (quantity / unit.quantity) * unit.usd;
}
