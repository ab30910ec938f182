import { printable } from '../errors.ts';
import { jsonSyntaxErrorOffset } from './json-syntax-offset.ts';

/** `units[3].head.phone` from a path of keys and indexes. */
export function formatJsonPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out || '(root)';
}

/** "invalid JSON at line 4, column 7: …" from a JSON.parse error. */
export function describeJsonSyntaxError(error: unknown, text: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const body = text.replace(/^\uFEFF/, '');
  const position = /position (\d+)/.exec(message);
  const offset = position ? Number(position[1]) : jsonSyntaxErrorOffset(body);
  // V8 may quote a piece of the text, line breaks included: keep the problem on one line.
  const reason = message
    .replace(/(?: in JSON)? at position \d+.*$/s, '')
    .replace(/ \(line \d+ column \d+\)$/, '')
    .replace(/,\s*(?:\.\.\.)?".*"(?:\.\.\.)? is not valid JSON$/s, '');
  // V8 quotes the offending character as is (a NUL, an ESC): it would reach quarantine reasons raw.
  const shown = printable(reason);
  if (offset === undefined) return `invalid JSON: ${shown}`;
  const before = body.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `invalid JSON at line ${line}, column ${column}: ${shown}`;
}
