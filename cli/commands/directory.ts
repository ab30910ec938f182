import {
  checkDirectoryRows,
  type DirectoryRow,
  MAX_DIRECTORY_BYTES,
  parseDirectoryText,
  type RawDirectoryRow,
} from '../../shared/directory/directory-file.ts';
import { compareTenures, peopleInForce, ROLES, seatOf } from '../../shared/domain/person.ts';
import { InvalidInputError, UsageError } from '../../shared/errors.ts';
import { decodeUtf8 } from '../../shared/input-text.ts';
import { applyDirectoryRows, vacateSeat } from '../../shared/use-cases/directory-changes.ts';
import { oneOf, optionalString, type ParsedCommand, parseCommand } from '../args.ts';
import { type Command, writeOut } from '../command.ts';
import {
  DIRECTORY_OPTIONS,
  DIRECTORY_OPTIONS_HELP,
  emailStateOf,
  emailStatesOf,
  personJson,
  withDirectory,
} from '../directory/directory-context.ts';
import { readInputBytes } from '../files.ts';
import { renderColumns } from '../render/terminal.ts';

const IMPORT_HELP = `Usage: dtwatch directory import --catalog <file> <people.csv|people.json> [--as-of DATE] [--data-dir <dir>]

Puts the people of a file in their seats. CSV: a header with unit,role,name,email,phone and
optionally indicator,validFrom,validTo. JSON: {"people": [{unit, role, name, email, phone, ...}]}.
Roles: ${ROLES.join(', ')}; committee and operator rows may leave unit empty; owner rows name
an indicator. A row without validFrom takes effect on --as-of (default today). Someone else in
the seat hands over: their tenure ends the day before and stays in the history. The same person
again changes nothing. Every row is checked first: one bad row imports nothing.

Options:
${DIRECTORY_OPTIONS_HELP}

Exit codes: 0 imported, 1 invalid file or catalog (one problem per line), 2 usage error.`;

export const directoryImportCommand: Command = {
  name: 'directory import',
  help: IMPORT_HELP,
  async run(argv) {
    const parsed = parseCommand(argv, DIRECTORY_OPTIONS, true);
    if (parsed.help) {
      writeOut(IMPORT_HELP);
      return 0;
    }
    const [file, ...extra] = parsed.positionals;
    if (!file) throw new UsageError('name the file: dtwatch directory import --catalog <file> <people.csv>');
    if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
    const text = decodeUtf8(await readInputBytes(file, MAX_DIRECTORY_BYTES), file, MAX_DIRECTORY_BYTES);
    return withDirectory(parsed, async ({ programme, directory, audit, today }) => {
      const rows = parseDirectoryText(text, file, programme);
      const change = await applyDirectoryRows(
        directory,
        programme.id,
        rows,
        today,
        new Date().toISOString(),
        audit,
      );
      writeOut(
        `${file}: ${rows.length} people for ${programme.id}: ${change.written} tenure(s) written, ${change.unchanged} unchanged`,
      );
      return 0;
    });
  },
};

const LIST_HELP = `Usage: dtwatch directory list --catalog <file> [--format json|table] [--as-of DATE] [--data-dir <dir>]

The people in force on the day (default today): one line (table) or one object (json) each,
with unit, role, indicator, name, email, phone, validFrom, validTo and, once the e-mail
subscriptions were synchronised, emailState.

Options:
  --format json|table  default table on a terminal, json otherwise
${DIRECTORY_OPTIONS_HELP}

Exit codes: 0 ok, 1 invalid catalog, 2 usage error.`;

export const directoryListCommand: Command = {
  name: 'directory list',
  help: LIST_HELP,
  async run(argv) {
    const parsed = parseCommand(argv, { ...DIRECTORY_OPTIONS, format: { type: 'string' } });
    if (parsed.help) {
      writeOut(LIST_HELP);
      return 0;
    }
    const format = formatOf(parsed);
    return withDirectory(parsed, async ({ programme, directory, today }) => {
      const [tenures, states] = await Promise.all([
        directory.listTenures(programme.id),
        emailStatesOf(directory),
      ]);
      const people = peopleInForce(tenures, today).map((tenure) =>
        personJson(tenure, emailStateOf(tenure, states)),
      );
      writeOut(format === 'json' ? JSON.stringify(people, null, 2) : peopleTable(people));
      return 0;
    });
  },
};

const SET_HELP = `Usage: dtwatch directory set --catalog <file> --role <role> [--unit <id>] [--indicator <id>]
                     --name <name> [--email <address>] [--phone <E.164>] [--as-of DATE] [--data-dir <dir>]

Puts one person in a seat from --as-of (default today): a new head after a reshuffle, a
corrected phone number. The person who held the seat hands over (their tenure ends the day
before and stays in the history). The next alert run uses the new person: no deploy, no file.

Options:
  --role <role>        ${ROLES.join(', ')}
  --unit <id>          the unit (committee and operator may leave it out)
  --indicator <id>     owners: the indicator they own
  --name, --email, --phone   the person (an e-mail or a phone at least)
${DIRECTORY_OPTIONS_HELP}

Exit codes: 0 ok, 1 invalid value (named), 2 usage error.`;

const PERSON_OPTIONS = {
  ...DIRECTORY_OPTIONS,
  role: { type: 'string' },
  unit: { type: 'string' },
  indicator: { type: 'string' },
  name: { type: 'string' },
  email: { type: 'string' },
  phone: { type: 'string' },
} as const;

export const directorySetCommand: Command = {
  name: 'directory set',
  help: SET_HELP,
  async run(argv) {
    const parsed = parseCommand(argv, PERSON_OPTIONS);
    if (parsed.help) {
      writeOut(SET_HELP);
      return 0;
    }
    return withDirectory(parsed, async ({ programme, directory, audit, today }) => {
      const [row] = checkDirectoryRows([commandLineRow(parsed)], 'command line', programme);
      const change = await applyDirectoryRows(
        directory,
        programme.id,
        [row as DirectoryRow],
        today,
        new Date().toISOString(),
        audit,
      );
      writeOut(
        change.written === 0
          ? `${row?.role} ${row?.unit}: already in the seat, nothing changed`
          : `${row?.role} ${row?.unit}: ${row?.name} from ${today} (${change.written - 1} handover(s) recorded)`,
      );
      return 0;
    });
  },
};

const REMOVE_HELP = `Usage: dtwatch directory remove --catalog <file> --role <role> [--unit <id>] [--indicator <id>]
                        [--email <address>|--phone <E.164>|--name <name>] [--as-of DATE] [--data-dir <dir>]

Ends the tenure of whoever holds the seat, the day before --as-of (default today): from then on
nobody holds it (the catalog's contact, if any, is used again). The tenure stays in the history.
Committee members and operators are told apart by their e-mail (else phone, else name).

Exit codes: 0 removed, 1 nobody held that seat, 2 usage error.`;

export const directoryRemoveCommand: Command = {
  name: 'directory remove',
  help: REMOVE_HELP,
  async run(argv) {
    const parsed = parseCommand(argv, PERSON_OPTIONS);
    if (parsed.help) {
      writeOut(REMOVE_HELP);
      return 0;
    }
    return withDirectory(parsed, async ({ programme, directory, audit, today }) => {
      const role = oneOf(optionalString(parsed, 'role'), ROLES, 'role');
      if (!role) throw new UsageError('--role is required');
      const seat = seatOf({
        role,
        unit: optionalString(parsed, 'unit') ?? '',
        indicator: optionalString(parsed, 'indicator') ?? '',
        name: optionalString(parsed, 'name') ?? '',
        ...(optionalString(parsed, 'email') !== undefined && { email: optionalString(parsed, 'email') }),
        ...(optionalString(parsed, 'phone') !== undefined && { phone: optionalString(parsed, 'phone') }),
      });
      const ended = await vacateSeat(directory, programme.id, seat, today, {
        ...audit,
        at: new Date().toISOString(),
      });
      if (ended === 0) {
        throw new InvalidInputError([
          { location: `--role ${role}`, message: `nobody holds this seat on ${today}` },
        ]);
      }
      writeOut(`${role} ${optionalString(parsed, 'unit') ?? ''}: tenure ended on the day before ${today}`);
      return 0;
    });
  },
};

const HISTORY_HELP = `Usage: dtwatch directory history --catalog <file> [--unit <id>] [--role <role>] [--format json|table] [--data-dir <dir>]

Every tenure ever recorded, past and future included, by seat then date: who answered when.

Exit codes: 0 ok, 1 invalid catalog, 2 usage error.`;

export const directoryHistoryCommand: Command = {
  name: 'directory history',
  help: HISTORY_HELP,
  async run(argv) {
    const parsed = parseCommand(argv, {
      ...DIRECTORY_OPTIONS,
      unit: { type: 'string' },
      role: { type: 'string' },
      format: { type: 'string' },
    });
    if (parsed.help) {
      writeOut(HISTORY_HELP);
      return 0;
    }
    const format = formatOf(parsed);
    const unit = optionalString(parsed, 'unit');
    const role = oneOf(optionalString(parsed, 'role'), ROLES, 'role');
    return withDirectory(parsed, async ({ programme, directory }) => {
      const tenures = (await directory.listTenures(programme.id))
        .filter(
          (tenure) =>
            (unit === undefined || tenure.unit === unit) && (role === undefined || tenure.role === role),
        )
        .sort(compareTenures)
        .map((tenure) => ({ ...personJson(tenure), recordedAt: tenure.recordedAt }));
      writeOut(format === 'json' ? JSON.stringify(tenures, null, 2) : peopleTable(tenures));
      return 0;
    });
  },
};

function formatOf(parsed: ParsedCommand): 'json' | 'table' {
  return (
    oneOf(optionalString(parsed, 'format'), ['json', 'table'], 'format') ??
    (process.stdout.isTTY ? 'table' : 'json')
  );
}

function commandLineRow(parsed: ParsedCommand): RawDirectoryRow {
  const fields: Record<string, unknown> = {};
  for (const name of ['role', 'unit', 'indicator', 'name', 'email', 'phone']) {
    fields[name] = optionalString(parsed, name);
  }
  return { location: 'options', fields };
}

export function peopleTable(people: readonly ReturnType<typeof personJson>[]): string {
  if (people.length === 0) return '(nobody)';
  return renderColumns(
    ['role', 'unit', 'indicator', 'name', 'email', 'phone', 'from', 'to', 'e-mail state'],
    people.map((person) => [
      person.role,
      person.unit,
      person.indicator,
      person.name,
      person.email,
      person.phone,
      person.validFrom,
      person.validTo,
      person.emailState ?? '',
    ]),
    new Set(),
  );
}
