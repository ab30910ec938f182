/** The time source use-cases receive, so that replays and tests can fix it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(instant: Date | string): Clock {
  const fixed = new Date(instant);
  return { now: () => new Date(fixed) };
}
