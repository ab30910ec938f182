/**
 * A DynamoDB write that could not be completed: the retry budget for unprocessed items was spent,
 * or a request failed outright. Whatever the call was storing must be treated as not stored
 * (re-running it is safe: observation writes are idempotent).
 */
export class StoreWriteError extends Error {
  override readonly name = 'StoreWriteError';
  constructor(
    message: string,
    /** Items known not to be written. */
    readonly unprocessedItems: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A bulk read the service kept refusing (unprocessed keys beyond the retry budget). */
export class StoreReadError extends Error {
  override readonly name = 'StoreReadError';
}
