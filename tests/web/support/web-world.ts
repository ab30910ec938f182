import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInMemoryDirectory } from '../../../shared/adapters/in-memory-directory.ts';
import { createMemoryAuditTrail } from '../../../shared/adapters/memory/memory-audit-trail.ts';
import { InMemoryMutes } from '../../../shared/adapters/memory/memory-mutes.ts';
import { MemorySignInTokens } from '../../../shared/adapters/memory/memory-sign-in-tokens.ts';
import { createMemoryStore, type MemoryStore } from '../../../shared/adapters/memory/memory-store.ts';
import type { AlertStateRecord } from '../../../shared/alerts/alert-state.ts';
import { parseCatalog } from '../../../shared/catalog/parse-catalog.ts';
import { buildProgramme, type Programme } from '../../../shared/catalog/programme.ts';
import { handOver, type PersonDetails, type Tenure } from '../../../shared/domain/person.ts';
import { evaluateProgramme, groupBySeries } from '../../../shared/domain/programme-evaluation.ts';
import type { AuditTrail } from '../../../shared/ports/audit-trail.ts';
import type { Clock } from '../../../shared/ports/clock.ts';
import type { Directory } from '../../../shared/ports/directory.ts';
import { generateSampleData } from '../../../shared/sample/sample-programme-data.ts';
import { createWebApp } from '../../../shared/web/app.ts';
import { signInLink } from '../../../shared/web/web-links.ts';
import { REPO_ROOT } from '../../support/paths.ts';

/** Clearly fake people of the web tests, each in one seat of the Hà Tĩnh programme. */
export const WEB_PEOPLE = {
  committee: {
    role: 'committee',
    unit: '',
    indicator: '',
    name: 'Ban Chỉ đạo (thử)',
    email: 'web-bcd@example.com',
  },
  office: {
    role: 'operator',
    unit: '',
    indicator: '',
    name: 'Văn phòng (thử)',
    email: 'web-office@example.com',
  },
  /** Head of Phường Thành Sen (18073). */
  headA: {
    role: 'head',
    unit: '18073',
    indicator: '',
    name: 'Chủ tịch Thành Sen (thử)',
    email: 'web-head-a@example.com',
  },
  /** Head of Phường Trần Phú (18100). */
  headB: {
    role: 'head',
    unit: '18100',
    indicator: '',
    name: 'Chủ tịch Trần Phú (thử)',
    email: 'web-head-b@example.com',
  },
  owner: {
    role: 'owner',
    unit: '',
    indicator: 'staff-digital-skills',
    name: 'Sở Nội vụ (thử)',
    email: 'web-owner@example.com',
  },
} as const satisfies Record<string, PersonDetails>;

export const WEB_NOW = '2026-11-23T05:00:00.000Z';
export const TEST_KEY = new Uint8Array(32).fill(7);

export interface WebWorld {
  readonly programme: Programme;
  readonly store: MemoryStore;
  readonly directory: Directory;
  readonly signInTokens: MemorySignInTokens;
  readonly auditTrail: AuditTrail;
  readonly mutes: InMemoryMutes;
  readonly clock: Clock & { set(instant: string): void };
  readonly app: ReturnType<typeof createWebApp>;
  /** A behind alert of unit A, open. */
  readonly alertA: AlertStateRecord;
  link(email: string, base?: string): string;
  /** Signs in by following a fresh sign-in link; the cookie header to send afterwards. */
  signIn(email: string): Promise<string>;
}

let cached:
  | { programme: Programme; observations: ReturnType<typeof generateSampleData>['observations'] }
  | undefined;

function sample() {
  if (!cached) {
    const file = resolve(REPO_ROOT, 'catalog', 'ha-tinh-nq05.json');
    const programme = buildProgramme(parseCatalog(readFileSync(file), file));
    cached = {
      programme,
      observations: generateSampleData(programme, { through: '2026-11-22' }).observations,
    };
  }
  return cached;
}

/** The Hà Tĩnh programme on SAMPLE data, its alerts open for every behind series, and the web app over it. */
export async function webWorld(
  options: { secureCookies?: boolean; snapshotMaxAgeMs?: number } = {},
): Promise<WebWorld> {
  const { programme, observations } = sample();
  const store = createMemoryStore();
  await store.putObservations(programme.id, observations, '2026-11-22T01:00:00.000Z');
  const results = evaluateProgramme(programme, groupBySeries(observations), '2026-11-22').results;
  const alerts: AlertStateRecord[] = results
    .filter((result) => result.status === 'behind')
    .map((result) => ({
      programme: programme.id,
      unit: result.unit,
      indicator: result.indicator,
      kind: 'behind',
      state: 'open',
      openedAt: '2026-11-20T03:00:00.000Z',
      lastNotifiedAt: '2026-11-20T03:00:00.000Z',
      escalationLevel: 0,
      history: [{ at: '2026-11-20T03:00:00.000Z', event: 'opened' }],
    }));
  const alertA = alerts.find((alert) => alert.unit === WEB_PEOPLE.headA.unit);
  if (!alertA) throw new Error('the sample has no behind series in unit A: pick another unit');
  await store.putAlertStates(programme.id, alerts);
  const directory = createInMemoryDirectory();
  const tenures: Tenure[] = Object.values(WEB_PEOPLE).flatMap((person) =>
    handOver([], person, programme.id, '2021-01-01', '2021-01-01T00:00:00.000Z'),
  );
  await directory.putTenures(programme.id, tenures);
  const signInTokens = new MemorySignInTokens();
  const auditTrail = createMemoryAuditTrail();
  const mutes = new InMemoryMutes();
  let now = new Date(WEB_NOW);
  const clock = {
    now: () => new Date(now),
    set(instant: string) {
      now = new Date(instant);
    },
  };
  const app = createWebApp({
    programmes: [programme],
    ports: { store, directory, signInTokens, revisions: store.parts.observations, auditTrail, mutes },
    signingKey: async () => TEST_KEY,
    clock,
    secureCookies: options.secureCookies ?? true,
    // 0: every request reads the store again, so a test's direct writes show at once.
    snapshotMaxAgeMs: options.snapshotMaxAgeMs ?? 0,
  });
  const link = (email: string, base = 'https://dtwatch.example.com') =>
    signInLink({ key: TEST_KEY, base, now: clock.now() }, programme.id, email);
  return {
    programme,
    store,
    directory,
    signInTokens,
    auditTrail,
    mutes,
    clock,
    app,
    alertA,
    link,
    async signIn(email) {
      const token = new URL(link(email)).searchParams.get('t') ?? '';
      const response = await app.request('/signin', {
        method: 'POST',
        body: new URLSearchParams({ t: token }),
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      });
      if (response.status !== 303) throw new Error(`sign-in refused: ${response.status}`);
      return cookieOf(response);
    },
  };
}

/** `name=value` pairs of a response's Set-Cookie headers, as a Cookie header. */
export function cookieOf(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .join('; ');
}
