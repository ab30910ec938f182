/** A precise complaint about user input: which file, where inside it, what is wrong. */
export interface Problem {
  readonly file?: string;
  /** JSON path (`units[3].parent`) or `line 12`. */
  readonly location?: string;
  readonly message: string;
}

export function formatProblem(problem: Problem): string {
  return [problem.file, problem.location, problem.message]
    .filter((part): part is string => Boolean(part))
    .map(printable)
    .join(': ');
}

/**
 * Control, format and line-separator characters spelled as `\uXXXX`: text quoted from input (a
 * JSON key, an id, a provider's byte) stays one line and cannot drive a terminal (escape
 * sequences, bidi overrides) when it is printed or stored in a run record.
 */
export function printable(text: string): string {
  return text.replace(
    /[\p{Cc}\p{Cf}\u2028\u2029]/gu,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** Input that cannot be used as given (invalid catalog, sources file, snapshot file). Exit code 1. */
export class InvalidInputError extends Error {
  override readonly name = 'InvalidInputError';
  constructor(
    readonly problems: readonly Problem[],
    options?: { cause?: unknown },
  ) {
    super(problems.map(formatProblem).join('\n'), options);
  }
}

/** The command line itself is wrong (unknown option, missing argument). Exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Configuration from the environment is missing or wrong; raised once, at start. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}
