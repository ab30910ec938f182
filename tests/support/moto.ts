import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A moto server (`python3 -m moto.server`) on a free loopback port, for integration suites that
 * need DynamoDB, SNS, S3 or CloudFormation. Credentials and region go to each SDK client through
 * `clientConfig` (or to a child process through `env`); nothing is set in this process's env.
 */
export interface MotoServer {
  /** `http://127.0.0.1:<port>` */
  readonly endpoint: string;
  readonly port: number;
  /** Spread into an SDK client's constructor: endpoint, region and dummy credentials. */
  readonly clientConfig: {
    endpoint: string;
    region: string;
    credentials: { accessKeyId: string; secretAccessKey: string };
  };
  /** For a child process (e.g. the CLI) that should use this server through the standard SDK config. */
  readonly env: Record<string, string>;
  stop(): Promise<void>;
  /** Forgets every resource (POST /moto-api/reset). */
  reset(): Promise<void>;
  /** moto's view of its state (GET /moto-api/data.json), e.g. published SNS messages. */
  // biome-ignore lint/suspicious/noExplicitAny: moto's JSON is loosely shaped; callers pick what they need
  data(): Promise<any>;
}

export const MOTO_REGION = 'us-east-1';
const START_TIMEOUT_MS = 30_000;

export async function startMoto(): Promise<MotoServer> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    try {
      return await launch(port);
    } catch (error) {
      lastError = error; // the port may have been taken between probing and binding
    }
  }
  throw lastError;
}

async function launch(port: number): Promise<MotoServer> {
  const endpoint = `http://127.0.0.1:${port}`;
  // moto logs every request on stderr. It goes to a file, not a pipe: a pipe is drained by this
  // process's event loop, which a synchronous child (spawnSync of the CLI against moto) blocks;
  // the pipe then fills, moto blocks writing its log and stops answering, and both wait for ever.
  const logDir = mkdtempSync(join(tmpdir(), 'dtwatch-moto-'));
  const logFile = join(logDir, 'moto.log');
  const logFd = openSync(logFile, 'w');
  const child = spawn('python3', ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', 'ignore', logFd],
  });
  closeSync(logFd);
  const logTail = () => {
    try {
      return readFileSync(logFile, 'utf8').slice(-4_000);
    } catch {
      return '(no log)';
    }
  };
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      // KEEP_MOTO_LOG=1 keeps the request log (and its tracebacks) for a failing run.
      if (!process.env.KEEP_MOTO_LOG) rmSync(logDir, { recursive: true, force: true });
      resolve(code);
    }),
  );
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`moto exited (${child.exitCode}): ${logTail()}`);
    try {
      const response = await fetch(`${endpoint}/moto-api/data.json`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      const tail = logTail();
      await stopChild(child, exited);
      throw new Error(`moto did not answer on ${endpoint} within ${START_TIMEOUT_MS} ms: ${tail}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
  return {
    endpoint,
    port,
    clientConfig: { endpoint, region: MOTO_REGION, credentials },
    env: {
      AWS_ENDPOINT_URL: endpoint,
      AWS_REGION: MOTO_REGION,
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    },
    stop: () => stopChild(child, exited),
    async reset() {
      const response = await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
      if (!response.ok) throw new Error(`moto reset failed: HTTP ${response.status}`);
    },
    async data() {
      const response = await fetch(`${endpoint}/moto-api/data.json`);
      if (!response.ok) throw new Error(`moto data.json failed: HTTP ${response.status}`);
      return response.json();
    },
  };
}

async function stopChild(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(killer);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
