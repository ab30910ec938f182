import { readFile } from 'node:fs/promises';
import { UsageError } from '../../shared/errors.ts';
import { optionalString, parseCommand } from '../args.ts';
import { type Command, writeOut } from '../command.ts';

/** The deployed functions: `functions/<name>/handler.ts`, each exporting `handler(event)`. */
export const FUNCTION_NAMES = ['ingest', 'evaluate-notify', 'digest', 's3-inbox'] as const;
type FunctionName = (typeof FUNCTION_NAMES)[number];

const HELP = `Usage: dtwatch invoke <function> [--event <file>|-]

Runs one Lambda handler in this process, with the current environment, the way Lambda would
(like "sam local invoke"), and prints its result as JSON. Set the environment the deployed
function has (DTWATCH_TABLE, DTWATCH_CATALOGS, ... and AWS_REGION / AWS_ENDPOINT_URL / a profile)
to run it against real or emulated AWS; catalog and sources paths resolve from the working
directory, as they do in the function's bundle.

Functions: ${FUNCTION_NAMES.join(', ')}

Options:
  --event <file>   the invocation event as JSON; "-" reads standard input (default: {})

Examples:
  dtwatch invoke ingest --event event.json     with {"programme": "ha-tinh-nq05", "scheduledTime": "2026-11-23T01:00:00Z"}
  echo '{"programme":"ha-tinh-nq05"}' | dtwatch invoke digest --event -

Exit codes: 0 ok, 1 invalid event (the handler rejected it), 2 usage or configuration error,
3 the handler failed.`;

export const invokeCommand: Command = {
  name: 'invoke',
  help: HELP,
  async run(argv) {
    const parsed = parseCommand(argv, { event: { type: 'string' } }, true);
    if (parsed.help) {
      writeOut(HELP);
      return 0;
    }
    const [name, ...extra] = parsed.positionals;
    if (name === undefined) throw new UsageError(`which function? one of ${FUNCTION_NAMES.join(', ')}`);
    if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
    if (!(FUNCTION_NAMES as readonly string[]).includes(name)) {
      throw new UsageError(`unknown function "${name}" (one of ${FUNCTION_NAMES.join(', ')})`);
    }
    const event = await readEvent(optionalString(parsed, 'event'));
    // stdout carries the result as JSON: the handler's embedded-metric lines (CloudWatch's
    // business in Lambda) would break it, so a local invocation publishes none unless asked.
    process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
    // Imported only now: a handler reads its environment when its module loads, as in Lambda.
    const module = (await import(`../../functions/${name as FunctionName}/handler.ts`)) as {
      handler: (event: unknown) => Promise<unknown>;
    };
    const result = await module.handler(event);
    writeOut(JSON.stringify(result ?? null, null, 2));
    return 0;
  },
};

async function readEvent(source: string | undefined): Promise<unknown> {
  if (source === undefined) return {};
  let text: string;
  try {
    text = source === '-' ? await readStdin() : await readFile(source, 'utf8');
  } catch (error) {
    throw new UsageError(`--event ${source}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`, {
      cause: error,
    });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--event ${source}: not JSON (${(error as Error).message})`, { cause: error });
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
