import { createServer, type IncomingHttpHeaders, request, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { seededRandom } from '../../shared/sample/seeded-random.ts';

/**
 * A loopback HTTP proxy in front of an AWS emulator (moto, dynalite) that breaks a seeded share of
 * the requests on purpose, the way the real services and networks do: throttling, 5xx, a
 * BatchWriteItem/BatchGetItem that leaves part of its items unprocessed, a slow answer, an answer
 * held back until the client gives up waiting (its request timeout), or a connection that drops before the request reaches the service or after the service applied it
 * (the client sees an error for a write that happened: the case idempotency is about).
 *
 * The operation is read from `X-Amz-Target` (DynamoDB, JSON protocol) or the `Action` parameter
 * (SNS, query protocol). Every fault is recorded with the request body, so a test can tell which
 * item or recipient it hit.
 */

export type FaultKind =
  | 'throttle'
  | 'server-error'
  | 'unprocessed'
  | 'slow'
  | 'held'
  | 'drop-before'
  | 'drop-after';

export const FAULT_KINDS: readonly FaultKind[] = [
  'throttle',
  'server-error',
  'unprocessed',
  'slow',
  'held',
  'drop-before',
  'drop-after',
];

export interface FaultRule {
  /** Operations the rule covers (`BatchWriteItem`, `Publish`, …); every operation when absent. */
  readonly operations?: readonly string[];
  /** Share of the covered requests that get a fault, 0 to 1. */
  readonly rate: number;
  /** Kinds to draw from, uniformly among those that fit the operation. */
  readonly kinds: readonly FaultKind[];
  /** Only requests whose body passes (e.g. names one item or recipient). */
  readonly match?: (body: string) => boolean;
  /** At most this many faults from this rule (then its operations pass untouched). */
  readonly limit?: number;
}

export interface FaultPlan {
  readonly seed: number;
  /** The first rule covering an operation decides for it. */
  readonly rules: readonly FaultRule[];
  /** How long a `slow` answer is held back after the emulator answered (default 150 ms). */
  readonly slowMs?: number;
}

export interface InjectedFault {
  /** Order of arrival among all requests since the last reset. */
  readonly sequence: number;
  readonly operation: string;
  readonly kind: FaultKind;
  /** The request body as the client sent it. */
  readonly body: string;
}

export interface FaultCounts {
  readonly requests: number;
  /** Requests (or parts of batch requests) that reached the emulator. */
  readonly forwarded: number;
  readonly faults: Readonly<Record<FaultKind, number>>;
  readonly faultTotal: number;
  /** `held` answers whose client closed the connection first (a client timeout, seen by the proxy). */
  readonly abandoned: number;
  readonly requestsByOperation: Readonly<Record<string, number>>;
}

type Protocol = 'json' | 'query';

interface Exchange {
  readonly operation: string;
  readonly protocol: Protocol;
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

interface Answer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

/** Kinds that only make sense for some operations. */
const UNPROCESSED_OPERATIONS = new Set(['BatchWriteItem', 'BatchGetItem']);

export class FaultProxy {
  private server: Server | undefined;
  private plan: FaultPlan | undefined;
  private random: () => number = () => 1;
  private readonly ruleFaults = new Map<FaultRule, number>();
  private sequence = 0;
  private forwarded = 0;
  private abandoned = 0;
  private readonly injected: InjectedFault[] = [];
  private readonly byOperation = new Map<string, number>();
  private readonly sockets = new Set<Socket>();
  endpoint = '';

  private constructor(private readonly target: URL) {}

  /** Listens on a free loopback port and forwards to `target` (`http://127.0.0.1:<port>`). */
  static async start(target: string): Promise<FaultProxy> {
    const proxy = new FaultProxy(new URL(target));
    const server = createServer((incoming, outgoing) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () => {
        const body = Buffer.concat(chunks);
        proxy.handle(
          exchangeOf(incoming.method ?? 'POST', incoming.url ?? '/', incoming.headers, body),
          outgoing,
        );
      });
    });
    server.on('connection', (socket) => {
      proxy.sockets.add(socket);
      socket.once('close', () => proxy.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    proxy.server = server;
    proxy.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return proxy;
  }

  /** Starts injecting by `plan` (its own seeded sequence), or stops with `undefined`. */
  configure(plan: FaultPlan | undefined): void {
    this.plan = plan;
    this.random = plan ? seededRandom(plan.seed) : () => 1;
    this.ruleFaults.clear();
  }

  /** Forgets every count and recorded fault (the plan stays). */
  resetCounts(): void {
    this.sequence = 0;
    this.forwarded = 0;
    this.abandoned = 0;
    this.injected.length = 0;
    this.byOperation.clear();
  }

  counts(): FaultCounts {
    const faults = Object.fromEntries(FAULT_KINDS.map((kind) => [kind, 0])) as Record<FaultKind, number>;
    for (const fault of this.injected) faults[fault.kind]++;
    return {
      requests: this.sequence,
      forwarded: this.forwarded,
      faults,
      faultTotal: this.injected.length,
      abandoned: this.abandoned,
      requestsByOperation: Object.fromEntries(this.byOperation),
    };
  }

  faults(): readonly InjectedFault[] {
    return this.injected;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private handle(exchange: Exchange, outgoing: ServerResponse): void {
    const sequence = ++this.sequence;
    this.byOperation.set(exchange.operation, (this.byOperation.get(exchange.operation) ?? 0) + 1);
    const kind = this.draw(exchange.operation, exchange.body);
    if (kind) {
      this.injected.push({
        sequence,
        operation: exchange.operation,
        kind,
        body: exchange.body.toString('utf8'),
      });
    }
    this.respond(exchange, kind, outgoing).catch(() => {
      // The emulator itself failed: the client gets what a broken service sends.
      if (!outgoing.headersSent) outgoing.writeHead(502).end();
      else outgoing.destroy();
    });
  }

  private draw(operation: string, body: Buffer): FaultKind | undefined {
    const rule = this.plan?.rules.find(
      (candidate) =>
        (candidate.operations?.includes(operation) ?? true) &&
        (candidate.match?.(body.toString('utf8')) ?? true),
    );
    if (!rule) return undefined;
    // Two draws per covered request whatever the outcome, so a seed gives one sequence of decisions.
    const hit = this.random() < rule.rate;
    const pick = this.random();
    const kinds = rule.kinds.filter(
      (kind) => kind !== 'unprocessed' || UNPROCESSED_OPERATIONS.has(operation),
    );
    const used = this.ruleFaults.get(rule) ?? 0;
    if (!hit || kinds.length === 0 || used >= (rule.limit ?? Number.POSITIVE_INFINITY)) return undefined;
    this.ruleFaults.set(rule, used + 1);
    return kinds[Math.floor(pick * kinds.length)];
  }

  private async respond(
    exchange: Exchange,
    kind: FaultKind | undefined,
    outgoing: ServerResponse,
  ): Promise<void> {
    switch (kind) {
      case 'throttle':
      case 'server-error':
        send(outgoing, errorAnswer(exchange, kind, this.random() < 0.5));
        return;
      case 'drop-before':
        outgoing.socket?.destroy();
        return;
      case 'drop-after':
        await this.forward(exchange);
        outgoing.socket?.destroy();
        return;
      case 'slow': {
        // Applied at once, answered late: a client that gives up first retries a done write.
        const answer = await this.forward(exchange);
        await new Promise((resolve) => setTimeout(resolve, this.plan?.slowMs ?? 150));
        send(outgoing, answer);
        return;
      }
      case 'held': {
        // Applied at once, never answered: the client's own timeout ends the exchange, whatever the
        // load on the machine, so no timer of the proxy races the client's timer.
        const closed = new Promise<void>((resolve) => outgoing.once('close', resolve));
        await this.forward(exchange);
        await closed;
        this.abandoned++;
        return;
      }
      case 'unprocessed':
        send(outgoing, await this.partly(exchange));
        return;
      default:
        send(outgoing, await this.forward(exchange));
    }
  }

  /** Forwards a random leading part of each table's items and hands the rest back as unprocessed. */
  private async partly(exchange: Exchange): Promise<Answer> {
    const input = JSON.parse(exchange.body.toString('utf8')) as { RequestItems: Record<string, unknown> };
    const isWrite = exchange.operation === 'BatchWriteItem';
    const forwardedItems: Record<string, unknown> = {};
    const leftOver: Record<string, unknown> = {};
    for (const [table, spec] of Object.entries(input.RequestItems)) {
      const list = (isWrite ? spec : (spec as { Keys: unknown[] }).Keys) as unknown[];
      const keep = Math.floor(this.random() * list.length); // 0 .. n-1: something is always left over
      const rebuild = (part: unknown[]) => (isWrite ? part : { ...(spec as object), Keys: part });
      if (keep > 0) forwardedItems[table] = rebuild(list.slice(0, keep));
      leftOver[table] = rebuild(list.slice(keep));
    }
    const unprocessedField = isWrite ? 'UnprocessedItems' : 'UnprocessedKeys';
    let output: Record<string, unknown> = isWrite ? {} : { Responses: {} };
    let status = 200;
    let headers: IncomingHttpHeaders = { 'content-type': 'application/x-amz-json-1.0' };
    if (Object.keys(forwardedItems).length > 0) {
      const answer = await this.forward({
        ...exchange,
        body: Buffer.from(JSON.stringify({ ...input, RequestItems: forwardedItems })),
      });
      if (answer.status !== 200) return answer;
      output = JSON.parse(answer.body.toString('utf8')) as Record<string, unknown>;
      ({ status, headers } = answer);
    }
    const already = (output[unprocessedField] ?? {}) as Record<string, unknown>;
    for (const [table, part] of Object.entries(leftOver)) {
      const earlier = already[table];
      already[table] = isWrite
        ? [...((earlier as unknown[] | undefined) ?? []), ...(part as unknown[])]
        : {
            ...(part as object),
            Keys: [
              ...((earlier as { Keys?: unknown[] } | undefined)?.Keys ?? []),
              ...(part as { Keys: unknown[] }).Keys,
            ],
          };
    }
    output[unprocessedField] = already;
    return { status, headers: withoutChecksum(headers), body: Buffer.from(JSON.stringify(output)) };
  }

  private forward(exchange: Exchange): Promise<Answer> {
    this.forwarded++;
    return new Promise((resolve, reject) => {
      const upstream = request(
        {
          host: this.target.hostname,
          port: this.target.port,
          method: exchange.method,
          path: exchange.path,
          headers: {
            ...exchange.headers,
            host: this.target.host,
            'content-length': String(exchange.body.length),
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 502,
              headers: response.headers,
              body: Buffer.concat(chunks),
            }),
          );
          response.on('error', reject);
        },
      );
      upstream.on('error', reject);
      upstream.end(exchange.body);
    });
  }
}

function exchangeOf(method: string, path: string, headers: IncomingHttpHeaders, body: Buffer): Exchange {
  const target = headers['x-amz-target'];
  if (typeof target === 'string') {
    return {
      operation: target.slice(target.lastIndexOf('.') + 1),
      protocol: 'json',
      method,
      path,
      headers,
      body,
    };
  }
  const action = new URLSearchParams(body.toString('utf8')).get('Action') ?? 'Unknown';
  return { operation: action, protocol: 'query', method, path, headers, body };
}

/** What the service answers when it throttles or fails, in the protocol the client speaks. */
function errorAnswer(exchange: Exchange, kind: 'throttle' | 'server-error', variant: boolean): Answer {
  const [status, jsonType, queryCode] =
    kind === 'throttle'
      ? variant
        ? [400, 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException', 'Throttling']
        : [400, 'com.amazon.coral.availability#ThrottlingException', 'Throttling']
      : variant
        ? [500, 'com.amazonaws.dynamodb.v20120810#InternalServerError', 'InternalError']
        : [503, 'com.amazon.coral.availability#ServiceUnavailableException', 'ServiceUnavailable'];
  const message = `injected ${kind} (fault proxy)`;
  if (exchange.protocol === 'json') {
    return {
      status,
      headers: { 'content-type': 'application/x-amz-json-1.0' },
      body: Buffer.from(JSON.stringify({ __type: jsonType, message })),
    };
  }
  const type = status < 500 ? 'Sender' : 'Receiver';
  return {
    status,
    headers: { 'content-type': 'text/xml' },
    body: Buffer.from(
      `<ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><Error><Type>${type}</Type><Code>${queryCode}</Code><Message>${message}</Message></Error><RequestId>fault-proxy</RequestId></ErrorResponse>`,
    ),
  };
}

function send(outgoing: ServerResponse, answer: Answer): void {
  const headers = { ...answer.headers, 'content-length': String(answer.body.length) };
  delete headers['transfer-encoding'];
  outgoing.writeHead(answer.status, headers);
  outgoing.end(answer.body);
}

/** A rewritten body no longer matches the emulator's CRC32, which the SDK may check. */
function withoutChecksum(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const copy = { ...headers };
  delete copy['x-amz-crc32'];
  return copy;
}
