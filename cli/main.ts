import './sdk-environment.ts';
import { ConfigError, formatProblem, InvalidInputError, UsageError } from '../shared/errors.ts';
import { routeLogsToStderr } from '../shared/logger.ts';
import { type Command, writeErr, writeOut } from './command.ts';
import { COMMANDS, type CommandEntry } from './commands/registry.ts';

const EXIT_INVALID_INPUT = 1;
const EXIT_USAGE = 2;
const EXIT_FAILURE = 3;

function overview(commands: readonly CommandEntry[], prefix = ''): string {
  const width = Math.max(...commands.map((command) => command.name.length));
  return [
    `Usage: dtwatch ${prefix ? `${prefix} ` : ''}<command> [options]   (dtwatch <command> --help for details)`,
    '',
    'Commands:',
    ...commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
  ].join('\n');
}

/** The longest command name that the arguments start with. */
function findCommand(argv: readonly string[]): { command?: CommandEntry; rest: string[] } {
  let best: CommandEntry | undefined;
  for (const command of COMMANDS) {
    const words = command.name.split(' ');
    const matches = words.every((word, index) => argv[index] === word);
    if (matches && (!best || words.length > best.name.split(' ').length)) best = command;
  }
  return { command: best, rest: argv.slice(best ? best.name.split(' ').length : 0) };
}

export async function main(argv: string[]): Promise<number> {
  routeLogsToStderr();
  const { command, rest } = findCommand(argv);
  if (!command) {
    const [first] = argv;
    if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
      writeOut(overview(COMMANDS));
      return first === undefined ? EXIT_USAGE : 0;
    }
    const group = COMMANDS.filter((candidate) => candidate.name.startsWith(`${first} `));
    if (group.length > 0) {
      const asksHelp = argv[1] === '--help' || argv[1] === '-h';
      (asksHelp ? writeOut : writeErr)(overview(group, first));
      return asksHelp ? 0 : EXIT_USAGE;
    }
    writeErr(`dtwatch: unknown command "${first}"\n\n${overview(COMMANDS)}`);
    return EXIT_USAGE;
  }
  return runCommand(await command.load(), rest);
}

/** Runs one command and maps its failure to an exit code and a message without a stack trace. */
export async function runCommand(command: Command, argv: string[]): Promise<number> {
  try {
    return await command.run(argv);
  } catch (error) {
    return reportFailure(error, command);
  }
}

function reportFailure(error: unknown, command: Command): number {
  if (error instanceof InvalidInputError) {
    for (const problem of error.problems) writeErr(formatProblem(problem));
    return EXIT_INVALID_INPUT;
  }
  if (error instanceof UsageError) {
    const invocation = command.invocation ?? `dtwatch ${command.name}`;
    writeErr(`${invocation.replace(/ --$/, '')}: ${error.message}\nRun "${invocation} --help" for usage.`);
    return EXIT_USAGE;
  }
  if (error instanceof ConfigError) {
    writeErr(`dtwatch: configuration: ${error.message}`);
    return EXIT_USAGE;
  }
  const message = error instanceof Error ? error.message : String(error);
  writeErr(`dtwatch ${command.name}: failed: ${message}`);
  if (process.env.DTWATCH_DEBUG && error instanceof Error) writeErr(error.stack ?? '');
  return EXIT_FAILURE;
}

const isEntryPoint =
  import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('cli/main.ts');
if (isEntryPoint) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      writeErr(`dtwatch: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = EXIT_FAILURE;
    },
  );
}
