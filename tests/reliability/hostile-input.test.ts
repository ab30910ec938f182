import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCatalogFile, readInputBytes } from '../../cli/files.ts';
import { MAX_CATALOG_BYTES, parseCatalog } from '../../shared/catalog/parse-catalog.ts';
import { buildProgramme } from '../../shared/catalog/programme.ts';
import { formatProblem, InvalidInputError, type Problem } from '../../shared/errors.ts';
import { checkRows } from '../../shared/snapshots/observation-rows.ts';
import {
  decodeSnapshotBytes,
  MAX_SNAPSHOT_BYTES,
  parseSnapshotText,
  type SnapshotBatch,
} from '../../shared/snapshots/snapshot-file.ts';
import { s3ObjectDelivery } from '../../shared/sources/s3-csv-source.ts';
import {
  DEFAULT_MAX_BYTES,
  MAX_SOURCES_FILE_BYTES,
  parseSourcesFile,
} from '../../shared/sources/source-config.ts';
import { REPO_ROOT, SPEC_EXAMPLES } from '../support/paths.ts';
import { runCli } from '../support/run-cli.ts';

/**
 * Hostile input against every parser a person or a provider can feed: the catalog, the sources
 * file and snapshot files (JSON, NDJSON, CSV; bytes → text → rows → checked rows). Whatever
 * arrives, the only failure is an InvalidInputError whose problems name the file, say where and
 * say what, one line each; valid documents still parse.
 */

const TODAY = '2026-11-22';
const RUNS = { numRuns: 150 };

const catalogDocuments = [
  ...['ha-tinh-nq05.json', 'nghe-an.json'].map((name) => ({
    name: `catalog/${name}`,
    text: readFileSync(join(REPO_ROOT, 'catalog', name), 'utf8'),
  })),
  ...['basic.catalog.json', 'communes-csv.catalog.json', 'calendar.catalog.json'].map((name) => ({
    name,
    text: readFileSync(join(SPEC_EXAMPLES, name), 'utf8'),
  })),
];
const programme = buildProgramme(
  parseCatalog(readFileSync(join(REPO_ROOT, 'catalog', 'ha-tinh-nq05.json')), 'ha-tinh-nq05.json'),
);
const unitIds = [...programme.units.keys()];
const indicatorIds = [...programme.indicators.keys()];

const sourcesDocument = JSON.stringify(
  {
    programme: 'ha-tinh-nq05',
    allowHosts: ['127.0.0.1'],
    sources: [
      {
        id: 'portal',
        kind: 'http-json',
        url: 'https://data.example.vn/snapshots.json?since=2026-01-01',
        auth: { header: 'Authorization', secret: { ssmParameter: '/dtwatch/portal-token' } },
        schedule: 'daily',
        timeoutMs: 20_000,
        maxBytes: 1_000_000,
      },
      {
        id: 'stats',
        kind: 'http-csv',
        url: 'http://127.0.0.1:8080/stats.csv',
        auth: { header: 'X-Api-Key', secret: { secretsManager: 'dtwatch/stats-key' } },
      },
      { id: 'agency-drop', kind: 's3-csv', bucket: 'dtwatch-inbox', prefix: 'ha-tinh/', maxBytes: 2_000_000 },
    ],
  },
  null,
  2,
);

const snapshotRows = [
  { unit: '42', indicator: 'work-records-online', date: '2025-12-31', value: 61.5 },
  { unit: '42', indicator: 'digital-gov-rank', date: '2025-12-31', value: 20 },
  { unit: '42-sokhcn', indicator: 'dossiers-online', date: '2026-06-30', value: 88 },
];
const snapshotDocuments = [
  { name: 'snapshots.json', text: JSON.stringify({ snapshots: snapshotRows }, null, 1) },
  { name: 'list.json', text: JSON.stringify(snapshotRows) },
  { name: 'snapshots.ndjson', text: snapshotRows.map((row) => JSON.stringify(row)).join('\n') },
];

// ---------------------------------------------------------------------------------------------
// What a well-formed refusal looks like

/** Problems about the whole file: they need no location inside it. */
const WHOLE_FILE = [
  /^is \d+ bytes, more than the limit of \d+$/,
  /^is not valid UTF-8 text$/,
  /^invalid JSON at line \d+, column \d+: \S/,
  /^expected \{"snapshots": \[ … \]\} \(or a list of snapshots\)$/,
  /^empty file: expected a header row$/,
];
/** Beyond this nesting the syntax-error locator gives up (stack depth): no line and column then. */
const DEEP_NESTING_SYNTAX = /^invalid JSON: \S/;

function expectWellFormed(error: InvalidInputError, file: string, nestedDeeply = false): void {
  expect(error.problems.length).toBeGreaterThan(0);
  for (const problem of error.problems) expectProblem(problem, file, nestedDeeply);
}

function expectProblem(problem: Problem, file: string, nestedDeeply: boolean): void {
  expect(problem.file).toBe(file);
  expect(problem.message.trim()).not.toBe('');
  // As printed (stderr, run records): one line, nothing a terminal would act on (escape sequences).
  const shown = formatProblem(problem);
  if (/[\p{Cc}\u2028\u2029]/u.test(shown)) throw new Error(`control character in ${JSON.stringify(shown)}`);
  const located =
    (problem.location !== undefined && problem.location.trim() !== '') ||
    WHOLE_FILE.some((pattern) => pattern.test(problem.message)) ||
    (nestedDeeply && DEEP_NESTING_SYNTAX.test(problem.message));
  if (!located) throw new Error(`problem without a location: ${JSON.stringify(problem)}`);
}

/** Runs a parser: its value, or the InvalidInputError it threw (checked); anything else fails. */
function attempt<T>(file: string, run: () => T, nestedDeeply = false): T | InvalidInputError {
  try {
    return run();
  } catch (error) {
    if (!(error instanceof InvalidInputError)) {
      throw new Error(`${file}: threw ${String(error)} instead of an InvalidInputError`, { cause: error });
    }
    expectWellFormed(error, file, nestedDeeply);
    return error;
  }
}

// ---------------------------------------------------------------------------------------------
// Arbitraries: hostile values, structural mutations, text mutations, byte mutations

const HUGE = 'x'.repeat(300_000);

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    null,
    true,
    false,
    0,
    -0,
    -1,
    1.5,
    1e308,
    -1e308,
    2 ** 60,
    '',
    ' ',
    '12,5',
    '1e309',
    'NaN',
    'Infinity',
    '-0',
    '=1+2',
    "=cmd|' /C calc'!A0",
    '+84901234567',
    '-2+3',
    '@SUM(A1)',
    '\u0000',
    'a\u0000b',
    '\uFEFF',
    'a\nb',
    'x\r\nBcc: y@example.org',
    '\u202eevil',
    '𝒳😀',
    '<script>alert(1)</script>',
    '__proto__',
    'constructor',
    '2025-02-30',
    '0000-00-00',
    '../../etc/passwd',
    HUGE,
    [],
    {},
    { __proto__: null, polluted: true },
  ),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.double(),
  fc.integer(),
  fc.jsonValue({ maxDepth: 3 }),
);

type Path = readonly (string | number)[];

/** Every node of a JSON document, as the path leading to it (the root first). */
function nodePaths(document: unknown): Path[] {
  const paths: Path[] = [];
  const visit = (node: unknown, path: Path) => {
    paths.push(path);
    if (Array.isArray(node)) {
      for (const [index, child] of node.entries()) visit(child, [...path, index]);
    } else if (node !== null && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) visit(child, [...path, key]);
    }
  };
  visit(document, []);
  return paths;
}

type StructuralMutation =
  | { op: 'set'; pick: number; value: unknown }
  | { op: 'delete'; pick: number }
  | { op: 'wrap'; pick: number; inArray: boolean }
  | { op: 'addKey'; pick: number; key: string; value: unknown };

const structuralMutation: fc.Arbitrary<StructuralMutation> = fc.oneof(
  fc.record({ op: fc.constant('set' as const), pick: fc.nat(), value: hostileValue }),
  fc.record({ op: fc.constant('delete' as const), pick: fc.nat() }),
  fc.record({ op: fc.constant('wrap' as const), pick: fc.nat(), inArray: fc.boolean() }),
  fc.record({
    op: fc.constant('addKey' as const),
    pick: fc.nat(),
    key: fc.oneof(fc.constantFrom('__proto__', 'constructor', 'id', 'extra', ''), fc.string()),
    value: hostileValue,
  }),
);

function applyStructural(document: unknown, mutation: StructuralMutation): unknown {
  const paths = nodePaths(document);
  const path = paths[mutation.pick % paths.length] ?? [];
  const replaceAt = (
    root: unknown,
    at: Path,
    change: (node: unknown) => unknown | typeof REMOVE,
  ): unknown => {
    if (at.length === 0) {
      const next = change(root);
      return next === REMOVE ? null : next;
    }
    const [head, ...rest] = at as [string | number, ...(string | number)[]];
    if (Array.isArray(root)) {
      const copy = [...root];
      const next =
        rest.length === 0 ? change(copy[head as number]) : replaceAt(copy[head as number], rest, change);
      if (next === REMOVE) copy.splice(head as number, 1);
      else copy[head as number] = next;
      return copy;
    }
    const copy: Record<string, unknown> = { ...(root as Record<string, unknown>) };
    const next = rest.length === 0 ? change(copy[head]) : replaceAt(copy[head], rest, change);
    if (next === REMOVE) delete copy[head];
    else
      Object.defineProperty(copy, head, {
        value: next,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    return copy;
  };
  switch (mutation.op) {
    case 'set':
      return replaceAt(document, path, () => mutation.value);
    case 'delete':
      return replaceAt(document, path, () => REMOVE);
    case 'wrap':
      return replaceAt(document, path, (node) => (mutation.inArray ? [node] : { value: node }));
    case 'addKey':
      return replaceAt(document, path, (node) => {
        if (node === null || typeof node !== 'object' || Array.isArray(node)) return node;
        const copy: Record<string, unknown> = { ...(node as Record<string, unknown>) };
        Object.defineProperty(copy, mutation.key, {
          value: mutation.value,
          enumerable: true,
          writable: true,
          configurable: true,
        });
        return copy;
      });
  }
}
const REMOVE = Symbol('remove');

type TextMutation =
  | { op: 'insert'; at: number; token: string }
  | { op: 'cut'; at: number; length: number }
  | { op: 'truncate'; at: number }
  | { op: 'number'; pick: number; literal: string }
  | { op: 'duplicateKey'; pick: number; value: string }
  | { op: 'lineEnds'; ending: '\r\n' | '\r' }
  | { op: 'bom'; count: number }
  | { op: 'nest'; depth: number; closed: boolean };

const RAW_TOKENS = [
  'NaN',
  '1e309',
  '-0',
  'Infinity',
  '"',
  ',',
  '}',
  ']',
  '{',
  '[',
  ':',
  '\u0000',
  '\uFEFF',
  '// comment',
  '/*',
  "'",
  '\\',
  '"\\u00"',
  '\n',
  '\r',
  '\u2028',
  'undefined',
];

const textMutation: fc.Arbitrary<TextMutation> = fc.oneof(
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), token: fc.constantFrom(...RAW_TOKENS) }),
  fc.record({ op: fc.constant('cut' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({
    op: fc.constant('number' as const),
    pick: fc.nat(),
    literal: fc.constantFrom(
      '1e309',
      '-1e309',
      '-0',
      '1e-400',
      '123456789012345678901234567890',
      '0.1e-99999',
    ),
  }),
  fc.record({
    op: fc.constant('duplicateKey' as const),
    pick: fc.nat(),
    value: fc.constantFrom('null', '"dup"', '1e309', '{}', '[]', '-0'),
  }),
  fc.record({
    op: fc.constant('lineEnds' as const),
    ending: fc.constantFrom('\r\n' as const, '\r' as const),
  }),
  fc.record({ op: fc.constant('bom' as const), count: fc.integer({ min: 1, max: 3 }) }),
  fc.record({
    op: fc.constant('nest' as const),
    depth: fc.oneof(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1_000, max: 20_000 })),
    closed: fc.boolean(),
  }),
);

function applyText(text: string, mutation: TextMutation): string {
  const at = (offset: number) => offset % (text.length + 1);
  switch (mutation.op) {
    case 'insert':
      return text.slice(0, at(mutation.at)) + mutation.token + text.slice(at(mutation.at));
    case 'cut':
      return text.slice(0, at(mutation.at)) + text.slice(at(mutation.at) + mutation.length);
    case 'truncate':
      return text.slice(0, at(mutation.at));
    case 'number': {
      const numbers = [...text.matchAll(/(?<=[:[,]\s*)-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g)];
      const target = numbers[mutation.pick % Math.max(1, numbers.length)];
      if (!target || target.index === undefined) return text;
      return text.slice(0, target.index) + mutation.literal + text.slice(target.index + target[0].length);
    }
    case 'duplicateKey': {
      // The second spelling of a key is the one JSON.parse keeps.
      const keys = [...text.matchAll(/"([A-Za-z]+)"\s*:\s*("[^"]*"|-?\d[\d.eE+-]*|true|false|null)/g)];
      const target = keys[mutation.pick % Math.max(1, keys.length)];
      if (!target || target.index === undefined) return text;
      const end = target.index + target[0].length;
      return `${text.slice(0, end)}, "${target[1]}": ${mutation.value}${text.slice(end)}`;
    }
    case 'lineEnds':
      return text.replace(/\n/g, mutation.ending);
    case 'bom':
      return '\uFEFF'.repeat(mutation.count) + text;
    case 'nest':
      return `${'['.repeat(mutation.depth)}${text}${mutation.closed ? ']'.repeat(mutation.depth) : ''}`;
  }
}

const INVALID_UTF8: readonly (readonly number[])[] = [
  [0xff],
  [0x80],
  [0xc3, 0x28],
  [0xc0, 0xaf],
  [0xe2, 0x82],
  [0xed, 0xa0, 0x80],
  [0xf4, 0x90, 0x80, 0x80],
  [0xf8, 0x88, 0x80, 0x80, 0x80],
];

const byteMutation = fc.option(fc.record({ at: fc.nat(), sequence: fc.constantFrom(...INVALID_UTF8) }), {
  freq: 3,
  nil: undefined,
});

function toBytes(
  text: string,
  mutation: { at: number; sequence: readonly number[] } | undefined,
): Uint8Array {
  const bytes = new TextEncoder().encode(text);
  if (!mutation) return bytes;
  const at = mutation.at % (bytes.length + 1);
  return Buffer.concat([bytes.subarray(0, at), Uint8Array.from(mutation.sequence), bytes.subarray(at)]);
}

/** A valid document, mutated in its structure, then as text, then as bytes. */
function hostileDocument(documents: readonly { name: string; text: string }[]) {
  return fc
    .record({
      base: fc.constantFrom(...documents),
      structural: fc.array(structuralMutation, { maxLength: 3 }),
      indent: fc.constantFrom(0, 1, 2, '\t'),
      text: fc.array(textMutation, { maxLength: 2 }),
      bytes: byteMutation,
    })
    .map(({ base, structural, indent, text, bytes }) => {
      const ndjson = base.name.endsWith('.ndjson');
      let document: unknown = JSON.parse(ndjson ? `[${base.text.split('\n').join(',')}]` : base.text);
      for (const mutation of structural) document = applyStructural(document, mutation);
      const serialise = (value: unknown) =>
        ndjson && Array.isArray(value)
          ? value.map((line) => JSON.stringify(line)).join('\n')
          : JSON.stringify(value, null, indent);
      let serialised = structural.length === 0 ? base.text : serialise(document);
      for (const mutation of text) serialised = applyText(serialised, mutation);
      const nestedDeeply = text.some((mutation) => mutation.op === 'nest' && mutation.depth >= 1_000);
      return { file: base.name, text: serialised, bytes: toBytes(serialised, bytes), nestedDeeply };
    });
}

// ---------------------------------------------------------------------------------------------
// Catalog and sources file

describe('catalog parser under hostile input', () => {
  it('every valid catalog parses, as bytes and as text, with a BOM and CRLF or CR line ends', () => {
    for (const { name, text } of catalogDocuments) {
      const reference = parseCatalog(text, name);
      for (const variant of [text, `\uFEFF${text}`, text.replace(/\n/g, '\r\n'), text.replace(/\n/g, '\r')]) {
        expect(parseCatalog(new TextEncoder().encode(variant), name)).toEqual(reference);
      }
    }
  });

  it('never fails with anything but located InvalidInputError problems', () => {
    fc.assert(
      fc.property(hostileDocument(catalogDocuments), ({ file, text, bytes, nestedDeeply }) => {
        attempt(file, () => parseCatalog(bytes, file), nestedDeeply);
        attempt(file, () => parseCatalog(text, file), nestedDeeply);
      }),
      RUNS,
    );
  });

  it.each([
    ['1e309 as a bound', (text: string) => text.replace('"max": 100', '"max": 1e309'), 'indicators[0].max'],
    ['-0 as a milestone date', (text: string) => text.replace(/"date": "[^"]+"/, '"date": -0'), 'date'],
    [
      '"12,5" as a number',
      (text: string) => text.replace('"max": 100', '"max": "12,5"'),
      'indicators[0].max',
    ],
    ['a NUL in an id', (text: string) => text.replace('"id": "42"', '"id": "4\\u00002"'), 'units'],
    [
      'a later duplicate key',
      (text: string) => text.replace('"direction": "increase"', '"direction": "increase", "direction": "up"'),
      'direction',
    ],
  ])('names the field for %s', (_, mutate, location) => {
    const text = mutate(catalogDocuments[0]?.text ?? '');
    const error = attempt('c.json', () => parseCatalog(text, 'c.json'));
    expect(error).toBeInstanceOf(InvalidInputError);
    const locations = (error as InvalidInputError).problems.map((problem) => problem.location ?? '');
    expect(locations.some((found) => found.includes(location))).toBe(true);
  });

  it('gives line and column for a syntax error, and reads 10 000 levels of nesting without crashing', () => {
    const broken = attempt('c.json', () => parseCatalog('{\n  "programme": {\n    "id": x\n', 'c.json'));
    expect((broken as InvalidInputError).problems[0]?.message).toMatch(/^invalid JSON at line 3, column 11/);
    const deep = attempt('c.json', () =>
      parseCatalog(`${'['.repeat(10_000)}${']'.repeat(10_000)}`, 'c.json'),
    );
    expect((deep as InvalidInputError).problems).toEqual([
      { file: 'c.json', location: '(root)', message: expect.stringMatching(/object/) },
    ]);
    const unclosed = attempt('c.json', () => parseCatalog('['.repeat(100_000), 'c.json'), true);
    expect(unclosed).toBeInstanceOf(InvalidInputError);
  });

  it('refuses invalid UTF-8 and a file over MAX_CATALOG_BYTES before parsing it', () => {
    const text = catalogDocuments[0]?.text ?? '';
    for (const sequence of INVALID_UTF8) {
      const error = attempt('c.json', () => parseCatalog(toBytes(text, { at: 200, sequence }), 'c.json'));
      expect((error as InvalidInputError).problems).toEqual([
        { file: 'c.json', message: 'is not valid UTF-8 text' },
      ]);
    }
    // Never touched: the size is checked first.
    const oversized = new Uint8Array(new ArrayBuffer(MAX_CATALOG_BYTES + 1));
    const error = attempt('c.json', () => parseCatalog(oversized, 'c.json'));
    expect((error as InvalidInputError).problems[0]?.message).toBe(
      `is ${MAX_CATALOG_BYTES + 1} bytes, more than the limit of ${MAX_CATALOG_BYTES}`,
    );
  });
});

describe('sources file parser under hostile input', () => {
  const sources = [{ name: 'sources.json', text: sourcesDocument }];

  it('the valid file parses with a BOM and any line ends', () => {
    const reference = parseSourcesFile(sourcesDocument, 'sources.json');
    for (const variant of [`\uFEFF${sourcesDocument}`, sourcesDocument.replace(/\n/g, '\r\n')]) {
      expect(parseSourcesFile(new TextEncoder().encode(variant), 'sources.json')).toEqual(reference);
    }
  });

  it('never fails with anything but located InvalidInputError problems', () => {
    fc.assert(
      fc.property(hostileDocument(sources), ({ file, text, bytes, nestedDeeply }) => {
        attempt(file, () => parseSourcesFile(bytes, file), nestedDeeply);
        attempt(file, () => parseSourcesFile(text, file), nestedDeeply);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a file over MAX_SOURCES_FILE_BYTES and a maxBytes the snapshot decoder could never take', () => {
    const oversized = new Uint8Array(new ArrayBuffer(MAX_SOURCES_FILE_BYTES + 1));
    const error = attempt('sources.json', () => parseSourcesFile(oversized, 'sources.json'));
    expect((error as InvalidInputError).problems[0]?.message).toMatch(/more than the limit of 1048576$/);
    const greedy = sourcesDocument.replace('"maxBytes": 1000000', `"maxBytes": ${MAX_SNAPSHOT_BYTES + 1}`);
    const refused = attempt('sources.json', () => parseSourcesFile(greedy, 'sources.json'));
    expect((refused as InvalidInputError).problems).toEqual([
      { file: 'sources.json', location: 'sources[0].maxBytes', message: `must be ≤ ${MAX_SNAPSHOT_BYTES}` },
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// Snapshot files: bytes → text → format → rows → checked rows

const LOCATION = /^(?:line (\d+)|(?:snapshots)?\[\d+\])$/;

/** The whole snapshot pipeline as ingestion runs it; checks every row-level outcome too. */
function ingestShape(bytes: Uint8Array, file: string, hint?: string, nestedDeeply = false) {
  const text = attempt(file, () => decodeSnapshotBytes(bytes, file));
  if (text instanceof InvalidInputError) return text;
  const batch = attempt(file, () => parseSnapshotText(text, file, hint), nestedDeeply);
  if (batch instanceof InvalidInputError) return batch;
  const checked = checkRows(programme, batch, { rejectAfter: TODAY });
  const lines = text.split(/\r\n|\r|\n/).length;
  for (const rejected of checked.rejected) {
    const match = LOCATION.exec(rejected.location);
    if (!match) throw new Error(`rejected row without a location: ${JSON.stringify(rejected)}`);
    if (match[1] !== undefined) expect(Number(match[1])).toBeLessThanOrEqual(lines);
    expect(rejected.reason.trim()).not.toBe('');
    // Reasons are stored with each quarantined row and printed one per line.
    expect(rejected.reason.length).toBeLessThan(500);
    if (/[\p{Cc}\u2028\u2029]/u.test(rejected.reason))
      throw new Error(`control character in ${rejected.reason}`);
    for (const shown of Object.values(rejected.row)) expect((shown ?? '').length).toBeLessThanOrEqual(201);
  }
  for (const observation of checked.observations) {
    expect(Number.isFinite(observation.value)).toBe(true);
    expect(programme.planOf(observation.unit, observation.indicator)).toBeDefined();
    expect(observation.date <= TODAY).toBe(true);
  }
  expect(checked.observations.length + checked.rejected.length + checked.ignored).toBeLessThanOrEqual(
    batch.rows.length + batch.unreadable.length,
  );
  expect(checked.rejected.length).toBeGreaterThanOrEqual(batch.unreadable.length);
  return batch;
}

type Quoting = 'plain' | 'quoted' | 'broken';
const CSV_CELLS = [
  '=1+2',
  "=cmd|' /C calc'!A0",
  '+5',
  '-0',
  '-2+3',
  '@SUM(A1)',
  '12,5',
  '1e309',
  'NaN',
  '',
  ' ',
  '"',
  'a"b',
  '"unbalanced',
  'closed"after',
  '"a""b"',
  '"a"b',
  'a\nb',
  'a\r\nb',
  'a\rb',
  '\u0000',
  '\uFEFF42',
  '2025-02-30',
  HUGE,
];

const csvCell = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...unitIds.slice(0, 5), ...indicatorIds.slice(0, 3)) },
  { weight: 2, arbitrary: fc.constantFrom('2025-12-31', '2026-06-30', '2027-01-01') },
  { weight: 2, arbitrary: fc.constantFrom('61.5', '12,5', '100', '-1', '0') },
  { weight: 3, arbitrary: fc.constantFrom(...CSV_CELLS) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
);

function renderCell(value: string, quoting: Quoting, delimiter: string): string {
  if (quoting === 'quoted') return `"${value.replace(/"/g, '""')}"`;
  if (quoting === 'broken') return `"${value}`;
  return value.includes(delimiter) ? value.split(delimiter).join(' ') : value;
}

const hostileCsv = fc
  .record({
    delimiter: fc.constantFrom(',', ';', '\t'),
    ending: fc.constantFrom('\n', '\r\n', '\r'),
    bom: fc.boolean(),
    header: fc.shuffledSubarray(['unit', 'indicator', 'date', 'value', 'note', 'UNIT'], { minLength: 3 }),
    rows: fc.array(
      fc.array(
        fc.record({
          value: csvCell,
          quoting: fc.constantFrom<Quoting>('plain', 'plain', 'quoted', 'broken'),
        }),
        { minLength: 1, maxLength: 7 },
      ),
      { maxLength: 12 },
    ),
    bytes: byteMutation,
  })
  .map(({ delimiter, ending, bom, header, rows, bytes }) => {
    const lines = [
      header.join(delimiter),
      ...rows.map((cells) =>
        cells.map((cell) => renderCell(cell.value, cell.quoting, delimiter)).join(delimiter),
      ),
    ];
    const text = `${bom ? '\uFEFF' : ''}${lines.join(ending)}`;
    return { text, bytes: toBytes(text, bytes) };
  });

describe('snapshot parsers under hostile input', () => {
  it('valid JSON, list and NDJSON snapshots are all accepted, with a BOM and any line ends', () => {
    for (const { name, text } of snapshotDocuments) {
      for (const variant of [text, `\uFEFF${text}`, text.replace(/\n/g, '\r\n')]) {
        const batch = ingestShape(new TextEncoder().encode(variant), name) as SnapshotBatch;
        const checked = checkRows(programme, batch, { rejectAfter: TODAY });
        expect(checked.rejected).toEqual([]);
        expect(checked.observations).toEqual(snapshotRows);
      }
    }
  });

  it('mutated JSON and NDJSON never fail with anything but located problems', () => {
    fc.assert(
      fc.property(
        hostileDocument(snapshotDocuments),
        fc.constantFrom(undefined, 'application/json', 'application/x-ndjson', 'text/csv'),
        ({ file, bytes, nestedDeeply }, hint) => {
          ingestShape(bytes, file, hint, nestedDeeply);
          ingestShape(bytes, 'upload', undefined, nestedDeeply);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('CSV with odd quoting, line ends, BOMs, formulas, NULs and huge fields never fails otherwise', () => {
    fc.assert(
      fc.property(hostileCsv, ({ bytes }) => {
        ingestShape(bytes, 'drop.csv');
      }),
      { numRuns: 300 },
    );
  });

  it('well-quoted CSV in any dialect is read value for value', () => {
    const row = fc.record({
      unit: fc.constantFrom('42', '436', '437'),
      indicator: fc.constant('work-records-online'),
      date: fc.constantFrom('2024-06-30', '2024-12-31', '2025-06-30'),
      value: fc.integer({ min: 0, max: 10_000 }).map((hundredths) => hundredths / 100),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(row, {
          selector: (entry) => `${entry.unit}|${entry.date}`,
          minLength: 1,
          maxLength: 6,
        }),
        fc.constantFrom(',', ';', '\t'),
        fc.constantFrom('\n', '\r\n', '\r'),
        fc.boolean(),
        fc.boolean(),
        (rows, delimiter, ending, bom, quoteAll) => {
          const comma = delimiter !== ',';
          const cell = (text: string) => (quoteAll ? `"${text}"` : text);
          const lines = [
            ['value', 'note', 'date', 'indicator', 'unit'].map(cell).join(delimiter),
            ...rows.map((entry) =>
              [
                cell(comma ? String(entry.value).replace('.', ',') : String(entry.value)),
                `"say ""hi""${delimiter}${ending}twice"`,
                cell(entry.date),
                cell(entry.indicator),
                cell(entry.unit),
              ].join(delimiter),
            ),
          ];
          const text = `${bom ? '\uFEFF' : ''}${lines.join(ending)}${ending}`;
          const batch = ingestShape(new TextEncoder().encode(text), 'dialect.csv') as SnapshotBatch;
          const checked = checkRows(programme, batch, { rejectAfter: TODAY });
          expect(checked.rejected).toEqual([]);
          expect(checked.observations).toEqual(rows);
        },
      ),
      RUNS,
    );
  });

  it.each([
    ['1e309', 'value "1e309" is not a number'],
    ['-1e309', 'value "-1e309" is not a number'],
    ['NaN', 'value "NaN" is not a number'],
    ['=1+2', 'value "=1+2" is not a number'],
    ['@SUM(A1)', 'value "@SUM(A1)" is not a number'],
    ['12,5', 'has 5 fields, the header has 4 (quote a decimal comma: "93,5")'],
    ['"12,5"', null],
    ['+12.5', null],
    ['-0', null],
  ])('CSV value %s: %s', (value, reason) => {
    const text = `unit,indicator,date,value\n42,work-records-online,2025-12-31,${value}\n`;
    const checked = checkRows(programme, parseSnapshotText(text, 'v.csv'), { rejectAfter: TODAY });
    if (reason === null) expect(checked.observations).toHaveLength(1);
    else expect(checked.rejected.map((row) => row.reason)).toEqual([reason]);
  });

  it('a huge cell is cut in the reason and in the quarantined row', () => {
    const text = `unit,indicator,date,value\n${HUGE},work-records-online,2025-12-31,${HUGE}\n`;
    const [rejected] = checkRows(programme, parseSnapshotText(text, 'v.csv')).rejected;
    expect(rejected?.reason).toBe(`unknown unit "${'x'.repeat(79)}…`);
    expect(rejected?.row.unit).toHaveLength(201);
  });

  it('JSON values 1e309 and NaN-like strings are refused, never stored as Infinity', () => {
    const text =
      '{"snapshots":[{"unit":"42","indicator":"work-records-online","date":"2025-12-31","value":1e309},' +
      '{"unit":"42","indicator":"work-records-online","date":"2025-06-30","value":"NaN"}]}';
    const checked = checkRows(programme, parseSnapshotText(text, 's.json'), { rejectAfter: TODAY });
    expect(checked.observations).toEqual([]);
    expect(checked.rejected.map((row) => row.reason)).toEqual([
      'value Infinity is not a number',
      'value "NaN" is not a number',
    ]);
  });

  it('refuses a snapshot over MAX_SNAPSHOT_BYTES without reading it', () => {
    const oversized = new Uint8Array(new ArrayBuffer(MAX_SNAPSHOT_BYTES + 1));
    const error = attempt('big.csv', () => decodeSnapshotBytes(oversized, 'big.csv'));
    expect((error as InvalidInputError).problems[0]?.message).toBe(
      `is ${MAX_SNAPSHOT_BYTES + 1} bytes, more than the limit of ${MAX_SNAPSHOT_BYTES}`,
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Size limits where the bytes come from: files on the command line and S3 objects

describe('size limits at the edges', () => {
  const folder = mkdtempSync(join(tmpdir(), 'dtwatch-hostile-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  /** A sparse file: it claims its size without using the disk. */
  function sparse(name: string, size: number): string {
    const path = join(folder, name);
    writeFileSync(path, '');
    truncateSync(path, size);
    return path;
  }

  it('the CLI reads no catalog, snapshot file or sources file past its limit', async () => {
    const cases = [
      { path: sparse('huge-catalog.json', 3 * 1024 ** 3), limit: MAX_CATALOG_BYTES },
      { path: sparse('huge.csv', MAX_SNAPSHOT_BYTES + 1), limit: MAX_SNAPSHOT_BYTES },
      { path: sparse('sources.json', MAX_SOURCES_FILE_BYTES + 1), limit: MAX_SOURCES_FILE_BYTES },
    ];
    for (const { path, limit } of cases) {
      const refused = await readInputBytes(path, limit).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(InvalidInputError);
      expect((refused as InvalidInputError).problems).toEqual([
        {
          file: path,
          message: expect.stringMatching(new RegExp(`^is \\d+ bytes, more than the limit of ${limit}$`)),
        },
      ]);
    }
    await expect(loadCatalogFile(cases[0]?.path ?? '')).rejects.toBeInstanceOf(InvalidInputError);
  });

  it('end to end, an oversized file is invalid input (exit 1, one line on stderr), not a crash', () => {
    const catalog = join(REPO_ROOT, 'catalog', 'ha-tinh-nq05.json');
    const snapshots = sparse('end-to-end.csv', MAX_SNAPSHOT_BYTES + 1);
    const run = runCli(['evaluate', '--catalog', catalog, '--snapshots', snapshots]);
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe(
      `${snapshots}: is ${MAX_SNAPSHOT_BYTES + 1} bytes, more than the limit of ${MAX_SNAPSHOT_BYTES}`,
    );
  });

  it('an S3 object without Content-Length is still held to maxBytes', async () => {
    const body = new TextEncoder().encode(`unit,indicator,date,value\n${'42,x,2025-01-31,1\n'.repeat(200)}`);
    const client = {
      send: async () => ({ Body: { transformToByteArray: async () => body } }),
    } as unknown as Pick<S3Client, 'send'>;
    const source = {
      id: 'drop',
      kind: 's3-csv' as const,
      bucket: 'dtwatch-drop',
      prefix: 'in/',
      maxBytes: 1_000,
    };
    const delivery = s3ObjectDelivery(source, 'in/no-length.csv', client);
    await expect(delivery.read()).rejects.toMatchObject({
      problems: [
        { file: 'in/no-length.csv', message: `is ${body.byteLength} bytes, more than the limit of 1000` },
      ],
    });
    expect(DEFAULT_MAX_BYTES).toBeLessThanOrEqual(MAX_SNAPSHOT_BYTES);
  });
});
