import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { ConfigError, InvalidInputError } from '../../shared/errors.ts';
import { backoffDelay } from '../../shared/runtime/backoff.ts';
import { chunked, forEachConcurrently, mapConcurrently } from '../../shared/runtime/concurrency.ts';
import { once, oncePerKey, onFirstUse } from '../../shared/runtime/memo.ts';
import { parseConfig, parseInput, zodProblems } from '../../shared/zod-problems.ts';

describe('backoff (the one retry delay)', () => {
  const policy = { baseDelayMs: 1_000, maxDelayMs: 8_000 };

  it('doubles up to the cap, half of it fixed and half jittered', () => {
    expect([1, 2, 3, 4, 5].map((attempt) => backoffDelay(attempt, policy, () => 0))).toEqual([
      500, 1_000, 2_000, 4_000, 4_000,
    ]);
    expect([1, 2, 3, 4, 5].map((attempt) => backoffDelay(attempt, policy, () => 1))).toEqual([
      1_000, 2_000, 4_000, 8_000, 8_000,
    ]);
    expect(backoffDelay(2, policy, () => 0.5)).toBe(1_500);
  });
});

describe('concurrency (the one limiter)', () => {
  it('never runs more than the limit at once, and keeps results in input order', async () => {
    let running = 0;
    let most = 0;
    const release: (() => void)[] = [];
    const done = mapConcurrently([1, 2, 3, 4, 5, 6, 7], 3, async (item) => {
      running++;
      most = Math.max(most, running);
      await new Promise<void>((resolve) => release.push(resolve));
      running--;
      return item * 10;
    });
    while (release.length > 0 || running > 0) {
      await Promise.resolve();
      release.shift()?.();
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(await done).toEqual([10, 20, 30, 40, 50, 60, 70]);
    expect(most).toBe(3);
  });

  it('starts nothing after the first failure, waits for the ones in flight, throws the first error', async () => {
    const started: number[] = [];
    const failure = await forEachConcurrently([1, 2, 3, 4, 5], 2, async (item) => {
      started.push(item);
      await new Promise((resolve) => setImmediate(resolve));
      if (item === 1) throw new Error('first');
      if (item === 2) throw new Error('second');
    }).catch((error: unknown) => error);
    expect((failure as Error).message).toBe('first');
    expect(started).toEqual([1, 2]);
  });

  it('chunks', () => {
    expect(chunked([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
  });
});

describe('memo (the one cache)', () => {
  it('builds once for concurrent and later callers, and forgets a failed build', async () => {
    let builds = 0;
    let fail = true;
    const value = once(async () => {
      builds++;
      if (fail) throw new Error('not yet');
      return builds;
    });
    await expect(Promise.all([value(), value()])).rejects.toThrow('not yet');
    expect(builds).toBe(1);
    fail = false;
    expect(await Promise.all([value(), value()])).toEqual([2, 2]);
    expect(await value()).toBe(2);
    expect(builds).toBe(2);
  });

  it('per key, and synchronously on first use', async () => {
    const seen: string[] = [];
    const byKey = oncePerKey(async (key: string) => {
      seen.push(key);
      return key.toUpperCase();
    });
    expect(await Promise.all([byKey('a'), byKey('b'), byKey('a')])).toEqual(['A', 'B', 'A']);
    expect(seen).toEqual(['a', 'b']);
    let created = 0;
    const client = onFirstUse(() => ({ id: ++created }));
    expect(client()).toBe(client());
    expect(created).toBe(1);
  });
});

describe('zod problems (the one error formatter)', () => {
  const schema = z.object({ name: z.string(), items: z.array(z.object({ n: z.number() })) });

  it('names the file and JSON path, and says "is required" for a missing field', () => {
    const input = { items: [{ n: 'x' }] };
    const result = schema.safeParse(input);
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(zodProblems(result.error, input, 'f.json')).toEqual([
      { file: 'f.json', location: 'name', message: 'is required' },
      { file: 'f.json', location: 'items[0].n', message: expect.stringContaining('number') },
    ]);
    expect(() => parseInput(schema, input, 'f.json')).toThrow(InvalidInputError);
  });

  it('lists every bad environment variable in one ConfigError', () => {
    const env = z.object({ A: z.string({ error: 'is not set' }), B: z.string({ error: 'is not set' }) });
    expect(() => parseConfig(env, {})).toThrow(ConfigError);
    expect(() => parseConfig(env, {})).toThrow('A is not set; B is not set');
  });
});
