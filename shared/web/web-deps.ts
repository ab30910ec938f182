import type { Programme } from '../catalog/programme.ts';
import type { Clock } from '../ports/clock.ts';
import type { WebPorts } from './web-store.ts';

/**
 * The programmes served and each one's current catalog. Deployed, `current` reads the published
 * version (a catalog published after the container started is used from the programme's next
 * data reload, within `snapshotMaxAgeMs`); locally, a fixed list of catalog files.
 */
export interface ServedProgrammes {
  readonly ids: readonly string[];
  current(id: string): Promise<Programme>;
}

export interface WebAppDeps {
  /** The programmes served; a session belongs to one of them. */
  readonly programmes: ServedProgrammes | readonly Programme[];
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
  /** How long a loaded snapshot of a programme (its catalog included) serves requests (default 60 s). */
  readonly snapshotMaxAgeMs?: number;
}

/** A fixed list of programmes as served programmes (`dtwatch serve`, tests, the bench). */
export function servedProgrammes(programmes: ServedProgrammes | readonly Programme[]): ServedProgrammes {
  if (!Array.isArray(programmes)) return programmes as ServedProgrammes;
  const byId = new Map((programmes as readonly Programme[]).map((programme) => [programme.id, programme]));
  return { ids: [...byId.keys()], current: async (id) => byId.get(id) as Programme };
}
