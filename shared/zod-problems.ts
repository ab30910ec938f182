import type * as z from 'zod';
import { formatJsonPath } from './catalog/json-location.ts';
import { ConfigError, InvalidInputError, type Problem } from './errors.ts';

/**
 * The one translation of zod's issues into what dtwatch tells people: a Problem per issue for a
 * file or payload (its JSON path, "is required" for a missing field), or one ConfigError line for
 * environment variables. Every schema check of input and configuration goes through here.
 */

/** One problem per issue; `input` is what was parsed, to tell a missing field from a wrong one. */
export function zodProblems(error: z.ZodError, input: unknown, file?: string): Problem[] {
  const seen = new Set<string>();
  const problems: Problem[] = [];
  for (const issue of error.issues) {
    const location = formatJsonPath(issue.path);
    // zod does not echo the input in its issues: look the field up.
    const missing = issue.code === 'invalid_type' && valueAt(input, issue.path) === undefined;
    const message = missing ? 'is required' : issue.message;
    const key = `${location}|${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(file === undefined ? { location, message } : { file, location, message });
  }
  return problems;
}

/** The parsed value, or an InvalidInputError listing every problem (exit code 1). */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown, file: string): z.infer<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new InvalidInputError(zodProblems(result.error, input, file), { cause: result.error });
}

/** The parsed environment, or a ConfigError naming every missing or malformed variable. */
export function parseConfig<T extends z.ZodType>(schema: T, env: unknown): z.infer<T> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const lines = result.error.issues.map(
    (issue) => `${issue.path.map(String).join('.') || 'environment'} ${issue.message}`,
  );
  throw new ConfigError(lines.join('; '), { cause: result.error });
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let current = raw;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}
