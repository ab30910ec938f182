import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Compact signed tokens for the web app's links and session cookie: the payload as base64url
 * JSON, a dot, and its HMAC-SHA256 under the deployment's signing key. The payload is readable
 * by whoever holds the token (it names a programme and an address, never a secret); only the key
 * holder can make one. `exp` is in epoch seconds.
 */
export interface TokenPayload {
  /** What the token opens. */
  readonly kind: 'signin' | 'alert' | 'session';
  readonly programme: string;
  /** The directory address it was issued to (normalised). */
  readonly email: string;
  readonly exp: number;
  /** Unique id: single use of sign-in links, CSRF binding of sessions. */
  readonly jti: string;
  /** Alert links only: the one alert they open. */
  readonly alert?: string;
}

export function signToken(key: Uint8Array, payload: TokenPayload): string {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${body}.${mac(key, body)}`;
}

/** The payload when the signature holds, the kind matches and it has not expired; else undefined. */
export function verifyToken(
  key: Uint8Array,
  token: string | undefined,
  kind: TokenPayload['kind'],
  now: Date,
): TokenPayload | undefined {
  if (!token || token.length > 2048) return undefined;
  const dot = token.indexOf('.');
  if (dot <= 0) return undefined;
  const body = token.slice(0, dot);
  const given = Buffer.from(token.slice(dot + 1), 'base64url');
  const expected = Buffer.from(mac(key, body), 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!isPayload(payload) || payload.kind !== kind) return undefined;
  return payload.exp * 1000 > now.getTime() ? payload : undefined;
}

/** A value derived from the key for one purpose (e.g. the CSRF token of one session). */
export function keyedDigest(key: Uint8Array, purpose: string, value: string): string {
  return mac(key, `${purpose}\u0000${value}`);
}

function mac(key: Uint8Array, text: string): string {
  return createHmac('sha256', key).update(text).digest('base64url');
}

function isPayload(value: unknown): value is TokenPayload {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    typeof record.kind === 'string' &&
    typeof record.programme === 'string' &&
    typeof record.email === 'string' &&
    typeof record.exp === 'number' &&
    typeof record.jti === 'string' &&
    (record.alert === undefined || typeof record.alert === 'string')
  );
}
