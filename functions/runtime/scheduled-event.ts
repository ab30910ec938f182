import * as z from 'zod';
import { dateInZone } from '../../shared/domain/calendar-date.ts';
import { parseInput } from '../../shared/zod-problems.ts';

/**
 * What the schedules and the monitoring state machine send a function: the programme and the
 * schedule's time. The run key comes from the scheduled time, never from an execution id, so a
 * retry or a manual re-run of the same schedule is the same run (and sends nothing twice).
 */
export const scheduledRunEvent = z
  .object({
    programme: z.string().regex(/^[A-Za-z0-9._-]+$/, 'must be a programme id'),
    scheduledTime: z.iso.datetime({ offset: true, error: 'must be an ISO-8601 date-time' }).optional(),
    /** Overrides the derived key (replays). */
    runKey: z
      .string()
      .regex(/^[A-Za-z0-9:._-]{1,64}$/, 'must be 1–64 letters, digits, ":", ".", "_" or "-"')
      .optional(),
  })
  .loose();

export type ScheduledRunEvent = z.infer<typeof scheduledRunEvent>;

/** The instant the run stands for: the scheduled time, or now for an ad-hoc invocation. */
export function runInstant(event: ScheduledRunEvent, now: Date): Date {
  return event.scheduledTime ? new Date(event.scheduledTime) : now;
}

/** `2026-11-21`: the run's date in the programme's time zone (one monitoring run a day). */
export function dailyRunKey(event: ScheduledRunEvent, timeZone: string, now: Date): string {
  return event.runKey ?? dateInZone(runInstant(event, now), timeZone);
}

/** Parses an invocation payload; problems name the field, and the error is never retried usefully. */
export function parseEvent<T extends z.ZodType>(schema: T, event: unknown, what: string): z.infer<T> {
  return parseInput(schema, event, what);
}
