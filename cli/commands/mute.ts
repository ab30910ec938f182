import { openStore } from '../../shared/adapters/open-store.ts';
import { isMuteActive, type Mute } from '../../shared/alerts/mute.ts';
import { buildProgramme } from '../../shared/catalog/programme.ts';
import { dateInZone } from '../../shared/domain/calendar-date.ts';
import { InvalidInputError, UsageError } from '../../shared/errors.ts';
import type { AuditTrail } from '../../shared/ports/audit-trail.ts';
import type { Mutes } from '../../shared/ports/mutes.ts';
import { addMute, checkMuteRequest, liftMute } from '../../shared/use-cases/mute-changes.ts';
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

export const muteCommand: Command = {
  name: 'mute',
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
    const request = {
      unit: optionalString(parsed, 'unit'),
      indicator: optionalString(parsed, 'indicator'),
      level: optionalString(parsed, 'level'),
      reason: requireString(parsed, 'reason'),
      author: requireString(parsed, 'author'),
      until: optionalString(parsed, 'until'),
      for: optionalString(parsed, 'for'),
    };
    const programme = buildProgramme(await loadCatalogFile(catalogFile));
    const today = dateInZone(new Date(), programme.timezone);
    const checked = checkMuteRequest(programme, request, today);
    if ('problems' in checked) {
      // A request that cannot be a mute is a usage error; a pattern that matches nothing, a typo.
      const usage = checked.problems.find((problem) => problem.code !== 'matches-nothing');
      if (usage) throw new UsageError(usage.message);
      throw new InvalidInputError(
        checked.problems.map((problem) => ({
          file: catalogFile,
          location: `--${problem.field}`,
          message: problem.message,
        })),
      );
    }
    const until = checked.draft.until;
    const mute = await withMutes(parsed, (mutes, audit) =>
      addMute({ mutes, audit }, programme, checked.draft, new Date().toISOString()),
    );
    writeOut(
      `muted ${describeMatchers(mute)} until ${until} (id ${mute.id}): alerts are evaluated but nobody is told`,
    );
    return 0;
  },
};

export const muteListCommand: Command = {
  name: 'mute list',
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
    const removed = await withMutes(parsed, (mutes, audit) =>
      liftMute({ mutes, audit }, programme, id, { at: new Date().toISOString(), by: author }),
    );
    if (!removed) {
      writeErr(`no active mute "${id}" in ${programme.id} (see dtwatch mute list --all)`);
      return 1;
    }
    writeOut(`removed mute ${id}: its alerts resume at the next run`);
    return 0;
  },
};

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
