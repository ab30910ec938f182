import * as z from 'zod';
import { isCalendarDate, isValidTimeZone } from '../domain/calendar-date.ts';
import { DEFAULT_PROGRESS_THRESHOLDS } from '../domain/progress-class.ts';
import { CADENCES } from '../domain/reporting-calendar.ts';

/** Public catalog format (README, docs/evaluation.md for the plan fields), plus a few optional fields of our own. */

const ID_PATTERN = /^[A-Za-z0-9._-]+$/;
export const E164_PATTERN = /^\+[1-9]\d{7,14}$/;
/** Alphanumeric SMS sender IDs: 1–11 letters and digits, at least one letter. */
export const SMS_SENDER_ID_PATTERN = /^(?=.*[A-Za-z])[A-Za-z0-9]{1,11}$/;
// Deliberately plain: one @, no spaces, a dot in the domain, no leading/trailing dots.
export const EMAIL_PATTERN =
  /^[^\s@"<>(),;:]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;
const CLOCK_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;

export const idSchema = z
  .string({ error: 'must be a string id' })
  .regex(ID_PATTERN, 'must be a non-empty id of letters, digits, "-", "_" or "."');
export const calendarDateSchema = z
  .string({ error: 'must be a date string YYYY-MM-DD' })
  .refine(isCalendarDate, { message: 'must be a real calendar date YYYY-MM-DD' });
const finiteNumber = z.number({ error: 'must be a number' }).refine(Number.isFinite, 'must be finite');
const toleranceSchema = finiteNumber.refine((value) => value >= 0, 'must be ≥ 0');
const staleAfterDaysSchema = z
  .number({ error: 'must be a number' })
  .int('must be a whole number of days')
  .positive('must be > 0');
const daysAtLeastZero = z
  .number({ error: 'must be a number' })
  .int('must be a whole number of days')
  .min(0, 'must be ≥ 0');
const cadenceSchema = z.enum(CADENCES, { error: 'must be "monthly", "quarterly" or "annual"' });

export const contactSchema = z.object({
  name: z.string().optional(),
  title: z.string().optional(),
  email: z.string().regex(EMAIL_PATTERN, 'must be a valid e-mail address').optional(),
  phone: z.string().regex(E164_PATTERN, 'must be an E.164 phone number such as +84901234567').optional(),
  /** Marks invented contact details (sample catalogs). */
  placeholder: z.boolean().optional(),
});

const milestoneSchema = z.object({ date: calendarDateSchema, value: finiteNumber });
const baselineSchema = z.object({ date: calendarDateSchema, value: finiteNumber.optional() });

const milestonesSchema = z
  .array(milestoneSchema, { error: 'must be a list of {date, value}' })
  .min(1, 'needs at least one milestone')
  .superRefine((milestones, ctx) => {
    for (let i = 1; i < milestones.length; i++) {
      const previous = milestones[i - 1];
      const current = milestones[i];
      if (previous && current && isCalendarDate(previous.date) && current.date <= previous.date) {
        ctx.addIssue({
          code: 'custom',
          path: [i, 'date'],
          message: `must be after the previous milestone (${previous.date}): dates strictly increase`,
        });
      }
    }
  });

/** The reporting calendar (docs/evaluation.md): settable on an indicator, a target or an override. */
const calendarFields = {
  cadence: cadenceSchema.optional(),
  publicationLagDays: daysAtLeastZero.optional(),
  graceDays: daysAtLeastZero.optional(),
};

const planFields = {
  baseline: baselineSchema.optional(),
  tolerance: toleranceSchema.optional(),
  staleAfterDays: staleAfterDaysSchema.optional(),
  min: finiteNumber.optional(),
  max: finiteNumber.optional(),
  ...calendarFields,
  /** Ours (docs/catalog.md): a successor unit's baseline value from its predecessors' reports. */
  baselineFrom: z.literal('predecessors', { error: 'must be "predecessors"' }).optional(),
};

/** Ours (docs/catalog.md): how a target is met beside its trajectory. */
const targetKindSchema = z.enum(['trajectory', 'hold', 'band'], {
  error: 'must be "trajectory", "hold" or "band"',
});
const bandSchema = z.object({ best: finiteNumber, worst: finiteNumber });

const targetSchema = z.object({
  level: idSchema,
  milestones: milestonesSchema,
  ...planFields,
  kind: targetKindSchema.optional(),
  band: bandSchema.optional(),
  /** Ours (docs/catalog.md): the target applies to units whose validity lies inside this window. */
  validFrom: calendarDateSchema.optional(),
  validTo: calendarDateSchema.optional(),
  notes: z.string().optional(),
});

/** Ours (docs/catalog.md): opt-in checks for a rank among a number of ranked provinces. */
const rankSchema = z.object({
  integer: z.boolean().optional(),
  outOf: z
    .array(
      z.object({
        from: calendarDateSchema,
        count: z.number().int('must be a whole number').positive('must be > 0'),
      }),
    )
    .min(1, 'needs at least one {from, count}')
    .optional(),
});

/** Ours (docs/catalog.md): a name for tight places (SMS), never cut mid-phrase. */
const shortNameSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(40, 'must be at most 40 characters');

const indicatorSchema = z.object({
  id: idSchema,
  name: z.string().min(1, 'must not be empty'),
  shortName: shortNameSchema.optional(),
  /** Ours (docs/alerts.md): the unit accountable for the indicator across units; its head hears of it. */
  owner: idSchema.optional(),
  unit: z.string().optional(),
  direction: z.enum(['increase', 'decrease'], { error: 'must be "increase" or "decrease"' }),
  min: finiteNumber.optional(),
  max: finiteNumber.optional(),
  tolerance: toleranceSchema.optional(),
  staleAfterDays: staleAfterDaysSchema.optional(),
  ...calendarFields,
  rank: rankSchema.optional(),
  targets: z.array(targetSchema).min(1, 'needs at least one target'),
  /** Where the target comes from (the sentence of the resolution). */
  source: z.string().optional(),
  notes: z.string().optional(),
  /** The indicator shown first (sparklines, SMS). */
  main: z.boolean().optional(),
});

const unitSchema = z.object({
  id: idSchema,
  name: z.string().min(1, 'must not be empty'),
  level: idSchema,
  parent: idSchema.optional(),
  validFrom: calendarDateSchema.optional(),
  validTo: calendarDateSchema.optional(),
  mergedFrom: z.array(idSchema).optional(),
  /** Ours: the official (statistical) code; old and new communes may share one. */
  code: z.string().regex(ID_PATTERN, 'must be a code of letters, digits, "-", "_" or "."').optional(),
  /** Ours: a predecessor's share when successors average their baselines (docs/catalog.md). */
  weight: finiteNumber.refine((value) => value > 0, 'must be > 0').optional(),
  head: contactSchema.optional(),
  /** Who reports the data; stale-report alerts go here when set. */
  dataContact: contactSchema.optional(),
  notes: z.string().optional(),
});

const overrideSchema = z.object({
  unit: idSchema,
  indicator: idSchema,
  milestones: milestonesSchema.optional(),
  ...planFields,
});

/**
 * When an open alert with no change is told again: after each of `afterDays` (counted from the
 * last change), then every `thenEveryDays` (docs/alerts.md, "Reminders").
 */
const reminderScheduleSchema = z
  .object({
    afterDays: z
      .array(z.number().int('must be a whole number').positive('must be > 0'))
      .min(1, 'needs at least one number of days')
      .default([7, 21, 49]),
    thenEveryDays: z.number().int('must be a whole number').positive('must be > 0').default(56),
  })
  .superRefine((schedule, ctx) => {
    schedule.afterDays.forEach((days, index) => {
      const before = schedule.afterDays[index - 1];
      if (before !== undefined && days <= before) {
        ctx.addIssue({
          code: 'custom',
          path: ['afterDays', index],
          message: `must be greater than the one before (${before}): the schedule backs off`,
        });
      }
    });
  });

export const alertPolicySchema = z.object({
  /** Replaced by `reminders`; refused so that a catalog does not silently lose its setting. */
  renotifyAfterDays: z
    .never({
      error:
        'is no longer used: reminders now follow "reminders": {"afterDays": [7, 21, 49], "thenEveryDays": 56} (days since the last change; see docs/catalog.md)',
    })
    .optional(),
  reminders: reminderScheduleSchema.default({ afterDays: [7, 21, 49], thenEveryDays: 56 }),
  escalateAfterDays: z.number().int().positive().default(30),
  /** Alert on `at_risk` too (off by default: the tolerance band is a warning, not a breach). */
  atRisk: z.boolean().default(false),
  quietHours: z
    .object({
      start: z.string().regex(CLOCK_PATTERN, 'must be HH:MM'),
      end: z.string().regex(CLOCK_PATTERN, 'must be HH:MM'),
    })
    .default({ start: '21:00', end: '07:00' }),
  maxSmsSegments: z.number().int().min(1).max(10).default(1),
  /** Keep Vietnamese diacritics in SMS (UCS-2, 70 characters a segment). */
  smsKeepDiacritics: z.boolean().default(false),
  smsPerRunCap: z.number().int().min(0).default(500),
  /** Alphanumeric sender ID of the programme's SMS (a registered brand name in Vietnam). */
  smsSenderId: z
    .string()
    .regex(SMS_SENDER_ID_PATTERN, 'must be 1–11 letters and digits, with at least one letter')
    .optional(),
  /** Items an e-mail lists in full; the rest is summarised with counts (docs/alerts.md). */
  emailItemLimit: z.number().int().min(1).max(100).default(10),
  language: z.enum(['vi', 'en']).default('vi'),
});

/** Ratios of observed to required growth that separate the progress classes (UN ESCAP). */
const progressThresholdsSchema = z
  .object({ high: finiteNumber, med: finiteNumber, low: finiteNumber })
  .superRefine((thresholds, ctx) => {
    if (!(thresholds.high > thresholds.med)) {
      ctx.addIssue({
        code: 'custom',
        path: ['high'],
        message: `must be greater than med (${thresholds.med}): thresholds need high > med > low`,
      });
    }
    if (!(thresholds.med > thresholds.low)) {
      ctx.addIssue({
        code: 'custom',
        path: ['med'],
        message: `must be greater than low (${thresholds.low}): thresholds need high > med > low`,
      });
    }
  });

export const catalogSchema = z.object({
  programme: z.object({
    id: idSchema,
    name: z.string().min(1, 'must not be empty'),
    /** Ours: how people cite the programme ("NQ 05-NQ/TU"), e.g. in e-mail subjects. */
    shortName: shortNameSchema.optional(),
    timezone: z
      .string()
      .refine(isValidTimeZone, 'must be an IANA time zone such as Asia/Ho_Chi_Minh')
      .default('Asia/Ho_Chi_Minh'),
    steeringCommittee: z.array(contactSchema).default([]),
    /** Who runs dtwatch for the programme: "source down" alerts go to them (directory role `operator`). */
    operators: z.array(contactSchema).default([]),
    notes: z.string().optional(),
    alerts: alertPolicySchema.default(alertPolicySchema.parse({})),
    progressThresholds: progressThresholdsSchema.default({ ...DEFAULT_PROGRESS_THRESHOLDS }),
  }),
  indicators: z.array(indicatorSchema, { error: 'must be a list of indicators' }),
  units: z.array(unitSchema, { error: 'must be a list of units' }),
  overrides: z.array(overrideSchema).default([]),
});

export type Catalog = z.infer<typeof catalogSchema>;
export type Indicator = Catalog['indicators'][number];
export type Target = Indicator['targets'][number];
export type Unit = Catalog['units'][number];
export type Override = Catalog['overrides'][number];
export type TargetKind = z.infer<typeof targetKindSchema>;
export type RankRules = z.infer<typeof rankSchema>;
export type Contact = z.infer<typeof contactSchema>;
export type AlertPolicy = z.infer<typeof alertPolicySchema>;
