import { describe, expect, it } from 'vitest';
import {
  describeJsonSyntaxError,
  formatJsonPath,
  jsonSyntaxErrorOffset,
} from '../../shared/catalog/json-location.ts';

function describeFailure(text: string): string {
  try {
    JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return describeJsonSyntaxError(error, text);
  }
  throw new Error('the text is valid JSON');
}

describe('JSON locations', () => {
  it('formats paths of keys and indexes', () => {
    expect(formatJsonPath(['units', 3, 'head', 'phone'])).toBe('units[3].head.phone');
    expect(formatJsonPath([])).toBe('(root)');
  });

  it.each([
    ['{"snapshots": [\n  {"unit": }\n]}', "invalid JSON at line 2, column 12: Unexpected token '}'"],
    ['{\n "a": 1,\n}', 'invalid JSON at line 3, column 1: Expected double-quoted property name'],
    ['{\n  "programme": ', 'invalid JSON at line 2, column 16: Unexpected end of JSON input'],
    ['[1,2', "invalid JSON at line 1, column 5: Expected ',' or ']' after array element"],
    ['{"a": 1} x', 'invalid JSON at line 1, column 10: Unexpected non-whitespace character after JSON'],
    ['\uFEFF{\n x}', "invalid JSON at line 2, column 2: Expected property name or '}'"],
  ])('locates the error in %j on one line', (text, expected) => {
    expect(describeFailure(text)).toBe(expected);
  });

  it('finds no error offset in valid JSON', () => {
    for (const text of [
      '{}',
      '[]',
      ' 1 ',
      '"a\\u00e9\\n"',
      '{"a": [1, -2.5e3, true, false, null, {"b": "c"}]}',
    ]) {
      expect(jsonSyntaxErrorOffset(text), text).toBeUndefined();
    }
  });
});
