import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonSyntaxErrorOffset } from '../../shared/catalog/json-location.ts';

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

describe('locating JSON syntax errors', () => {
  it('finds no error in any serialised JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(undefined, 1, '\t'), (value, indent) => {
        expect(jsonSyntaxErrorOffset(JSON.stringify(value, null, indent))).toBeUndefined();
      }),
      { numRuns: 500 },
    );
  });

  it('finds an error exactly when JSON.parse rejects the text', () => {
    const damaged = fc
      .tuple(fc.json(), fc.nat(), fc.constantFrom('', '}', ']', ',', '"', ':', 'x', '\n', '{', '[', '\\'))
      .map(([text, at, insert]) => {
        const cut = text.length === 0 ? 0 : at % (text.length + 1);
        return text.slice(0, cut) + insert + text.slice(cut);
      });
    fc.assert(
      fc.property(damaged, (text) => {
        const offset = jsonSyntaxErrorOffset(text);
        expect(offset === undefined).toBe(parses(text));
        if (offset !== undefined) expect(offset).toBeLessThanOrEqual(text.length);
      }),
      { numRuns: 1000 },
    );
  });
});
