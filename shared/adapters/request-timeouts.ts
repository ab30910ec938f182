/**
 * Timeouts for the clients that talk to AWS. The SDK's defaults wait on a silent connection until
 * the socket times out (minutes), which a Lambda would spend idle before failing; with these, a
 * hung request fails fast and the SDK's own retry sends it again. A write that was applied but
 * answered late is resent safely: every write dtwatch issues is idempotent or conditional.
 */
export const AWS_REQUEST_TIMEOUTS = {
  requestHandler: { connectionTimeout: 3_000, requestTimeout: 20_000 },
} as const;
