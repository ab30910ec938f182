import { createHash } from 'node:crypto';

/**
 * How an e-mail finds its one subscriber among the shared e-mail topics. Each head's address is
 * subscribed to one topic (its shard) with a filter policy on the `recipient` message attribute;
 * the attribute carries a hash of the address, so the address itself never travels in message
 * attributes, filter policies or logs.
 */
export const RECIPIENT_ATTRIBUTE = 'recipient';

/** SNS allows 200 filter policies per topic by default: the shard count must keep every shard under it. */
export const FILTER_POLICIES_PER_TOPIC = 200;

export function normaliseAddress(address: string): string {
  return address.trim().toLowerCase();
}

/** The `recipient` attribute value: 32 hex digits of SHA-256 of the normalised address. */
export function recipientAttributeValue(address: string): string {
  return digest(address).toString('hex').slice(0, 32);
}

/** Which topic shard an address belongs to; stable for a given shard count. */
export function emailShardOf(address: string, shards: number): number {
  return digest(address).readUInt32BE(0) % shards;
}

/** `-00`, `-01`, …: appended to the topic name prefix. */
export function shardSuffix(shard: number): string {
  return String(shard).padStart(2, '0');
}

export function recipientFilterPolicy(address: string): string {
  return JSON.stringify({ [RECIPIENT_ATTRIBUTE]: [recipientAttributeValue(address)] });
}

function digest(address: string): Buffer {
  return createHash('sha256').update(normaliseAddress(address)).digest();
}
