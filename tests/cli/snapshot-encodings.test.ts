import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expectApproximately } from '../support/approx.ts';
import { SPEC_EXAMPLES } from '../support/paths.ts';
import { runCli } from '../support/run-cli.ts';

/**
 * The calendar example sent three ways, JSON, NDJSON and a `;` CSV with decimal commas, each row of
 * a percentage indicator also carrying numerator and denominator: the same document comes out,
 * the contract part equal to the expected one and the scorecard identical across encodings.
 */
interface Row {
  unit: string;
  indicator: string;
  date: string;
  value: number;
  numerator?: number;
  denominator?: number;
}

const workDir = mkdtempSync(join(tmpdir(), 'dtwatch-encodings-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

const catalogFile = join(SPEC_EXAMPLES, 'calendar.catalog.json');
const expected = JSON.parse(readFileSync(join(SPEC_EXAMPLES, 'calendar.expected.json'), 'utf8')) as {
  asOf: string;
  expected: unknown;
};
const PERCENT = new Set(['work-records-online', 'dossiers-online', 'staff-trained']);
// Values have at most two decimals: numerator = value · 100 of a denominator of 10 000 is exact.
const rows: Row[] = (
  JSON.parse(readFileSync(join(SPEC_EXAMPLES, 'calendar.snapshots.json'), 'utf8')) as { snapshots: Row[] }
).snapshots.map((row) =>
  PERCENT.has(row.indicator) ? { ...row, numerator: Math.round(row.value * 100), denominator: 10_000 } : row,
);

const comma = (value: number | undefined) => (value === undefined ? '' : String(value).replace('.', ','));
const files = {
  json: JSON.stringify({ snapshots: rows }),
  ndjson: `${rows.map((row) => JSON.stringify(row)).join('\n')}\n`,
  csv: [
    'date;value;numerator;denominator;note;indicator;unit',
    ...rows.map((row) =>
      [
        row.date,
        comma(row.value),
        comma(row.numerator),
        comma(row.denominator),
        'ghi chú',
        row.indicator,
        row.unit,
      ].join(';'),
    ),
  ].join('\r\n'),
};

function evaluate(name: string, text: string) {
  const file = join(workDir, name);
  writeFileSync(file, text);
  return runCli([
    'evaluate',
    '--catalog',
    catalogFile,
    '--snapshots',
    file,
    '--as-of',
    expected.asOf,
    '--format',
    'json',
  ]);
}

describe('one data set, three encodings', () => {
  it('JSON, NDJSON and ;-CSV with decimal commas give the same evaluation and scorecard', () => {
    const outputs = Object.entries(files).map(([extension, text]) => {
      const run = evaluate(`calendar.${extension}`, text);
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      return JSON.parse(run.stdout) as { scorecard: { targets: { method: string | null }[] } };
    });
    for (const output of outputs) {
      const { scorecard, ...contract } = output;
      expectApproximately(contract, expected.expected);
      expect(scorecard).toEqual(outputs[0]?.scorecard);
    }
    // Percentages carry their counts: their level figures are pooled shares.
    expect(outputs[0]?.scorecard.targets.some((target) => target.method === 'share')).toBe(true);
  });

  it('a numerator that disagrees with the value, or a lone numerator, is rejected with the reason', () => {
    const run = evaluate(
      'bad.csv',
      [
        'unit;indicator;date;value;numerator;denominator',
        '42;work-records-online;2025-12-27;99,88;9000;10000',
        '42;work-records-online;2025-12-26;99,8;998;',
        '42;work-records-online;2025-12-25;99,8;998;0',
      ].join('\n'),
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('line 2: value 99.88 does not match 100 · numerator / denominator = 90');
    expect(run.stderr).toContain('line 3: "numerator" and "denominator" go together: denominator is missing');
    expect(run.stderr).toContain('line 4: denominator "0" is not a number > 0');
  });
});
