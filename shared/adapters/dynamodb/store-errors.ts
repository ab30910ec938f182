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

/**
 * A read that cannot be trusted: a bulk read the service kept refusing (unprocessed keys beyond the
 * retry budget), or an item without the shape its kind requires (the message names key and field).
 */
export class StoreReadError extends Error {
  override readonly name = 'StoreReadError';
}
