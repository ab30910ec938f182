import { randomBytes } from 'node:crypto';
import { DuplicateMuteError, type Mute, patternMatches } from '../alerts/mute.ts';
import { muteAuditEvents } from '../alerts/mute-audit.ts';
import type { Programme } from '../catalog/programme.ts';
import { addDays, isCalendarDate } from '../domain/calendar-date.ts';
import type { AuditTrail } from '../ports/audit-trail.ts';
import type { Mutes } from '../ports/mutes.ts';

/** A mute lasts at most this long: mutes are for known, passing conditions. */
export const MUTE_MAX_DAYS = 365;

/** A mute as asked for (`dtwatch mute`, the office's web form), before it is checked. */
export interface MuteRequest {
  readonly unit?: string;
  readonly indicator?: string;
  readonly level?: string;
  readonly reason: string;
  readonly author: string;
  /** Last day muted, YYYY-MM-DD; or `for`, a number of days from today ("30d"). */
  readonly until?: string;
  readonly for?: string;
}

export type MuteField = 'unit' | 'indicator' | 'level' | 'reason' | 'author' | 'until' | 'for';

/**
 * What is wrong with a request, per field: `code` for an interface to word it in its language,
 * `message` as the CLI says it. `matches-nothing` is a typo in a pattern (invalid input); every
 * other code is a request that cannot be a mute at all (usage).
 */
export interface MuteProblem {
  readonly field: MuteField;
  readonly code:
    | 'reason-missing'
    | 'author-missing'
    | 'mutes-everything'
    | 'until-or-for'
    | 'not-a-date'
    | 'past'
    | 'too-far'
    | 'bad-span'
    | 'matches-nothing';
  readonly message: string;
}

/** A checked request: everything of the mute but its id and creation time. */
export type MuteDraft = Omit<Mute, 'id' | 'createdAt'>;

/**
 * Checks a request against the catalog on `today` (the programme's day): reason and author
 * given, at least one pattern that is not "*", one of until/for within a year, and every
 * pattern matching something in the catalog. Nothing is written here.
 */
export function checkMuteRequest(
  programme: Programme,
  request: MuteRequest,
  today: string,
): { readonly draft: MuteDraft } | { readonly problems: readonly MuteProblem[] } {
  const problems: MuteProblem[] = [];
  const reason = request.reason.trim();
  const author = request.author.trim();
  if (reason === '') {
    problems.push({
      field: 'reason',
      code: 'reason-missing',
      message: '--reason must say why the alerts are muted',
    });
  }
  if (author === '') {
    problems.push({
      field: 'author',
      code: 'author-missing',
      message: '--author must name who decided the mute',
    });
  }
  const given = (pattern: string | undefined) => {
    const trimmed = pattern?.trim();
    return trimmed === undefined || trimmed === '' ? undefined : trimmed;
  };
  const matchers = {
    unit: given(request.unit),
    indicator: given(request.indicator),
    level: given(request.level),
  };
  if (Object.values(matchers).every((pattern) => pattern === undefined || pattern === '*')) {
    problems.push({
      field: 'unit',
      code: 'mutes-everything',
      message: 'give at least one of --unit, --indicator, --level (muting everything is refused)',
    });
  }
  const until = untilOf(given(request.until), given(request.for), today, problems);
  const candidates = {
    unit: [...programme.units.keys()],
    indicator: [...programme.indicators.keys()],
    level: [...new Set([...programme.units.values()].map((unit) => unit.level))],
  };
  for (const name of ['unit', 'indicator', 'level'] as const) {
    const pattern = matchers[name];
    if (pattern === undefined || candidates[name].some((id) => patternMatches(pattern, id))) continue;
    problems.push({
      field: name,
      code: 'matches-nothing',
      message: `"${pattern}" matches no ${name} in the catalog`,
    });
  }
  if (problems.length > 0 || until === undefined) return { problems };
  return {
    draft: {
      programme: programme.id,
      unit: matchers.unit ?? '*',
      indicator: matchers.indicator ?? '*',
      level: matchers.level ?? '*',
      reason,
      author,
      until,
    },
  };
}

function untilOf(
  until: string | undefined,
  span: string | undefined,
  today: string,
  problems: MuteProblem[],
): string | undefined {
  if ((until === undefined) === (span === undefined)) {
    problems.push({ field: 'until', code: 'until-or-for', message: 'give one of --until or --for' });
    return undefined;
  }
  if (until !== undefined) {
    if (!isCalendarDate(until)) {
      problems.push({
        field: 'until',
        code: 'not-a-date',
        message: `--until must be a real date YYYY-MM-DD (got "${until}")`,
      });
    } else if (until < today) {
      problems.push({
        field: 'until',
        code: 'past',
        message: `--until ${until} is already past (today is ${today})`,
      });
    } else if (until > addDays(today, MUTE_MAX_DAYS)) {
      problems.push({
        field: 'until',
        code: 'too-far',
        message: `--until ${until} is more than ${MUTE_MAX_DAYS} days away: mutes are for known, passing conditions`,
      });
    } else {
      return until;
    }
    return undefined;
  }
  const match = /^(\d{1,3})d$/.exec(span ?? '');
  const count = match ? Number(match[1]) : Number.NaN;
  if (!(count >= 1 && count <= MUTE_MAX_DAYS)) {
    problems.push({
      field: 'for',
      code: 'bad-span',
      message: `--for must be a number of days from 1 to ${MUTE_MAX_DAYS} followed by "d", e.g. 30d (got "${span}")`,
    });
    return undefined;
  }
  return addDays(today, count);
}

export interface MutePorts {
  readonly mutes: Mutes;
  readonly audit: AuditTrail;
}

/** Stores a checked mute under a fresh short id and records it on each unit it matches. */
export async function addMute(
  ports: MutePorts,
  programme: Programme,
  draft: MuteDraft,
  createdAt: string,
): Promise<Mute> {
  // Ids are short for typing; a clash (rare) just draws another.
  for (let attempt = 0; ; attempt++) {
    const mute: Mute = { ...draft, createdAt, id: `m-${randomBytes(3).toString('hex')}` };
    try {
      await ports.mutes.putMute(mute);
    } catch (error) {
      if (!(error instanceof DuplicateMuteError) || attempt >= 4) throw error;
      continue;
    }
    await ports.audit.record(muteAuditEvents(programme, mute, 'set', { at: createdAt, by: draft.author }));
    return mute;
  }
}

/** Ends an active mute at once and records who did; false when there is no such active mute. */
export async function liftMute(
  ports: MutePorts,
  programme: Programme,
  id: string,
  change: { readonly at: string; readonly by: string },
): Promise<boolean> {
  const mute = (await ports.mutes.listMutes(programme.id)).find((candidate) => candidate.id === id);
  if (!mute || !(await ports.mutes.removeMute(programme.id, id, change))) return false;
  await ports.audit.record(muteAuditEvents(programme, mute, 'lifted', change));
  return true;
}
