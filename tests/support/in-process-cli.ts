import { main } from '../../cli/main.ts';

/**
 * Runs the CLI's main() in this process with stdout and stderr captured. (Spawned runs lose their
 * output while the embedded store's close() waits on an unreferenced worker: see the report.)
 */
export async function cliInProcess(args: string[], env: Record<string, string> = {}) {
  const settings: Record<string, string> = { DTWATCH_TABLE: '', DTWATCH_DATA_DIR: '', ...env };
  const saved = Object.fromEntries(Object.keys(settings).map((key) => [key, process.env[key]]));
  Object.assign(process.env, settings);
  const out: string[] = [];
  const err: string[] = [];
  const originals = { out: process.stdout.write, err: process.stderr.write };
  process.stdout.write = ((chunk: string) => out.push(String(chunk)) > 0) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string) => err.push(String(chunk)) > 0) as typeof process.stderr.write;
  try {
    const status = await main(args);
    return { status, stdout: out.join(''), stderr: err.join('') };
  } finally {
    process.stdout.write = originals.out;
    process.stderr.write = originals.err;
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}
