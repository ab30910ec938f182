import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A loopback HTTP(S) server standing in for a provincial data portal. Each path gets a behaviour
 * (serve, fail, rate-limit, stall, truncate, redirect, ...) and counts its hits, so a test can
 * check both what dtwatch recorded and how often it asked.
 */

export type Behaviour = (request: IncomingMessage, response: ServerResponse, hit: number) => void;

export interface SourceServer {
  readonly origin: string;
  readonly port: number;
  route(path: string, behaviour: Behaviour): void;
  hits(path: string): number;
  /** Request headers of the last hit on a path. */
  lastHeaders(path: string): IncomingMessage['headers'] | undefined;
  close(): Promise<void>;
}

export async function startSourceServer(
  options: { tls?: { key: string; cert: string } } = {},
): Promise<SourceServer> {
  const behaviours = new Map<string, Behaviour>();
  const counts = new Map<string, number>();
  const headers = new Map<string, IncomingMessage['headers']>();
  const handler = (request: IncomingMessage, response: ServerResponse) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    const hit = (counts.get(path) ?? 0) + 1;
    counts.set(path, hit);
    headers.set(path, request.headers);
    const behaviour = behaviours.get(path);
    if (!behaviour) {
      response.writeHead(404).end('not found');
      return;
    }
    behaviour(request, response, hit);
  };
  const server: Server = options.tls ? createHttpsServer(options.tls, handler) : createHttpServer(handler);
  const sockets = new Set<import('node:net').Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    route: (path, behaviour) => behaviours.set(path, behaviour),
    hits: (path) => counts.get(path) ?? 0,
    lastHeaders: (path) => headers.get(path),
    close: () =>
      new Promise<void>((done) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => done());
      }),
  };
}

// ── behaviours ──────────────────────────────────────────────────────────────────────────────

export const serve =
  (body: string, contentType = 'application/json'): Behaviour =>
  (_request, response) => {
    response.writeHead(200, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
    response.end(body);
  };

/** `failures` answers of `status` (with optional headers), then `then`. */
export const failFirst =
  (failures: number, status: number, then: Behaviour, extraHeaders: Record<string, string> = {}): Behaviour =>
  (request, response, hit) => {
    if (hit <= failures) response.writeHead(status, extraHeaders).end(`status ${status}`);
    else then(request, response, hit);
  };

/** Headers at once, the body only after `delayMs` (past a short timeout). */
export const stall =
  (delayMs: number, body = '[]'): Behaviour =>
  (_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.write(body.slice(0, 1));
    const timer = setTimeout(() => response.end(body.slice(1)), delayMs);
    response.on('close', () => clearTimeout(timer));
  };

/** Announces the full length, sends half, then drops the connection. */
export const truncate =
  (body: string, contentType = 'application/json'): Behaviour =>
  (_request, response) => {
    response.writeHead(200, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
    response.write(body.slice(0, Math.floor(body.length / 2)));
    setTimeout(() => response.socket?.destroy(), 20);
  };

/** Chunked (no length announced): `totalBytes` of CSV-ish filler, streamed. */
export const oversized =
  (totalBytes: number): Behaviour =>
  (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/csv' });
    const chunk = Buffer.alloc(64 * 1024, 'x');
    let sent = 0;
    const pump = () => {
      while (sent < totalBytes) {
        sent += chunk.length;
        if (!response.write(chunk)) {
          response.once('drain', pump);
          return;
        }
      }
      response.end();
    };
    response.on('error', () => {});
    pump();
  };

export const redirect =
  (location: string, status = 302): Behaviour =>
  (_request, response) => {
    response.writeHead(status, { location }).end();
  };

/** A self-signed certificate for 127.0.0.1 and localhost (needs the openssl command). */
export function selfSignedCertificate(): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), 'dtwatch-cert-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
        '-days',
        '2',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=DNS:localhost,IP:127.0.0.1',
      ],
      { stdio: 'ignore' },
    );
    return {
      key: readFileSync(join(dir, 'key.pem'), 'utf8'),
      cert: readFileSync(join(dir, 'cert.pem'), 'utf8'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
