/**
 * `npm run bench [-- --only <section>] [-- --runs <n>]`: runs the benchmark sections, writes
 * bench/results.json and prints a short table of the targets.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type BenchResults, previousValue, readPreviousResults, writeResults } from './results-file.ts';
import type { BenchContext, BenchTarget } from './section.ts';
import { SECTIONS } from './sections.ts';
import { formatFigure } from './timing.ts';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS_FILE = join(REPO_ROOT, 'bench', 'results.json');

async function main(): Promise<number> {
  const { values: options, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      only: { type: 'string', multiple: true },
      runs: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  // `npm run bench -- readpath` is `--only readpath`.
  const only = [...(options.only ?? []), ...positionals];
  const values = { ...options, only: only.length > 0 ? only : undefined };
  if (values.help) {
    console.log(
      [
        'Usage: npm run bench [-- <section>…] [-- --only <section>] [-- --runs <n>]',
        '',
        'Sections:',
        ...SECTIONS.map((section) => `  ${section.name.padEnd(10)} ${section.summary}`),
      ].join('\n'),
    );
    return 0;
  }
  const unknown = (values.only ?? []).filter((name) => !SECTIONS.some((section) => section.name === name));
  if (unknown.length > 0) {
    console.error(
      `bench: unknown section ${unknown.join(', ')} (known: ${SECTIONS.map((s) => s.name).join(', ')})`,
    );
    return 2;
  }
  const runs = Number(values.runs ?? 7);
  if (!Number.isInteger(runs) || runs < 1) {
    console.error('bench: --runs must be a whole number ≥ 1');
    return 2;
  }
  const selected = values.only ? SECTIONS.filter((section) => values.only?.includes(section.name)) : SECTIONS;
  // Always read: `--only` keeps the other sections' figures, and every run keeps the one before for comparison.
  const previous = await readPreviousResults(RESULTS_FILE);
  const earlier: Record<string, Record<string, unknown>> = Object.fromEntries(
    Object.entries(previous?.sections ?? {}).map(([name, section]) => [name, section.figures]),
  );
  const context: BenchContext = {
    repoRoot: REPO_ROOT,
    handoutRoot: resolve(REPO_ROOT, '..', 'shared'),
    runs,
    earlier,
    log: (message) => process.stderr.write(`${message}\n`),
  };

  const sections: BenchResults['sections'] = {};
  const highlights: string[] = [];
  for (const section of selected) {
    const started = performance.now();
    const outcome = await section.run(context);
    const seconds = Math.round((performance.now() - started) / 100) / 10;
    context.log(`${section.name}: done in ${seconds} s`);
    sections[section.name] = {
      summary: section.summary,
      figures: { ...outcome.figures, sectionSeconds: seconds },
      targets: [...outcome.targets],
    };
    earlier[section.name] = outcome.figures;
    highlights.push(...(outcome.highlights ?? []).map((line) => `${section.name}: ${line}`));
  }
  const results = await writeResults(RESULTS_FILE, sections, previous, {
    keepOtherSections: values.only !== undefined,
  });
  console.log(renderTargets(results));
  if (highlights.length > 0) console.log(`\n${highlights.join('\n')}`);
  console.log(`\nwrote ${RESULTS_FILE}`);
  return results.targets.every((target) => target.met) ? 0 : 1;
}

/** Each figure: value, target, their ratio, the previous run's value, and whether it is met. */
function renderTargets(results: BenchResults): string {
  const rows = results.targets.map((target: BenchTarget) => {
    const before = previousValue(results, target.name);
    return [
      target.name,
      `${formatFigure(target.value)} ${target.unit}`,
      `< ${formatFigure(target.target)} ${target.unit}`,
      `${formatFigure(Math.round((target.value / target.target) * 1000) / 1000)}×`,
      before === undefined ? '—' : `${formatFigure(before)} ${target.unit}`,
      target.met
        ? 'met'
        : `MISSED by ${formatFigure(target.missedBy ?? 0)} ${target.unit} (${Math.round((target.missedByShare ?? 0) * 100)}%)`,
    ];
  });
  const header = ['target', 'measured', 'budget', 'ratio', 'previous run', ''];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) =>
        column >= 1 && column <= 4 ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0),
      )
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((width) => '─'.repeat(width))), ...rows.map(line)].join('\n');
}

process.exitCode = await main();
