/** One `dtwatch` command. `run` returns the exit code; errors are mapped by cli/main.ts. */
export interface Command {
  /** Words after `dtwatch`, e.g. `catalog check`. */
  readonly name: string;
  /** The full `--help` text. */
  readonly help: string;
  /** How people type it, when not `dtwatch <name>` (e.g. `npm start --`): hints name this. */
  readonly invocation?: string;
  run(argv: string[]): Promise<number>;
}

export function writeOut(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

export function writeErr(text: string): void {
  process.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
}
