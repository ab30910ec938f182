import type { IncomingMessage } from 'node:http';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { type BackoffPolicy, backoffDelay, sleep as timerSleep } from '../runtime/backoff.ts';
import {
  type CheckedDestination,
  checkDestination,
  DestinationRefusedError,
  type NetworkPolicy,
  type ResolveHost,
  resolveWithSystemDns,
} from './network-guard.ts';

/**
 * GET of one source URL with the protections a scheduled job needs against a misbehaving or
 * hostile server: a total time limit per attempt (connect, headers and body alike), a size cap
 * enforced while streaming, retries only where a retry can help (network errors, 429, 5xx) with
 * capped exponential backoff and jitter or the server's Retry-After when it is within bounds, and
 * redirects followed only within the same origin (scheme, host and port). Every hop goes
 * through the network guard and connects to the address the guard checked.
 *
 * A timeout is not retried: a source slow enough to hit it once will usually do so again, and
 * retrying would multiply the run time.
 */

export type FetchFailureReason =
  | 'refused'
  | 'redirect'
  | 'timeout'
  | 'too-large'
  | 'http-status'
  | 'rate-limited'
  | 'network';

export class SourceFetchError extends Error {
  override readonly name = 'SourceFetchError';
  constructor(
    readonly reason: FetchFailureReason,
    message: string,
    readonly details: { status?: number; attempts?: number; retryable?: boolean; retryAfterMs?: number } = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface FetchRequest {
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  readonly maxBytes: number;
}

export interface FetchedBody {
  readonly bytes: Uint8Array;
  readonly contentType?: string;
  /** After same-host redirects. */
  readonly url: string;
  readonly attempts: number;
}

export type HttpFetch = (request: FetchRequest) => Promise<FetchedBody>;

export interface RetryPolicy extends BackoffPolicy {
  readonly maxAttempts: number;
  /** A longer Retry-After ends the fetch instead of waiting. */
  readonly maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 3,
  baseDelayMs: 1_000,
  maxDelayMs: 10_000,
  maxRetryAfterMs: 60_000,
};

export interface HttpFetcherOptions {
  readonly policy: NetworkPolicy;
  readonly retry?: Partial<RetryPolicy>;
  readonly resolve?: ResolveHost;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
  readonly now?: () => number;
  readonly maxRedirects?: number;
  /** Extra trusted certificates (tests with a self-signed server). */
  readonly ca?: string | Buffer;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export function createHttpFetcher(options: HttpFetcherOptions): HttpFetch {
  const retry = { ...DEFAULT_RETRY, ...options.retry };
  const sleep = options.sleep ?? timerSleep;
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  const resolve = options.resolve ?? resolveWithSystemDns;
  const maxRedirects = options.maxRedirects ?? 5;

  async function followRedirects(request: FetchRequest): Promise<Omit<FetchedBody, 'attempts'>> {
    const origin = new URL(request.url);
    let url = origin;
    for (let hop = 0; ; hop++) {
      const destination = await guarded(url);
      const outcome = await attempt(destination, request, { ca: options.ca, now });
      if (outcome.kind === 'body')
        return { bytes: outcome.bytes, contentType: outcome.contentType, url: url.href };
      if (hop >= maxRedirects) {
        throw new SourceFetchError(
          'redirect',
          `more than ${maxRedirects} redirects from ${describeUrl(origin)}`,
        );
      }
      url = redirectTarget(url, outcome.location);
    }
  }

  async function guarded(url: URL): Promise<CheckedDestination> {
    try {
      return await checkDestination(url, options.policy, resolve);
    } catch (error) {
      if (error instanceof DestinationRefusedError) {
        const retryable = error.code === 'unresolvable';
        throw new SourceFetchError(
          retryable ? 'network' : 'refused',
          error.message,
          { retryable },
          { cause: error },
        );
      }
      throw error;
    }
  }

  return async (request) => {
    for (let attemptNumber = 1; ; attemptNumber++) {
      try {
        const body = await followRedirects(request);
        return { ...body, attempts: attemptNumber };
      } catch (error) {
        const failure =
          error instanceof SourceFetchError
            ? error
            : new SourceFetchError('network', describeError(error), { retryable: true }, { cause: error });
        const retryAfter = failure.details.retryAfterMs;
        const giveUp =
          failure.details.retryable !== true ||
          attemptNumber >= retry.maxAttempts ||
          (retryAfter !== undefined && retryAfter > retry.maxRetryAfterMs);
        if (giveUp) {
          const reason =
            retryAfter !== undefined && retryAfter > retry.maxRetryAfterMs ? 'rate-limited' : failure.reason;
          const note =
            reason === 'rate-limited' && retryAfter !== undefined
              ? ` (server asks to wait ${Math.ceil(retryAfter / 1000)} s, more than ${Math.ceil(retry.maxRetryAfterMs / 1000)} s)`
              : '';
          throw new SourceFetchError(
            reason,
            `${failure.message}${note}${attemptNumber > 1 ? ` after ${attemptNumber} attempts` : ''}`,
            { ...failure.details, attempts: attemptNumber, retryable: false },
            { cause: failure.cause ?? failure },
          );
        }
        await sleep(retryAfter ?? backoffDelay(attemptNumber, retry, random));
      }
    }
  };
}

/** Retry-After as delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}

/**
 * The next URL of a redirect, or a refusal. Only the same origin (scheme, host and port): the
 * request's headers carry the source's secret, and another port or scheme of the same host is
 * another service that must not receive it. Never https → http.
 */
export function redirectTarget(from: URL, location: string): URL {
  let next: URL;
  try {
    next = new URL(location, from);
  } catch (error) {
    throw new SourceFetchError(
      'redirect',
      `unreadable redirect location from ${describeUrl(from)}`,
      {},
      { cause: error },
    );
  }
  if (from.protocol === 'https:' && next.protocol !== 'https:') {
    throw new SourceFetchError('redirect', `redirect from ${describeUrl(from)} to ${next.protocol} refused`);
  }
  if (next.origin !== from.origin) {
    throw new SourceFetchError(
      'redirect',
      `redirect from ${describeUrl(from)} to another origin (${next.origin}) refused: write the final URL in the sources file`,
    );
  }
  return next;
}

/** Origin and path only: query strings may carry tokens and must not reach logs or run records. */
export function describeUrl(url: URL | string): string {
  try {
    const parsed = typeof url === 'string' ? new URL(url) : url;
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return '(unreadable URL)';
  }
}

type AttemptOutcome =
  | { kind: 'body'; bytes: Uint8Array; contentType?: string }
  | { kind: 'redirect'; location: string };

function attempt(
  destination: CheckedDestination,
  request: FetchRequest,
  context: { ca?: string | Buffer; now: () => number },
): Promise<AttemptOutcome> {
  const { url } = destination;
  const shown = describeUrl(url);
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, request.timeoutMs);

  const pinned: LookupFunction = (_hostname, lookupOptions, callback) => {
    const entry = { address: destination.address, family: destination.family };
    if ((lookupOptions as { all?: boolean }).all) {
      (callback as unknown as (error: null, all: (typeof entry)[]) => void)(null, [entry]);
    } else callback(null, entry.address, entry.family);
  };

  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<AttemptOutcome>((resolvePromise, rejectPromise) => {
    const fail = (error: unknown) => {
      if (timedOut) {
        rejectPromise(
          new SourceFetchError(
            'timeout',
            `${shown} did not answer within ${request.timeoutMs} ms`,
            {},
            { cause: error },
          ),
        );
      } else if (error instanceof SourceFetchError) rejectPromise(error);
      else {
        rejectPromise(
          new SourceFetchError(
            'network',
            `${shown}: ${describeError(error)}`,
            { retryable: true },
            { cause: error },
          ),
        );
      }
    };
    const outgoing = send(
      {
        protocol: url.protocol,
        hostname: destination.hostname,
        port: url.port || undefined,
        path: `${url.pathname}${url.search}`,
        method: 'GET',
        headers: {
          accept: 'application/json, application/x-ndjson, text/csv;q=0.9, */*;q=0.1',
          ...request.headers,
        },
        lookup: pinned,
        agent: false,
        signal: controller.signal,
        ...(url.protocol === 'https:' ? { servername: destination.hostname, ca: context.ca } : {}),
      },
      (response) => {
        readResponse(response, request, shown, context.now).then(resolvePromise, (error: unknown) => {
          response.destroy();
          fail(error);
        });
      },
    );
    outgoing.on('error', fail);
    outgoing.end();
  }).finally(() => clearTimeout(timer));
}

async function readResponse(
  response: IncomingMessage,
  request: FetchRequest,
  shown: string,
  now: () => number,
): Promise<AttemptOutcome> {
  const status = response.statusCode ?? 0;
  if (REDIRECT_STATUSES.has(status)) {
    response.resume();
    const location = response.headers.location;
    if (!location) throw new SourceFetchError('redirect', `${shown} answered ${status} without a Location`);
    return { kind: 'redirect', location };
  }
  if (status === 429 || status >= 500) {
    response.resume();
    const retryAfterMs = parseRetryAfter(header(response, 'retry-after'), now());
    throw new SourceFetchError('http-status', `${shown} answered HTTP ${status}`, {
      status,
      retryable: true,
      retryAfterMs,
    });
  }
  if (status < 200 || status >= 300) {
    response.resume();
    throw new SourceFetchError('http-status', `${shown} answered HTTP ${status}`, { status });
  }
  const declared = Number(header(response, 'content-length') ?? Number.NaN);
  if (declared > request.maxBytes) {
    throw new SourceFetchError(
      'too-large',
      `${shown} announces ${declared} bytes, more than the limit of ${request.maxBytes}`,
    );
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of response as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > request.maxBytes) {
      throw new SourceFetchError(
        'too-large',
        `${shown} sent more than the limit of ${request.maxBytes} bytes`,
      );
    }
    chunks.push(chunk);
  }
  if (!response.complete || (Number.isFinite(declared) && total < declared)) {
    throw new SourceFetchError('network', `${shown}: the response ended early (truncated body)`, {
      retryable: true,
    });
  }
  return { kind: 'body', bytes: Buffer.concat(chunks, total), contentType: header(response, 'content-type') };
}

function header(response: IncomingMessage, name: string): string | undefined {
  const value = response.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code && !error.message.includes(code) ? `${error.message} (${code})` : error.message;
  }
  return String(error);
}
