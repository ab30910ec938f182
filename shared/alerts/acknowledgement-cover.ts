import type { Acknowledgement } from './acknowledgement.ts';

/**
 * The acknowledgement that pauses reminders for a series on `today`: one for the indicator itself,
 * else one for the whole unit. It covers every day up to and including its `until` date.
 */
export function activeAcknowledgement(
  acknowledgements: readonly Acknowledgement[],
  unit: string,
  indicator: string,
  today: string,
): Acknowledgement | undefined {
  let unitWide: Acknowledgement | undefined;
  for (const ack of acknowledgements) {
    if (ack.unit !== unit || ack.until < today) continue;
    if (ack.indicator === indicator) return ack;
    if (ack.indicator === undefined) unitWide = ack;
  }
  return unitWide;
}
