import { peopleHealth } from '../../shared/directory/people-health.ts';
import { peopleInForce } from '../../shared/domain/person.ts';
import { oneOf, optionalString, parseCommand } from '../args.ts';
import { type Command, writeOut } from '../command.ts';
import {
  DIRECTORY_OPTIONS,
  DIRECTORY_OPTIONS_HELP,
  emailStatesOf,
  withDirectory,
} from '../directory/directory-context.ts';

const HELP = `Usage: dtwatch directory status --catalog <file> [--format json|text] [--as-of DATE] [--data-dir <dir>]

Whether the people in force can be reached: how many e-mail subscriptions are confirmed,
pending (the person has not clicked the link AWS mailed) or gone (unsubscribed, bounced), and
which accountable people (heads, data contacts, committee) have neither a phone nor a working
e-mail. "unsynced" addresses were never seen by the subscription sync (the local outbox needs
none). Names only: no contact details are printed.

Options:
  --format json|text   default text
${DIRECTORY_OPTIONS_HELP}

Exit codes: 0 ok, 1 invalid catalog, 2 usage error.`;

export const directoryStatusCommand: Command = {
  name: 'directory status',
  help: HELP,
  async run(argv) {
    const parsed = parseCommand(argv, { ...DIRECTORY_OPTIONS, format: { type: 'string' } });
    if (parsed.help) {
      writeOut(HELP);
      return 0;
    }
    const format = oneOf(optionalString(parsed, 'format'), ['json', 'text'], 'format') ?? 'text';
    return withDirectory(parsed, async ({ programme, directory, today }) => {
      const [tenures, states] = await Promise.all([
        directory.listTenures(programme.id),
        emailStatesOf(directory),
      ]);
      const health = peopleHealth(peopleInForce(tenures, today), states);
      if (format === 'json') {
        writeOut(JSON.stringify({ programme: programme.id, asOf: today, ...health }, null, 2));
        return 0;
      }
      const { email } = health;
      writeOut(
        [
          `${programme.id} on ${today}: ${health.people} people in force`,
          `  e-mail: confirmed ${email.confirmed}, pending ${email.pending}, gone ${email.gone}, unsynced ${email.unsynced}`,
          `  unreachable accountable people: ${health.unreachable.length}`,
          ...health.unreachable.map((person) => `    - ${person.role} ${person.unit} ${person.name}`),
        ].join('\n'),
      );
      return 0;
    });
  },
};
