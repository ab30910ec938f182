/**
 * Where a JSON text first stops being valid JSON, as a character offset, or undefined when it is
 * valid. V8 names the position for some syntax errors but not for an unexpected token, and people
 * fixing a catalog by hand need a line and column either way.
 */
export function jsonSyntaxErrorOffset(text: string): number | undefined {
  let at = 0;
  const fail = (): never => {
    throw new JsonStop(at);
  };
  const skipSpace = () => {
    while (
      at < text.length &&
      (text[at] === ' ' || text[at] === '\t' || text[at] === '\n' || text[at] === '\r')
    )
      at++;
  };
  const expect = (char: string) => {
    if (text[at] !== char) fail();
    at++;
  };
  const readString = () => {
    expect('"');
    for (;;) {
      const char = text[at];
      if (char === undefined || char < ' ') fail();
      if (char === '"') {
        at++;
        return;
      }
      if (char === '\\') {
        at++;
        const escaped = text[at];
        if (escaped === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(at + 1, at + 5))) fail();
          at += 4;
        } else if (escaped === undefined || !'"\\/bfnrt'.includes(escaped)) {
          fail();
        }
      }
      at++;
    }
  };
  const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  const readValue = (): void => {
    skipSpace();
    const char = text[at];
    if (char === '{') {
      at++;
      skipSpace();
      if (text[at] === '}') {
        at++;
        return;
      }
      for (;;) {
        skipSpace();
        readString();
        skipSpace();
        expect(':');
        readValue();
        skipSpace();
        if (text[at] !== ',') {
          expect('}');
          return;
        }
        at++;
      }
    }
    if (char === '[') {
      at++;
      skipSpace();
      if (text[at] === ']') {
        at++;
        return;
      }
      for (;;) {
        readValue();
        skipSpace();
        if (text[at] !== ',') {
          expect(']');
          return;
        }
        at++;
      }
    }
    if (char === '"') {
      readString();
      return;
    }
    for (const literal of ['true', 'false', 'null']) {
      if (text.startsWith(literal, at)) {
        at += literal.length;
        return;
      }
    }
    NUMBER.lastIndex = at;
    if (!NUMBER.test(text)) fail();
    at = NUMBER.lastIndex;
  };
  try {
    readValue();
    skipSpace();
    if (at < text.length) fail();
    return undefined;
  } catch (error) {
    if (error instanceof JsonStop) return error.offset;
    // Nesting too deep to scan: no position rather than a crash.
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}

class JsonStop {
  constructor(readonly offset: number) {}
}
