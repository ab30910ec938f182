import { createServer } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createHttpFetcher,
  type HttpFetcherOptions,
  parseRetryAfter,
  redirectTarget,
  SourceFetchError,
} from '../../shared/sources/http-fetcher.ts';
import {
  failFirst,
  oversized,
  redirect,
  type SourceServer,
  selfSignedCertificate,
  serve,
  stall,
  startSourceServer,
  truncate,
} from './source-server.ts';

const BODY = JSON.stringify({ snapshots: [{ unit: '42', indicator: 'x', date: '2026-01-31', value: 1 }] });
const LIMITS = { timeoutMs: 2_000, maxBytes: 1024 * 1024 };

let server: SourceServer;
let sleeps: number[];

function fetcher(overrides: Partial<HttpFetcherOptions> = {}) {
  return createHttpFetcher({
    policy: { allowHosts: ['127.0.0.1', 'localhost'] },
    retry: { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1_000, maxRetryAfterMs: 10_000 },
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    ...overrides,
  });
}

async function failure(promise: Promise<unknown>): Promise<SourceFetchError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(SourceFetchError);
    return error as SourceFetchError;
  }
  throw new Error('the fetch succeeded');
}

beforeAll(async () => {
  server = await startSourceServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  sleeps = [];
});

describe('http fetcher against a loopback source server', () => {
  it('returns the body, its type and the attempt count, and sends the auth header', async () => {
    server.route('/ok.json', serve(BODY));
    const body = await fetcher()({
      url: `${server.origin}/ok.json`,
      headers: { Authorization: 'Bearer t0k' },
      ...LIMITS,
    });
    expect(Buffer.from(body.bytes).toString()).toBe(BODY);
    expect(body.contentType).toBe('application/json');
    expect(body.attempts).toBe(1);
    expect(server.lastHeaders('/ok.json')?.authorization).toBe('Bearer t0k');
  });

  it('retries 5xx with growing, capped backoff and then succeeds', async () => {
    server.route('/flaky', failFirst(2, 503, serve(BODY)));
    const body = await fetcher()({ url: `${server.origin}/flaky`, ...LIMITS });
    expect(body.attempts).toBe(3);
    expect(server.hits('/flaky')).toBe(3);
    expect(sleeps).toEqual([100, 200].map((ceiling) => ceiling * 0.75));
  });

  it('gives up after the last attempt with the status', async () => {
    server.route('/down', failFirst(99, 500, serve(BODY)));
    const error = await failure(fetcher()({ url: `${server.origin}/down`, ...LIMITS }));
    expect(error.reason).toBe('http-status');
    expect(error.details).toMatchObject({ status: 500, attempts: 3 });
    expect(error.message).toContain('HTTP 500');
    expect(server.hits('/down')).toBe(3);
  });

  it('does not retry a 4xx other than 429', async () => {
    server.route('/forbidden', failFirst(99, 403, serve(BODY)));
    const error = await failure(fetcher()({ url: `${server.origin}/forbidden`, ...LIMITS }));
    expect(error.details.status).toBe(403);
    expect(server.hits('/forbidden')).toBe(1);
  });

  it('honours Retry-After in seconds on 429', async () => {
    server.route('/limited', failFirst(1, 429, serve(BODY), { 'retry-after': '2' }));
    const body = await fetcher()({ url: `${server.origin}/limited`, ...LIMITS });
    expect(body.attempts).toBe(2);
    expect(sleeps).toEqual([2_000]);
  });

  it('honours Retry-After as an HTTP date', async () => {
    const now = Date.parse('2026-11-22T03:00:00Z');
    server.route(
      '/limited-date',
      failFirst(1, 429, serve(BODY), { 'retry-after': 'Sun, 22 Nov 2026 03:00:05 GMT' }),
    );
    await fetcher({ now: () => now })({ url: `${server.origin}/limited-date`, ...LIMITS });
    expect(sleeps).toEqual([5_000]);
  });

  it('gives up at once when Retry-After is beyond the bound', async () => {
    server.route('/limited-long', failFirst(1, 429, serve(BODY), { 'retry-after': '3600' }));
    const error = await failure(fetcher()({ url: `${server.origin}/limited-long`, ...LIMITS }));
    expect(error.reason).toBe('rate-limited');
    expect(error.message).toContain('3600 s');
    expect(sleeps).toEqual([]);
    expect(server.hits('/limited-long')).toBe(1);
  });

  it('stops a response that is slower than the total timeout (body included), without retrying', async () => {
    server.route('/slow', stall(30_000, BODY));
    const error = await failure(
      fetcher()({ url: `${server.origin}/slow`, timeoutMs: 300, maxBytes: LIMITS.maxBytes }),
    );
    expect(error.reason).toBe('timeout');
    expect(error.message).toContain('300 ms');
    expect(server.hits('/slow')).toBe(1);
  });

  it('retries a truncated body and reports it when it stays truncated', async () => {
    server.route('/truncated', truncate(BODY.repeat(50)));
    const error = await failure(fetcher()({ url: `${server.origin}/truncated`, ...LIMITS }));
    expect(error.reason).toBe('network');
    expect(server.hits('/truncated')).toBe(3);
  });

  it('aborts a streamed body past the size cap', async () => {
    server.route('/huge', oversized(8 * 1024 * 1024));
    const error = await failure(
      fetcher()({ url: `${server.origin}/huge`, timeoutMs: 5_000, maxBytes: 256 * 1024 }),
    );
    expect(error.reason).toBe('too-large');
    expect(server.hits('/huge')).toBe(1);
  });

  it('refuses an announced length past the cap before reading', async () => {
    server.route('/big', serve('x'.repeat(4096), 'text/csv'));
    const error = await failure(
      fetcher()({ url: `${server.origin}/big`, timeoutMs: 2_000, maxBytes: 1_000 }),
    );
    expect(error.reason).toBe('too-large');
    expect(error.message).toContain('announces 4096 bytes');
  });

  it('follows a same-host redirect', async () => {
    server.route('/moved', redirect('/ok.json', 301));
    server.route('/ok.json', serve(BODY));
    const body = await fetcher()({ url: `${server.origin}/moved?token=abc`, ...LIMITS });
    expect(body.url).toBe(`${server.origin}/ok.json`);
  });

  it('refuses a redirect to 127.0.0.2', async () => {
    server.route('/to-other-loopback', redirect(`http://127.0.0.2:${server.port}/ok.json`));
    const error = await failure(fetcher()({ url: `${server.origin}/to-other-loopback`, ...LIMITS }));
    expect(error.reason).toBe('redirect');
    expect(error.message).toContain('another origin (http://127.0.0.2:');
  });

  it('refuses a redirect to another host even when that host is allow-listed', async () => {
    server.route('/to-localhost', redirect(`http://localhost:${server.port}/ok.json`));
    const error = await failure(fetcher()({ url: `${server.origin}/to-localhost`, ...LIMITS }));
    expect(error.reason).toBe('redirect');
  });

  it('refuses a redirect to another port of the same host: the secret header never reaches it', async () => {
    const other = await startSourceServer();
    try {
      other.route('/ok.json', serve(BODY));
      server.route('/to-other-port', redirect(`${other.origin}/ok.json`));
      const error = await failure(
        fetcher()({
          url: `${server.origin}/to-other-port`,
          headers: { Authorization: 'Bearer t0k' },
          ...LIMITS,
        }),
      );
      expect(error.reason).toBe('redirect');
      expect(error.message).toContain(`to another origin (${other.origin})`);
      expect(server.lastHeaders('/to-other-port')?.authorization).toBe('Bearer t0k');
      expect(other.hits('/ok.json')).toBe(0);
    } finally {
      await other.close();
    }
  });

  it('refuses a redirect loop', async () => {
    server.route('/loop', redirect('/loop'));
    const error = await failure(fetcher()({ url: `${server.origin}/loop`, ...LIMITS }));
    expect(error.reason).toBe('redirect');
    expect(server.hits('/loop')).toBe(6);
  });

  it('never connects to a refused destination', async () => {
    const error = await failure(fetcher()({ url: 'https://169.254.169.254/latest/meta-data/', ...LIMITS }));
    expect(error.reason).toBe('refused');
    expect(error.details.attempts).toBe(1);
  });

  it('connects to the address it checked, not to a second DNS answer', async () => {
    server.route('/pinned', serve(BODY));
    const answers = [['127.0.0.1'], ['10.9.9.9']];
    const body = await fetcher({
      policy: { allowHosts: ['portal.test'] },
      resolve: async () => (answers.shift() ?? []).map((address) => ({ address, family: 4 })),
    })({ url: `http://portal.test:${server.port}/pinned`, ...LIMITS });
    expect(body.attempts).toBe(1);
    expect(server.lastHeaders('/pinned')?.host).toBe(`portal.test:${server.port}`);
  });

  it('retries a refused connection and reports a network error', async () => {
    const closedPort = await unusedPort();
    const error = await failure(fetcher()({ url: `http://127.0.0.1:${closedPort}/x`, ...LIMITS }));
    expect(error.reason).toBe('network');
    expect(error.details.attempts).toBe(3);
    expect(error.message).toContain('ECONNREFUSED');
  });
});

describe('https source', () => {
  let secure: SourceServer;
  let certificate: { key: string; cert: string };

  beforeAll(async () => {
    certificate = selfSignedCertificate();
    secure = await startSourceServer({ tls: certificate });
  });
  afterAll(async () => {
    await secure.close();
  });

  it('fetches over TLS with the certificate checked', async () => {
    secure.route('/ok.json', serve(BODY));
    const body = await fetcher({ ca: certificate.cert })({ url: `${secure.origin}/ok.json`, ...LIMITS });
    expect(body.attempts).toBe(1);
    const untrusted = await failure(fetcher()({ url: `${secure.origin}/ok.json`, ...LIMITS }));
    expect(untrusted.reason).toBe('network');
  });

  it('refuses a redirect from https down to http on the same host', async () => {
    secure.route('/downgrade', redirect(`http://127.0.0.1:${server.port}/ok.json`));
    const error = await failure(
      fetcher({ ca: certificate.cert })({ url: `${secure.origin}/downgrade`, ...LIMITS }),
    );
    expect(error.reason).toBe('redirect');
    expect(error.message).toContain('to http: refused');
  });
});

describe('retry arithmetic', () => {
  it('reads Retry-After as seconds or a date, ignoring garbage', () => {
    const now = Date.parse('2026-11-22T00:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Sun, 22 Nov 2026 00:01:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfter('Sat, 21 Nov 2026 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });

  it('decides redirects by origin: scheme, host and port', () => {
    const from = new URL('https://data.example.vn/a');
    expect(redirectTarget(from, '/b?x=1').href).toBe('https://data.example.vn/b?x=1');
    expect(redirectTarget(from, 'https://DATA.example.vn/c').pathname).toBe('/c');
    expect(() => redirectTarget(from, 'http://data.example.vn/b')).toThrow(SourceFetchError);
    expect(() => redirectTarget(from, 'https://evil.example/b')).toThrow(/another origin/);
    expect(() => redirectTarget(from, 'https://data.example.vn:8443/b')).toThrow(/another origin/);
    expect(redirectTarget(from, 'https://data.example.vn:443/b').pathname).toBe('/b');
    // An upgrade to https is another origin too (port 80 → 443): the header would reach another service.
    expect(() => redirectTarget(new URL('http://localhost/a'), 'https://localhost/b')).toThrow(
      /another origin/,
    );
  });
});

async function unusedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((done) => probe.close(() => done()));
  return port;
}
