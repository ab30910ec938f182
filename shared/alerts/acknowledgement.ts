/** How the person answering for a series judges their own plan (the web form's choice). */
export const CONFIDENCE_LEVELS = ['on_track', 'at_risk', 'off_track'] as const;
export type Confidence = (typeof CONFIDENCE_LEVELS)[number];

/** A later word on a plan: progress, with the author's confidence at that time. */
export interface CheckIn {
  readonly at: string;
  readonly by: string;
  readonly note: string;
  readonly confidence?: Confidence;
}

/** A person's "we know, stop reminding us until …" for one series or a whole unit. */
export interface Acknowledgement {
  readonly programme: string;
  readonly unit: string;
  /** Undefined: every indicator of the unit. */
  readonly indicator?: string;
  /** Reminders pause until this date (inclusive), YYYY-MM-DD. */
  readonly until: string;
  /** The remediation plan. */
  readonly note: string;
  /** Who recorded it (a name; for the office recording on someone's behalf, the office member). */
  readonly by: string;
  readonly createdAt: string;
  /** The author's own confidence in the plan (web form). */
  readonly confidence?: Confidence;
  /** Whom the office recorded it for (the head who gave the plan by phone or paper). */
  readonly onBehalfOf?: string;
  /** The alert it answers (`<unit>~<indicator>~<kind>`), when given from an alert's page. */
  readonly alert?: string;
  /** Later check-ins, oldest first. */
  readonly checkIns?: readonly CheckIn[];
}
