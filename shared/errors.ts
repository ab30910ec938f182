/** A precise complaint about user input: which file, where inside it, what is wrong. */
export interface Problem {
  readonly file?: string;
  /** JSON path (`units[3].parent`) or `line 12`. */
  readonly location?: string;
  readonly message: string;
}

export function formatProblem(problem: Problem): string {
  return [problem.file, problem.location, problem.message].filter(Boolean).join(': ');
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
