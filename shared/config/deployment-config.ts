import * as z from 'zod';
import { SMS_SENDER_ID_PATTERN } from '../catalog/catalog-schema.ts';
import { isValidTimeZone } from '../domain/calendar-date.ts';
import { InvalidInputError } from '../errors.ts';
import { parseInput } from '../zod-problems.ts';

/**
 * What an operator sets per stage (`config/<stage>.json`) to deploy dtwatch. The CDK app parses it
 * before building anything, so a mistake stops `cdk synth` with the file and the field.
 */

const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;
const STAGE = /^[a-z][a-z0-9-]{0,19}$/;
const PROGRAMME_ID = /^[A-Za-z0-9._-]+$/;
const RELATIVE_PATH = /^(?!\/)(?!.*(?:^|\/)\.\.(?:\/|$))[A-Za-z0-9._/-]+$/;
const EMAIL = /^[^\s@"<>(),;:]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$/;
const WEEKDAYS = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'] as const;
// CloudWatch Logs accepts only these retention periods.
const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

const clock = z.string({ error: 'must be a time HH:MM' }).regex(CLOCK, 'must be a time HH:MM (24-hour)');
const repoPath = z
  .string({ error: 'must be a file path relative to the repository root' })
  .regex(RELATIVE_PATH, 'must be a relative path inside the repository (no "..", no leading "/")');

export const programmeDeploymentSchema = z.object({
  id: z.string().regex(PROGRAMME_ID, 'must be a programme id of letters, digits, "-", "_" or "."'),
  /** Catalog file, relative to the repository root; its `programme.id` must equal `id`. */
  catalog: repoPath,
  /** Sources file (what the daily run pulls), relative to the repository root. */
  sources: repoPath.optional(),
});

export const deploymentConfigSchema = z
  .object({
    stage: z.string().regex(STAGE, 'must be 1–20 lower-case letters, digits or "-", starting with a letter'),
    /** Defaults to the CLI's region (AWS_REGION / profile) when absent. */
    region: z
      .string()
      .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'must be an AWS region such as ap-southeast-1')
      .optional(),
    programmes: z.array(programmeDeploymentSchema).min(1, 'needs at least one programme'),
    schedules: z
      .object({
        timezone: z
          .string()
          .refine(isValidTimeZone, 'must be an IANA time zone such as Asia/Ho_Chi_Minh')
          .default('Asia/Ho_Chi_Minh'),
        /** Daily monitoring run (pull → evaluate → notify), local time. */
        monitoring: z.object({ time: clock }).default({ time: '08:00' }),
        /** Weekly steering-committee digest. */
        digest: z
          .object({ day: z.enum(WEEKDAYS).default('MON'), time: clock.default('07:30') })
          .default({ day: 'MON', time: '07:30' }),
      })
      .default({
        timezone: 'Asia/Ho_Chi_Minh',
        monitoring: { time: '08:00' },
        digest: { day: 'MON', time: '07:30' },
      }),
    /**
     * Quiet hours have one source of truth, each catalog's `programme.alerts.quietHours`: the SMS
     * planner reads it, and synth checks the monitoring time against it (deployment-inputs.ts).
     */
    quietHours: z
      .unknown()
      .refine((value) => value === undefined, {
        message:
          'is set per programme in its catalog (programme.alerts.quietHours), which the SMS planner reads: remove it here',
      })
      .optional(),
    sms: z
      .object({
        enabled: z.boolean().default(true),
        senderId: z
          .string()
          .regex(SMS_SENDER_ID_PATTERN, 'must be 1–11 letters and digits, with at least one letter')
          .optional(),
        /** The account's SNS MonthlySpendLimit (USD); the spend alarm fires at `alarmAtPercent` of it. */
        monthlySpendLimitUsd: z.number().positive('must be > 0'),
        alarmAtPercent: z.number().int().min(1).max(100).default(80),
      })
      .strict(),
    /** The bucket agencies drop CSV exports into (s3-csv sources must name it); created by the app. */
    inbox: z
      .object({
        bucketName: z
          .string()
          .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be a valid S3 bucket name (globally unique)'),
        /** Days an ingested (moved) export is kept under processed/. */
        processedRetentionDays: z.number().int().min(1).default(400),
      })
      .strict(),
    alarmEmail: z.string().regex(EMAIL, 'must be an e-mail address'),
    logRetentionDays: z
      .number()
      .refine((days) => (LOG_RETENTION_DAYS as readonly number[]).includes(days), {
        message: `must be one of ${LOG_RETENTION_DAYS.join(', ')}`,
      })
      .default(90),
    /**
     * E-mail topics (each address is subscribed to one, by hash). Changing it moves most
     * subscriptions, and every moved address has to confirm again: size it once, generously.
     */
    emailTopicShards: z.number().int().min(1).max(100).default(4),
    /** Days a digest report stays in the bucket. */
    reportRetentionDays: z.number().int().min(8).default(400),
    /**
     * The lean stage (docs/cost.md, "Lean single province"): AWS-managed keys instead of the
     * stage's customer-managed key, no dashboard, and only the alarms that cover a path no other
     * alarm covers. Under US$1 a month for one province before SMS.
     */
    lean: z.boolean().default(false),
  })
  .strict()
  .superRefine((config, ctx) => {
    const seen = new Set<string>();
    for (const [index, programme] of config.programmes.entries()) {
      if (seen.has(programme.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['programmes', index, 'id'],
          message: 'duplicate programme id',
        });
      }
      seen.add(programme.id);
    }
  });

export type DeploymentConfig = z.infer<typeof deploymentConfigSchema>;
export type ProgrammeDeployment = z.infer<typeof programmeDeploymentSchema>;

/** `HH:MM` inside [start, end), where the window may wrap midnight. */
export function isInsideWindow(time: string, start: string, end: string): boolean {
  if (start === end) return false;
  return start < end ? time >= start && time < end : time >= start || time < end;
}

/** Parses one stage's config; every problem names the file and the field. */
export function parseDeploymentConfig(text: string, file: string): DeploymentConfig {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InvalidInputError([{ file, message: `not valid JSON: ${(error as Error).message}` }], {
      cause: error,
    });
  }
  return parseInput(deploymentConfigSchema, json, file);
}
