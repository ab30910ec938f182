import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import type { BenchTarget } from './section.ts';

export interface BenchResults {
  generatedAt: string;
  machine: { node: string; platform: string; arch: string; cpus: string; cpuCount: number; memoryMb: number };
  /** Every target of every section, flat, for a quick pass/fail. */
  targets: BenchTarget[];
  /** Each section's detailed figures. */
  sections: Record<string, { summary: string; figures: Record<string, unknown>; targets: BenchTarget[] }>;
  /**
   * The run before this one, for comparison: when it was made and its flat targets (its own
   * `previous` is not kept, so the file does not grow).
   */
  previous?: { generatedAt: string; targets: BenchTarget[] };
}

/** A figure of this run beside the same-named one of the previous run (undefined: new figure). */
export function previousValue(results: BenchResults, name: string): number | undefined {
  return results.previous?.targets.find((target) => target.name === name)?.value;
}

export function machineDescription(): BenchResults['machine'] {
  const cpus = os.cpus();
  return {
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
    arch: process.arch,
    cpus: cpus[0]?.model ?? 'unknown',
    cpuCount: cpus.length,
    memoryMb: Math.round(os.totalmem() / 1024 / 1024),
  };
}

/** The previous results, so that `--only <section>` keeps the other sections' figures. */
export async function readPreviousResults(file: string): Promise<BenchResults | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as BenchResults;
  } catch {
    return undefined;
  }
}

export async function writeResults(
  file: string,
  sections: BenchResults['sections'],
  previous: BenchResults | undefined,
  options: { keepOtherSections: boolean } = { keepOtherSections: true },
): Promise<BenchResults> {
  const merged = { ...(options.keepOtherSections ? (previous?.sections ?? {}) : {}), ...sections };
  const results: BenchResults = {
    generatedAt: new Date().toISOString(),
    machine: machineDescription(),
    targets: Object.values(merged).flatMap((section) => section.targets),
    sections: merged,
    ...(previous && { previous: { generatedAt: previous.generatedAt, targets: previous.targets } }),
  };
  await writeFile(file, `${JSON.stringify(results, null, 2)}\n`);
  return results;
}
