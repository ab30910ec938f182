import type { AlertKind } from '../alerts/alert-kind.ts';
import { alertIdOf } from '../web/alert-id.ts';

/** What an alert link needs to name the alert. */
export interface LinkedAlert {
  readonly unit: string;
  readonly indicator: string;
  readonly kind: AlertKind;
}

/**
 * Where a message sends its reader in the web app. The seam the web app fills (signed links per
 * recipient); without a configured base URL there is no web app to point at, and messages say
 * to reply to the e-mail and to read the weekly digest instead.
 */
export interface MessageLinks {
  /** The alert's page, where its recipient acknowledges it (`<base>/alerts/<alert id>`). */
  alertLink(alert: LinkedAlert, recipient: string): string | undefined;
  /** A unit's page with every alert below it (`<base>/units/<unit id>`). */
  unitLink(unit: string): string | undefined;
  /** Every open alert of the programme (`<base>/alerts`). */
  alertsLink(): string | undefined;
}

/** The environment variable naming the web app's base URL (e.g. `https://dtwatch.example.gov.vn`). */
export const WEB_BASE_URL_VARIABLE = 'DTWATCH_WEB_BASE_URL';

export const NO_LINKS: MessageLinks = {
  alertLink: () => undefined,
  unitLink: () => undefined,
  alertsLink: () => undefined,
};

/**
 * Plain links under a base URL, with the web app's alert ids; the web app's signed links
 * (shared/web/web-links.ts) fill the same seam where the signing key is at hand.
 */
export function plainLinks(base: string | undefined): MessageLinks {
  if (base === undefined || base.trim() === '') return NO_LINKS;
  const root = base.trim().replace(/\/+$/, '');
  return {
    alertLink: (alert) => `${root}/alerts/${alertIdOf(alert)}`,
    unitLink: (unit) => `${root}/units/${unit}`,
    alertsLink: () => `${root}/alerts`,
  };
}
