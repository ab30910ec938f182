import { randomUUID } from 'node:crypto';
import type { AlertStateRecord } from '../alerts/alert-state.ts';
import { normaliseEmail } from '../domain/person.ts';
import { alertIdOf } from './alert-id.ts';
import { signToken } from './signed-token.ts';

/** A sign-in link opens one session once, within minutes (docs/security.md, "Web app"). */
export const SIGN_IN_LINK_MINUTES = 15;
/** An alert link in an alert e-mail keeps opening that alert's page for 30 days. */
export const ALERT_LINK_DAYS = 30;
/** The local address of `dtwatch serve`. */
export const LOCAL_BASE_URL = 'http://127.0.0.1:8787';

export interface LinkSigning {
  readonly key: Uint8Array;
  /** Where the web app is served, e.g. `https://dtwatch.example.gov.vn` (no trailing slash needed). */
  readonly base: string;
  readonly now: Date;
}

/** A single-use sign-in link for a directory address, into one programme. */
export function signInLink(signing: LinkSigning, programme: string, email: string): string {
  const token = signToken(signing.key, {
    kind: 'signin',
    programme,
    email: normaliseEmail(email),
    exp: epochSeconds(signing.now) + SIGN_IN_LINK_MINUTES * 60,
    jti: randomUUID(),
  });
  return `${trimBase(signing.base)}/signin?t=${encodeURIComponent(token)}`;
}

/**
 * The link an alert e-mail carries: reusable for 30 days, it opens that alert's page and its
 * acknowledgement form only (`<base>/alerts/<alert id>?t=…`), for the address it was sent to.
 */
export function alertLink(
  signing: LinkSigning,
  alert: Pick<AlertStateRecord, 'programme' | 'unit' | 'indicator' | 'kind'>,
  email: string,
): string {
  const id = alertIdOf(alert);
  const token = signToken(signing.key, {
    kind: 'alert',
    programme: alert.programme,
    email: normaliseEmail(email),
    exp: epochSeconds(signing.now) + ALERT_LINK_DAYS * 86_400,
    jti: randomUUID(),
    alert: id,
  });
  return `${trimBase(signing.base)}/alerts/${id}?t=${encodeURIComponent(token)}`;
}

/** The durable address of a week's digest report (the e-mail links here, not to a pre-signed URL). */
export function digestLink(base: string, week: string): string {
  return `${trimBase(base)}/digests/${encodeURIComponent(week)}`;
}

function trimBase(base: string): string {
  return base.replace(/\/+$/, '');
}

function epochSeconds(now: Date): number {
  return Math.floor(now.getTime() / 1000);
}
