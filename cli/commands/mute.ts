import { randomBytes } from 'node:crypto';
import { openStore } from '../../shared/adapters/open-store.ts';
import { DuplicateMuteError, isMuteActive, type Mute, patternMatches } from '../../shared/alerts/mute.ts';
import { muteAuditEvents } from '../../shared/alerts/mute-audit.ts';
import { buildProgramme, type Programme } from '../../shared/catalog/programme.ts';
import { addDays, dateInZone, isCalendarDate } from '../../shared/domain/calendar-date.ts';
import { InvalidInputError, type Problem, UsageError } from '../../shared/errors.ts';
import type { AuditTrail } from '../../shared/ports/audit-trail.ts';
import type { Mutes } from '../../shared/ports/mutes.ts';
import { oneOf, optionalString, type ParsedCommand, parseCommand, requireString } from '../args.ts';
import { type Command, writeErr, writeOut } from '../command.ts';
import { loadCatalogFile } from '../files.ts';

const DATA_DIR_HELP = `  --data-dir <dir>     embedded store folder (default .dtwatch/, or DTWATCH_DATA_DIR); ignored
                       when DTWATCH_TABLE names a DynamoDB table`;

const MUTE_HELP = `Usage: dtwatch mute --catalog <file> [--unit P] [--indicator P] [--level P] --reason "<why>"
                    --author <name> (--until YYYY-MM-DD | --for <N>d) [--data-dir <dir>]

Holds back every alert notice (new alerts, reminders, escalations, resolutions) of the series
whose unit id, indicator id and unit level (province, department, commune, …) match the
patterns, until the date, inclusive. "*" in a pattern stands for any characters; a matcher left
out matches everything, but at least one must be given. Muted alerts are still evaluated and
shown, marked muted, in the digest; when the mute ends, an alert still open is announced (or
reminded) at the next run. Every mute is kept with its reason and author (\`mute list --all\`)
and goes into the audit trail of each unit it matches.

Options:
  --catalog <file>     programme catalog (JSON)
  --unit <pattern>     unit ids, e.g. 40-sokhcn or 40-x*
  --indicator <pattern>  indicator ids, e.g. dgov-rank
  --level <pattern>    unit levels, e.g. commune
  --reason <text>      why (shown in mute list and the audit)
  --author <name>      who decided it
  --until <date>       last day muted (programme time zone)
  --for <N>d           muted for N days from today (1 to 365), e.g. 30d
${DATA_DIR_HELP}

Exit codes: 0 ok, 1 a pattern matches nothing in the catalog, 2 usage error.`;

const LIST_HELP = `Usage: dtwatch mute list --catalog <file> [--all] [--format json|text] [--data-dir <dir>]

Lists the programme's active mutes; with --all, expired and removed ones too (the audit).

Exit codes: 0 ok, 1 invalid catalog, 2 usage error.`;

const REMOVE_HELP = `Usage: dtwatch mute remove <id> --catalog <file> --author <name> [--data-dir <dir>]

Ends a mute at once (it stays in \`mute list --all\` with who removed it and when); its alerts
resume at the next run.

Exit codes: 0 removed, 1 no such active mute, 2 usage error.`;

const MAX_DAYS = 365;

export const muteCommand: Command = {
  name: 'mute',
  summary: 'hold back the alerts matching unit/indicator/level patterns until a date (a silence)',
  help: MUTE_HELP,
  async run(argv) {
    const parsed = parseCommand(argv, {
      catalog: { type: 'string' },
      unit: { type: 'string' },
      indicator: { type: 'string' },
      level: { type: 'string' },
      reason: { type: 'string' },
      author: { type: 'string' },
      until: { type: 'string' },
      for: { type: 'string' },
      'data-dir': { type: 'string' },
    });
    if (parsed.help) {
      writeOut(MUTE_HELP);
      return 0;
    }
    const catalogFile = requireString(parsed, 'catalog');
    const reason = requireString(parsed, 'reason').trim();
    const author = requireString(parsed, 'author').trim();
    if (reason === '') throw new UsageError('--reason must say why the alerts are muted');
    if (author === '') throw new UsageError('--author must name who decided the mute');
    const matchers = {
      unit: optionalString(parsed, 'unit'),
      indicator: optionalString(parsed, 'indicator'),
      level: optionalString(parsed, 'level'),
    };
    if (Object.values(matchers).every((pattern) => pattern === undefined || pattern === '*')) {
      throw new UsageError(
        'give at least one of --unit, --indicator, --level (muting everything is refused)',
      );
    }
    const programme = buildProgramme(await loadCatalogFile(catalogFile));
    const today = dateInZone(new Date(), programme.timezone);
    const until = untilOf(parsed, today);
    checkPatterns(programme, catalogFile, matchers);
    const base = {
      programme: programme.id,
      unit: matchers.unit ?? '*',
      indicator: matchers.indicator ?? '*',
      level: matchers.level ?? '*',
      reason,
      author,
      createdAt: new Date().toISOString(),
      until,
    };
    const mute = await withMutes(parsed, async (mutes, audit) => {
      // Ids are short for typing; a clash (rare) just draws another.
      for (let attempt = 0; ; attempt++) {
        const candidate: Mute = { ...base, id: `m-${randomBytes(3).toString('hex')}` };
        try {
          await mutes.putMute(candidate);
        } catch (error) {
          if (!(error instanceof DuplicateMuteError) || attempt >= 4) throw error;
          continue;
        }
        await audit.record(muteAuditEvents(programme, candidate, 'set', { at: base.createdAt, by: author }));
        return candidate;
      }
    });
    writeOut(
      `muted ${describeMatchers(mute)} until ${until} (id ${mute.id}): alerts are evaluated but nobody is told`,
    );
    return 0;
  },
};

export const muteListCommand: Command = {
  name: 'mute list',
  summary: 'list mutes (--all: with expired and removed ones)',
  help: LIST_HELP,
  async run(argv) {
    const parsed = parseCommand(argv, {
      catalog: { type: 'string' },
      all: { type: 'boolean' },
      format: { type: 'string' },
      'data-dir': { type: 'string' },
    });
    if (parsed.help) {
      writeOut(LIST_HELP);
      return 0;
    }
    const catalogFile = requireString(parsed, 'catalog');
    const format = oneOf(optionalString(parsed, 'format'), ['json', 'text'], 'format') ?? 'text';
    const programme = buildProgramme(await loadCatalogFile(catalogFile));
    const today = dateInZone(new Date(), programme.timezone);
    const all = await withMutes(parsed, (mutes) => mutes.listMutes(programme.id));
    const rows = all
      .map((mute) => ({ ...mute, active: isMuteActive(mute, today) }))
      .filter((mute) => parsed.values.all === true || mute.active);
    if (format === 'json') {
      writeOut(JSON.stringify({ programme: programme.id, today, mutes: rows }, null, 2));
    } else if (rows.length === 0) {
      writeOut(parsed.values.all === true ? 'no mutes' : 'no active mutes');
    } else {
      for (const row of rows) {
        const state = row.removed
          ? `removed ${row.removed.at.slice(0, 10)} by ${oneLine(row.removed.by)}`
          : row.active
            ? 'active'
            : 'expired';
        writeOut(
          `${row.id}  ${state}  ${describeMatchers(row)}  until ${row.until}  by ${oneLine(row.author)}: ${oneLine(row.reason)}`,
        );
      }
    }
    return 0;
  },
};

export const muteRemoveCommand: Command = {
  name: 'mute remove',
  summary: 'end a mute now (its alerts resume at the next run)',
  help: REMOVE_HELP,
  async run(argv) {
    const parsed = parseCommand(
      argv,
      { catalog: { type: 'string' }, author: { type: 'string' }, 'data-dir': { type: 'string' } },
      true,
    );
    if (parsed.help) {
      writeOut(REMOVE_HELP);
      return 0;
    }
    const [id, ...extra] = parsed.positionals;
    if (!id || extra.length > 0) throw new UsageError('give exactly one mute id (see `dtwatch mute list`)');
    const catalogFile = requireString(parsed, 'catalog');
    const author = requireString(parsed, 'author').trim();
    const programme = buildProgramme(await loadCatalogFile(catalogFile));
    const removed = await withMutes(parsed, async (mutes, audit) => {
      const change = { at: new Date().toISOString(), by: author };
      const mute = (await mutes.listMutes(programme.id)).find((candidate) => candidate.id === id);
      if (!mute || !(await mutes.removeMute(programme.id, id, change))) return false;
      await audit.record(muteAuditEvents(programme, mute, 'lifted', change));
      return true;
    });
    if (!removed) {
      writeErr(`no active mute "${id}" in ${programme.id} (see dtwatch mute list --all)`);
      return 1;
    }
    writeOut(`removed mute ${id}: its alerts resume at the next run`);
    return 0;
  },
};

function untilOf(parsed: ParsedCommand, today: string): string {
  const until = optionalString(parsed, 'until');
  const span = optionalString(parsed, 'for');
  if ((until === undefined) === (span === undefined)) throw new UsageError('give one of --until or --for');
  if (until !== undefined) {
    if (!isCalendarDate(until))
      throw new UsageError(`--until must be a real date YYYY-MM-DD (got "${until}")`);
    if (until < today) throw new UsageError(`--until ${until} is already past (today is ${today})`);
    if (until > addDays(today, MAX_DAYS)) {
      throw new UsageError(
        `--until ${until} is more than ${MAX_DAYS} days away: mutes are for known, passing conditions`,
      );
    }
    return until;
  }
  const match = /^(\d{1,3})d$/.exec(span ?? '');
  const count = match ? Number(match[1]) : Number.NaN;
  if (!(count >= 1 && count <= MAX_DAYS)) {
    throw new UsageError(
      `--for must be a number of days from 1 to ${MAX_DAYS} followed by "d", e.g. 30d (got "${span}")`,
    );
  }
  return addDays(today, count);
}

/** A pattern that matches nothing in the catalog is a typo: refused, naming the option. */
function checkPatterns(
  programme: Programme,
  catalogFile: string,
  matchers: { unit?: string; indicator?: string; level?: string },
): void {
  const candidates = {
    unit: [...programme.units.keys()],
    indicator: [...programme.indicators.keys()],
    level: [...new Set([...programme.units.values()].map((unit) => unit.level))],
  };
  const problems: Problem[] = [];
  for (const name of ['unit', 'indicator', 'level'] as const) {
    const pattern = matchers[name];
    if (pattern === undefined || candidates[name].some((id) => patternMatches(pattern, id))) continue;
    problems.push({
      file: catalogFile,
      location: `--${name}`,
      message: `"${pattern}" matches no ${name} in the catalog`,
    });
  }
  if (problems.length > 0) throw new InvalidInputError(problems);
}

function describeMatchers(mute: Pick<Mute, 'unit' | 'indicator' | 'level'>): string {
  return `unit ${mute.unit}, indicator ${mute.indicator}, level ${mute.level}`;
}

async function withMutes<T>(
  parsed: ParsedCommand,
  work: (mutes: Mutes, audit: AuditTrail) => Promise<T>,
): Promise<T> {
  const opened = await openStore({ dataDir: optionalString(parsed, 'data-dir') });
  try {
    return await work(opened.mutes, opened.auditTrail);
  } finally {
    await opened.close();
  }
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
