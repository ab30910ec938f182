import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectApproximately } from '../support/approx.ts';
import { SPEC_EXAMPLES } from '../support/paths.ts';
import { runCli } from '../support/run-cli.ts';

interface ExpectedFile {
  asOf: string;
  snapshots: string;
  expected: unknown;
}

const names = readdirSync(SPEC_EXAMPLES)
  .filter((file) => file.endsWith('.expected.json'))
  .map((file) => file.replace(/\.expected\.json$/, ''));

describe('worked examples of the evaluation contract (tests/fixtures/spec-examples)', () => {
  it('finds every example in the repository', () => {
    expect(names).toEqual(['basic', 'calendar', 'communes-csv']);
  });

  it.each(names)('%s: `dtwatch evaluate --format json` prints the expected document', (name) => {
    const expectation = JSON.parse(
      readFileSync(join(SPEC_EXAMPLES, `${name}.expected.json`), 'utf8'),
    ) as ExpectedFile;
    const run = runCli([
      'evaluate',
      '--catalog',
      join(SPEC_EXAMPLES, `${name}.catalog.json`),
      '--snapshots',
      join(SPEC_EXAMPLES, expectation.snapshots),
      '--as-of',
      expectation.asOf,
      '--format',
      'json',
    ]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    // `scorecard` is the project's documented additive key (docs/scorecard.md); the rest is the contract.
    const { scorecard, ...contract } = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(scorecard).toMatchObject({ asOf: expectation.asOf });
    expectApproximately(contract, expectation.expected);
  });
});
