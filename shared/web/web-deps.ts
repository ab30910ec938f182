import type { Programme } from '../catalog/programme.ts';
import type { Clock } from '../ports/clock.ts';
import type { WebPorts } from './web-store.ts';

export interface WebAppDeps {
  /** The programmes served; a session belongs to one of them. */
  readonly programmes: readonly Programme[];
  readonly ports: WebPorts;
  /** The signing key of links and sessions (read once, e.g. from Secrets Manager). */
  readonly signingKey: () => Promise<Uint8Array>;
  readonly clock: Clock;
  /** false only on plain-http loopback (`dtwatch serve`). */
  readonly secureCookies: boolean;
  /** Where links sent by e-mail point (default: the request's own origin). */
  readonly baseUrl?: string;
  /** Sends a sign-in link to a directory address (the sign-in form); absent: the form only says so. */
  readonly sendSignInLink?: (message: { programme: Programme; email: string; link: string }) => Promise<void>;
  /** How long a loaded snapshot of a programme serves requests (default 60 s). */
  readonly snapshotMaxAgeMs?: number;
}
