import { expect } from 'vitest';

/** Deep comparison where numbers match within a relative and absolute slack (spec: 1e-6). */
export function expectApproximately(actual: unknown, expected: unknown, path = '$', slack = 1e-6): void {
  if (typeof expected === 'number') {
    expect(typeof actual, `${path} should be a number`).toBe('number');
    const difference = Math.abs((actual as number) - expected);
    expect(difference <= slack + slack * Math.abs(expected), `${path}: ${actual} ≉ ${expected}`).toBe(true);
    return;
  }
  if (Array.isArray(expected)) {
    expect(Array.isArray(actual), `${path} should be a list`).toBe(true);
    expect((actual as unknown[]).length, `${path} length`).toBe(expected.length);
    for (const [index, item] of expected.entries()) {
      expectApproximately((actual as unknown[])[index], item, `${path}[${index}]`, slack);
    }
    return;
  }
  if (expected !== null && typeof expected === 'object') {
    expect(actual !== null && typeof actual === 'object', `${path} should be an object`).toBe(true);
    expect(Object.keys(actual as object).sort(), `${path} keys`).toEqual(Object.keys(expected).sort());
    for (const [key, value] of Object.entries(expected)) {
      expectApproximately((actual as Record<string, unknown>)[key], value, `${path}.${key}`, slack);
    }
    return;
  }
  expect(actual, path).toEqual(expected);
}
