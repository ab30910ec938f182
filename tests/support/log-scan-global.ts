import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { maskContact } from '../../shared/pii-mask.ts';
import { REPO_ROOT } from './paths.ts';

/**
 * Global setup of the suite: creates the run folder that log-capture.ts and run-cli.ts fill, and
 * at the end scans every captured log line for contact details. A phone number or a known e-mail
 * address in a log fails the run (exit code 1), listing where it was seen, masked.
 *
 * What counts as a log: every line written to stderr (by a worker or a CLI child: that is where
 * the CLI routes the Powertools logger, progress and diagnostics), and every Powertools JSON
 * record on stdout (Lambda handlers run in-process). Other stdout lines are command output that
 * a person asked for (`ack list`, the outbox preview, `--format json` documents), which may show
 * contacts on purpose, and are not scanned.
 */

export function setup(project: TestProject): () => void {
  const folder = mkdtempSync(join(tmpdir(), 'dtwatch-test-logs-'));
  project.provide('logCaptureDir', folder);
  return () => finish(folder);
}

function finish(folder: string): void {
  const findings = scanCapturedLogs(folder, knownContacts());
  if (findings.length === 0) {
    // DTWATCH_KEEP_TEST_LOGS=1 keeps the captured output to look at.
    if (process.env.DTWATCH_KEEP_TEST_LOGS) console.error(`Captured test output kept in ${folder}`);
    else rmSync(folder, { recursive: true, force: true });
    return;
  }
  process.exitCode = 1;
  const shown = findings
    .slice(0, 50)
    .map((finding) => `  ${finding.file}:${finding.line}: ${finding.masked}`);
  console.error(
    [
      '',
      `PII in logs: ${findings.length} line(s) carry a phone number or a contact's e-mail address.`,
      'Mask them (shared/pii-mask.ts) before they reach the logger or stderr. Found (masked here):',
      ...shown,
      findings.length > shown.length ? `  … and ${findings.length - shown.length} more` : '',
      `Captured output kept in ${folder}`,
      '',
    ].join('\n'),
  );
}

export interface Finding {
  readonly file: string;
  readonly line: number;
  /** The offending values, masked, so the report itself leaks nothing. */
  readonly masked: string;
}

/** Vietnamese mobile and landline spellings: +84 9x…, 09x…, with optional spaces, dots or dashes. */
const VIETNAMESE_PHONE = /(?<![\w*+])(?:\+84[ .-]?|0)[235789]\d(?:[ .-]?\d){7}(?![\w*])/g;
/** The format example in the catalog's own validation message ("such as +84901234567"): nobody's. */
const FORMAT_EXAMPLES = new Set(['+84901234567']);

export function scanCapturedLogs(folder: string, known: readonly string[]): Finding[] {
  if (!existsSync(folder)) return [];
  const knownPattern = known.length > 0 ? new RegExp(known.map(escapeRegExp).join('|'), 'gi') : undefined;
  const findings: Finding[] = [];
  for (const name of readdirSync(folder).sort()) {
    const everyLine = name.endsWith('.stderr.log');
    const lines = readFileSync(join(folder, name), 'utf8').split('\n');
    lines.forEach((line, index) => {
      if (line.startsWith('### ')) return;
      if (!everyLine && !isPowertoolsRecord(line)) return;
      const found = [
        ...(line.match(VIETNAMESE_PHONE) ?? []),
        ...(knownPattern ? (line.match(knownPattern) ?? []) : []),
      ].filter((value) => !FORMAT_EXAMPLES.has(value));
      if (found.length > 0) {
        findings.push({
          file: name,
          line: index + 1,
          masked: [...new Set(found)].map(maskContact).join(', '),
        });
      }
    });
  }
  return findings;
}

function isPowertoolsRecord(line: string): boolean {
  if (!line.startsWith('{')) return false;
  try {
    const record = JSON.parse(line) as Record<string, unknown>;
    return typeof record.level === 'string' && 'message' in record;
  } catch {
    return false;
  }
}

/**
 * E-mail addresses and phone numbers of the people the suite works with: the catalogs' heads,
 * data contacts and steering committees, and the fixtures (spec examples included) written into
 * the tests themselves.
 */
export function knownContacts(): string[] {
  const contacts = new Set<string>();
  const add = (text: string) => {
    for (const match of text.matchAll(/[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g)) {
      contacts.add(match[0].toLowerCase());
    }
    for (const match of text.matchAll(/"phone"\s*:\s*"([^"]+)"/g)) if (match[1]) contacts.add(match[1]);
  };
  const walk = (directory: string, accept: (name: string) => boolean) => {
    if (!existsSync(directory)) return;
    for (const entry of readdirSync(directory, { withFileTypes: true, recursive: true })) {
      if (entry.isFile() && accept(entry.name)) add(readFileSync(join(entry.parentPath, entry.name), 'utf8'));
    }
  };
  walk(join(REPO_ROOT, 'catalog'), (name) => name.endsWith('.json'));
  walk(join(REPO_ROOT, 'tests'), (name) => /\.(?:ts|json)$/.test(name));
  return [...contacts];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
