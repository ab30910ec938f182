/**
 * Which test files need more than Node: the emulator tier (moto, dynalite, child processes such as
 * the CLI, cfn-lint or openssl) and the browser tier (Chromium). Everything else is the unit tier,
 * which must run in seconds with nothing installed; tests/unit/test-tiers.test.ts keeps it so.
 * An entry ending in `/` is a whole folder.
 */
export const EMULATOR_TESTS: readonly string[] = [
  'tests/alerts/cli-notify-ack.test.ts',
  'tests/alerts/policy-cli.test.ts',
  'tests/alerts/sns-notifier.test.ts',
  'tests/cli/',
  'tests/digest/digest-cli.test.ts',
  'tests/directory/',
  'tests/digest/s3-report-publisher.test.ts',
  'tests/e2e/',
  'tests/infra/',
  'tests/ingest/ingest-cli.test.ts',
  'tests/ingest/ingest-sources.test.ts',
  'tests/records/',
  'tests/reliability/',
  'tests/sources/http-fetcher.test.ts',
  'tests/sources/s3-csv-source.test.ts',
  'tests/sources/secret-resolver.test.ts',
  'tests/store/contract/dynamo.contract.test.ts',
  'tests/store/dynamo-store.test.ts',
  'tests/store/final-records.test.ts',
  'tests/store/mutes.test.ts',
  'tests/store/open-store.test.ts',
  'tests/store/programme-isolation.test.ts',
  'tests/store/store-init-cli.test.ts',
  'tests/tools/catalog-units.test.ts',
  'tests/web/alert-link-cycle.test.ts',
];

export const BROWSER_TESTS: readonly string[] = [
  'tests/digest/digest-browser.test.ts',
  'tests/web/web-browser.test.ts',
];

/** The entries as vitest include globs. */
export function asGlobs(entries: readonly string[]): string[] {
  return entries.map((entry) => (entry.endsWith('/') ? `${entry}**/*.test.ts` : entry));
}

/** Whether a repository-relative test path falls under one of the entries. */
export function listedIn(entries: readonly string[], path: string): boolean {
  return entries.some((entry) => (entry.endsWith('/') ? path.startsWith(entry) : path === entry));
}
