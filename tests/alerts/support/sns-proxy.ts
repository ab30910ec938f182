import { createServer, request, type Server } from 'node:http';

export interface RecordedCall {
  readonly action: string;
  readonly params: Record<string, string>;
}

/**
 * A small HTTP proxy in front of moto that records every SNS query-protocol call and, on demand,
 * answers Publish with a throttling or server error instead of forwarding it.
 */
export class SnsProxy {
  readonly calls: RecordedCall[] = [];
  private failure: 'throttle' | 'server' | undefined;
  private server: Server | undefined;
  endpoint = '';

  constructor(private readonly target: string) {}

  failPublishes(mode: 'throttle' | 'server' | undefined): void {
    this.failure = mode;
  }

  publishes(): RecordedCall[] {
    return this.calls.filter((call) => call.action === 'Publish');
  }

  async start(): Promise<void> {
    const target = new URL(this.target);
    this.server = createServer((incoming, outgoing) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () => {
        const body = Buffer.concat(chunks);
        const params = Object.fromEntries(new URLSearchParams(body.toString('utf8')));
        const action = params.Action ?? '';
        if (action === 'Publish' && this.failure) {
          const [status, code] = this.failure === 'throttle' ? [400, 'Throttling'] : [500, 'InternalError'];
          outgoing.writeHead(status, { 'content-type': 'text/xml' });
          outgoing.end(
            `<ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><Error><Type>${status === 400 ? 'Sender' : 'Receiver'}</Type><Code>${code}</Code><Message>injected</Message></Error><RequestId>proxy</RequestId></ErrorResponse>`,
          );
          return;
        }
        this.calls.push({ action, params });
        const forward = request(
          {
            host: target.hostname,
            port: target.port,
            method: incoming.method,
            path: incoming.url,
            headers: { ...incoming.headers, host: target.host },
          },
          (response) => {
            outgoing.writeHead(response.statusCode ?? 502, response.headers);
            response.pipe(outgoing);
          },
        );
        forward.on('error', () => {
          outgoing.writeHead(502);
          outgoing.end();
        });
        forward.end(body);
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    this.endpoint = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** `MessageAttributes.entry.N.Name` / `.Value.StringValue` pairs of a recorded Publish. */
export function messageAttributes(call: RecordedCall): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const [key, name] of Object.entries(call.params)) {
    const match = /^MessageAttributes\.entry\.(\d+)\.Name$/.exec(key);
    if (match) attributes[name] = call.params[`MessageAttributes.entry.${match[1]}.Value.StringValue`] ?? '';
  }
  return attributes;
}
