import type { DataFolderSnapshot } from './crash-snapshot.ts';

/**
 * What a crashed-then-finished cycle must leave, compared with a cycle that was never
 * interrupted. Returns one line per broken invariant (empty: all hold).
 *
 * One difference is legitimate: on a fixed clock every attempt writes the same source-run record
 * (same start instant), and an attempt after a crash finds some observations already stored, so
 * the record's split between rowsOk and rowsUnchanged moves; their sum may not.
 */
export function brokenInvariants(reference: DataFolderSnapshot, actual: DataFolderSnapshot): string[] {
  const problems: string[] = [];
  problems.push(...itemDifferences('table', reference.items, actual.items));
  problems.push(...itemDifferences('source-run index', reference.indexItems, actual.indexItems));
  problems.push(...fileDifferences('outbox', reference.outbox, actual.outbox));
  problems.push(...fileDifferences('digest', reference.digest, actual.digest));
  problems.push(...ledgerAgainstOutbox(actual));
  return problems;
}

/** Items grouped by kind (the key prefix), for the summary. */
export function itemKinds(snapshot: DataFolderSnapshot): Record<string, number> {
  const kinds: Record<string, number> = {};
  for (const text of snapshot.items) {
    const kind = String((JSON.parse(text) as { pk: string }).pk).split('#')[0] ?? '?';
    kinds[kind] = (kinds[kind] ?? 0) + 1;
  }
  return kinds;
}

function itemDifferences(what: string, reference: readonly string[], actual: readonly string[]): string[] {
  const expected = countBy(reference.map(comparable));
  const found = countBy(actual.map(comparable));
  const missing: string[] = [];
  const extra: string[] = [];
  for (const [item, count] of expected) {
    const have = found.get(item) ?? 0;
    if (have < count) missing.push(item);
  }
  for (const [item, count] of found) {
    const want = expected.get(item) ?? 0;
    if (count > want) extra.push(item);
  }
  const problems: string[] = [];
  if (actual.length !== reference.length) {
    problems.push(`${what}: ${actual.length} items, the clean run has ${reference.length}`);
  }
  if (missing.length > 0)
    problems.push(`${what}: ${missing.length} item(s) missing, e.g. ${sample(missing)}`);
  if (extra.length > 0)
    problems.push(`${what}: ${extra.length} item(s) not in the clean run, e.g. ${sample(extra)}`);
  return problems;
}

function comparable(text: string): string {
  const item = JSON.parse(text) as Record<string, unknown>;
  if (!String(item.pk).startsWith('RUN#')) return text;
  const { rowsOk, rowsUnchanged, ...rest } = item;
  return JSON.stringify({ ...rest, rowsAccepted: Number(rowsOk) + Number(rowsUnchanged) });
}

function fileDifferences(
  what: string,
  reference: ReadonlyMap<string, string>,
  actual: ReadonlyMap<string, string>,
): string[] {
  const problems: string[] = [];
  const missing = [...reference.keys()].filter((name) => !actual.has(name));
  const extra = [...actual.keys()].filter((name) => !reference.has(name));
  const changed = [...reference.keys()].filter(
    (name) => actual.has(name) && actual.get(name) !== reference.get(name),
  );
  if (missing.length > 0)
    problems.push(`${what}: ${missing.length} file(s) missing, e.g. ${sample(missing)}`);
  if (extra.length > 0) problems.push(`${what}: ${extra.length} unexpected file(s), e.g. ${sample(extra)}`);
  if (changed.length > 0) {
    problems.push(`${what}: ${changed.length} file(s) differ from the clean run, e.g. ${sample(changed)}`);
  }
  return problems;
}

/** Every outbox file is one `sent` ledger entry and the other way round (message id = file name). */
function ledgerAgainstOutbox(snapshot: DataFolderSnapshot): string[] {
  const ledger = snapshot.items
    .map((text) => JSON.parse(text) as Record<string, unknown>)
    .filter((item) => String(item.pk).startsWith('NOTE#'));
  const problems: string[] = [];
  const unsent = ledger.filter((entry) => entry.state !== 'sent');
  if (unsent.length > 0) problems.push(`ledger: ${unsent.length} entr(ies) left pending`);
  const named = ledger
    .filter((entry) => entry.state === 'sent')
    .map((entry) => String(entry.messageId ?? '').replace(/^outbox:/, ''))
    .sort();
  const files = [...snapshot.outbox.keys()].sort();
  if (JSON.stringify(named) !== JSON.stringify(files)) {
    problems.push(`ledger: ${named.length} sent entries do not name the ${files.length} outbox files`);
  }
  return problems;
}

function countBy(values: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

function sample(values: readonly string[]): string {
  return values
    .slice(0, 2)
    .map((value) => (value.length > 160 ? `${value.slice(0, 160)}…` : value))
    .join(' | ');
}
