/**
 * A silence: "we know, hold these alerts back until …" for every alert whose unit, indicator and
 * unit level match the patterns (`*` stands for any run of characters). Unlike an acknowledgement,
 * which pauses reminders of one series, a mute holds back every notice of what it matches (new
 * alerts included); the alerts are still evaluated and shown, marked muted.
 *
 * A mute is never deleted: removing one records who removed it and when, so the store keeps the
 * audit of every mute (who, why, from when to when).
 */
export interface Mute {
  readonly programme: string;
  /** Short and unique within the programme, for `dtwatch mute remove`. */
  readonly id: string;
  readonly unit: string;
  readonly indicator: string;
  /** Pattern on the unit's level in the catalog (`commune`, `department`, …). */
  readonly level: string;
  readonly reason: string;
  readonly author: string;
  readonly createdAt: string;
  /** Last day held back (inclusive), YYYY-MM-DD in the programme's time zone. */
  readonly until: string;
  readonly removed?: { readonly at: string; readonly by: string };
}

/** What a mute is matched against. */
export interface MuteTarget {
  readonly unit: string;
  readonly indicator: string;
  readonly level: string;
}

export function isMuteActive(mute: Mute, today: string): boolean {
  return mute.removed === undefined && today <= mute.until;
}

/** The active mute that holds an alert back on `today`, if any (the one lasting longest). */
export function activeMute(mutes: readonly Mute[], target: MuteTarget, today: string): Mute | undefined {
  let found: Mute | undefined;
  for (const mute of mutes) {
    if (!isMuteActive(mute, today) || !muteMatches(mute, target)) continue;
    if (!found || mute.until > found.until) found = mute;
  }
  return found;
}

export function muteMatches(mute: Mute, target: MuteTarget): boolean {
  return (
    patternMatches(mute.unit, target.unit) &&
    patternMatches(mute.indicator, target.indicator) &&
    patternMatches(mute.level, target.level)
  );
}

/** `*` matches any run of characters (none included); everything else matches itself. */
export function patternMatches(pattern: string, text: string): boolean {
  const parts = pattern.split('*');
  if (parts.length === 1) return pattern === text;
  const first = parts[0] as string;
  const last = parts[parts.length - 1] as string;
  if (!text.startsWith(first) || text.length < first.length + last.length) return false;
  let position = first.length;
  for (const part of parts.slice(1, -1)) {
    const found = text.indexOf(part, position);
    if (found < 0) return false;
    position = found + part.length;
  }
  return text.length - last.length >= position && text.endsWith(last);
}

/** Oldest first, ids breaking ties: the order `Mutes.listMutes` gives. */
export function compareMutes(a: Mute, b: Mute): number {
  return a.createdAt < b.createdAt
    ? -1
    : a.createdAt > b.createdAt
      ? 1
      : a.id < b.id
        ? -1
        : a.id > b.id
          ? 1
          : 0;
}

/** A mute with this id already exists in the programme (ids are never reused). */
export class DuplicateMuteError extends Error {
  override readonly name = 'DuplicateMuteError';
  constructor(readonly id: string) {
    super(`a mute with id "${id}" already exists`);
  }
}

/** The series (unit/indicator ids) an active mute holds back on `today`, for people to see. */
export function mutedSeries(
  mutes: readonly Mute[],
  series: readonly { unit: string; indicator: string; level: string }[],
  today: string,
): { mute: Mute; series: string[] }[] {
  return mutes
    .filter((mute) => isMuteActive(mute, today))
    .map((mute) => ({
      mute,
      series: series.filter((target) => muteMatches(mute, target)).map((t) => `${t.unit}/${t.indicator}`),
    }));
}
