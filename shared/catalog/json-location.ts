import { type ParseError, parse } from 'jsonc-parser';
import { printable } from '../errors.ts';

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

/**
 * Where a JSON text first stops being valid JSON, as a character offset, or undefined when it is
 * valid. V8 names the position for some syntax errors but not for an unexpected token; people
 * fixing a catalog by hand need a line and column either way. jsonc-parser in strict JSON mode (no
 * comments, no trailing commas) finds it; a nesting too deep for its recursion gives undefined.
 */
export function jsonSyntaxErrorOffset(text: string): number | undefined {
  const errors: ParseError[] = [];
  try {
    parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  } catch {
    return undefined;
  }
  return errors[0]?.offset;
}
