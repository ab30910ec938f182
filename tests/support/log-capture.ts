import { closeSync, openSync, writeSync } from 'node:fs';
import { join, relative } from 'node:path';
import { format } from 'node:util';
import { expect, inject } from 'vitest';
import { REPO_ROOT } from './paths.ts';

/**
 * Setup file of every test file (vitest `setupFiles`): tees what this worker writes to stdout and
 * stderr (the Powertools logger, Lambda handlers and CLI commands run in-process, node warnings)
 * and what tests print through `console` into files of the run folder that log-scan-global.ts
 * created and scans at the end. CLI child processes are added by run-cli.ts through
 * captureChildOutput. Writes are synchronous so nothing is lost when a worker dies.
 */

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run folder for captured output; unset when the suite runs without the log scan. */
    logCaptureDir: string | undefined;
  }
}

export type CapturedStream = 'stdout' | 'stderr';

interface CaptureState {
  files: Record<CapturedStream, number> | undefined;
  label: string;
  patched: boolean;
}

// A forked worker may run several test files: the patch is made once, the files follow the test file.
const STATE_KEY = Symbol.for('dtwatch.log-capture');
const globalState = globalThis as { [STATE_KEY]?: CaptureState };
const state: CaptureState = globalState[STATE_KEY] ?? { files: undefined, label: '', patched: false };
globalState[STATE_KEY] = state;

const folder = inject('logCaptureDir');
if (folder) {
  for (const fd of Object.values(state.files ?? {})) closeSync(fd);
  const testFile = expect.getState().testPath ?? 'unknown-test-file';
  state.label = relative(REPO_ROOT, testFile).replace(/[^A-Za-z0-9._-]+/g, '_');
  const open = (stream: CapturedStream) =>
    openSync(join(folder, `${state.label}.${process.pid}.worker.${stream}.log`), 'a');
  state.files = { stdout: open('stdout'), stderr: open('stderr') };
  if (!state.patched) {
    teeStream(process.stdout, 'stdout');
    teeStream(process.stderr, 'stderr');
    teeConsole();
    state.patched = true;
  }
}

function record(stream: CapturedStream, chunk: unknown): void {
  const fd = state.files?.[stream];
  if (fd === undefined) return;
  try {
    if (typeof chunk === 'string') writeSync(fd, chunk);
    else writeSync(fd, chunk as Uint8Array);
  } catch {
    // Capturing must never break the test it watches.
  }
}

function teeStream(target: NodeJS.WriteStream, stream: CapturedStream): void {
  const original = target.write;
  target.write = function write(this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]): boolean {
    record(stream, chunk);
    return (original as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
  } as typeof target.write;
}

/** Vitest's console in a worker does not go through process.stdout: tee its methods too. */
function teeConsole(): void {
  const methods: [keyof Console, CapturedStream][] = [
    ['log', 'stdout'],
    ['info', 'stdout'],
    ['debug', 'stdout'],
    ['warn', 'stderr'],
    ['error', 'stderr'],
  ];
  for (const [method, stream] of methods) {
    const original = console[method] as (...args: unknown[]) => void;
    (console as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
      record(stream, `${format(...args)}\n`);
      original.apply(console, args);
    };
  }
}

/** Adds the output of a child process (a CLI run) to the run folder, under a heading line. */
export function captureChildOutput(command: string, stdout: string, stderr: string): void {
  const captureFolder = folder;
  if (!captureFolder) return;
  const heading = `### ${command}\n`;
  for (const [stream, text] of [
    ['stdout', stdout],
    ['stderr', stderr],
  ] as const) {
    if (text === '') continue;
    const fd = openSync(
      join(captureFolder, `${state.label || 'unknown'}.${process.pid}.child.${stream}.log`),
      'a',
    );
    try {
      writeSync(fd, `${heading}${text.endsWith('\n') ? text : `${text}\n`}`);
    } finally {
      closeSync(fd);
    }
  }
}
