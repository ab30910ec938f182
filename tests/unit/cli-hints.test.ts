import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Command } from '../../cli/command.ts';
import { COMMANDS } from '../../cli/commands/registry.ts';
import { startCommand } from '../../cli/local/start-command.ts';
import { runCommand } from '../../cli/main.ts';
import { UsageError } from '../../shared/errors.ts';

const NAMES = new Set(COMMANDS.map((command) => command.name));

/** Every `dtwatch …` a person is told to type, with the words that follow it. */
function hintsIn(text: string): string[] {
  // Typed commands start a line or follow a quote, a backtick or "run", and are followed by an
  // option, a placeholder or a closing quote or backtick: prose about dtwatch is not a hint.
  return [
    ...text.matchAll(/(?:^\s*|["'`]|[Rr]un:? +)dtwatch((?: [a-z][a-z-]*){1,3})(?= --| <|["'`]|$)/gm),
  ].map((match) => (match[1] ?? '').trim());
}

/** The command a hint names: the longest registered name the words start with. */
function commandOf(words: string): string | undefined {
  const parts = words.split(' ');
  for (let length = parts.length; length > 0; length--) {
    const name = parts.slice(0, length).join(' ');
    if (NAMES.has(name)) return name;
  }
  return undefined;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

async function capture(command: Command, argv: string[]): Promise<string> {
  const err: string[] = [];
  const original = process.stderr.write;
  process.stderr.write = ((chunk: string) => err.push(String(chunk)) > 0) as typeof process.stderr.write;
  try {
    await runCommand(command, argv);
  } finally {
    process.stderr.write = original;
  }
  return err.join('');
}

describe('every hint names a command that exists', () => {
  it('the hints written in the CLI, the messages and the docs', () => {
    const files = [...sourceFiles('cli'), ...sourceFiles('shared'), ...sourceFiles('functions'), 'README.md'];
    const unknown: string[] = [];
    let seen = 0;
    for (const file of files) {
      for (const words of hintsIn(readFileSync(file, 'utf8'))) {
        seen += 1;
        if (!commandOf(words)) unknown.push(`${file}: dtwatch ${words}`);
      }
    }
    expect(seen).toBeGreaterThan(10);
    expect(unknown).toEqual([]);
  });

  it('a usage error points to the help of a command people can run, npm start included', async () => {
    const failing = (command: Command): Command => ({
      ...command,
      run: () => Promise.reject(new UsageError('bad option')),
    });
    const commands = await Promise.all(COMMANDS.map((entry) => entry.load()));
    // Each entry of the registry loads the command it lists.
    expect(commands.map((command) => command.name)).toEqual(COMMANDS.map((entry) => entry.name));
    for (const command of [...commands, startCommand]) {
      const stderr = await capture(failing(command), []);
      const hint = /Run "(.+) --help" for usage\./.exec(stderr)?.[1];
      expect(hint, command.name).toBeDefined();
      if (command === startCommand) expect(hint).toBe('npm start --');
      else expect(commandOf(hint?.replace(/^dtwatch /, '') ?? '')).toBe(command.name);
    }
  });
});
