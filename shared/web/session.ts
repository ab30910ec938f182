import { randomUUID, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { keyedDigest, signToken, type TokenPayload, verifyToken } from './signed-token.ts';

/** The session cookie: a signed token naming the programme and the address, 12 hours long. */
export const SESSION_COOKIE = 'dtw_session';
export const SESSION_HOURS = 12;

export interface CookiePolicy {
  /** Secure cookies everywhere except plain-http loopback (`dtwatch serve`). */
  readonly secure: boolean;
}

export function openSession(
  c: Context,
  key: Uint8Array,
  policy: CookiePolicy,
  now: Date,
  who: { programme: string; email: string; alert?: string },
): void {
  const exp = Math.floor(now.getTime() / 1000) + SESSION_HOURS * 3600;
  const token = signToken(key, {
    kind: 'session',
    programme: who.programme,
    email: who.email,
    exp,
    jti: randomUUID(),
    ...(who.alert !== undefined && { alert: who.alert }),
  });
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    secure: policy.secure,
    sameSite: 'Lax',
    path: '/',
    maxAge: SESSION_HOURS * 3600,
  });
}

export function readSession(c: Context, key: Uint8Array, now: Date): TokenPayload | undefined {
  return verifyToken(key, getCookie(c, SESSION_COOKIE), 'session', now);
}

export function closeSession(c: Context, policy: CookiePolicy): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: policy.secure, httpOnly: true, sameSite: 'Lax' });
}

/** The form token of a session: bound to it, so a form from another site cannot be posted. */
export function csrfToken(key: Uint8Array, session: TokenPayload): string {
  return keyedDigest(key, 'csrf', session.jti);
}

export function csrfValid(key: Uint8Array, session: TokenPayload, given: unknown): boolean {
  if (typeof given !== 'string') return false;
  const expected = Buffer.from(csrfToken(key, session));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
