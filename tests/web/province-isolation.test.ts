import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createInMemoryDirectory } from '../../shared/adapters/in-memory-directory.ts';
import { createMemoryAuditTrail } from '../../shared/adapters/memory/memory-audit-trail.ts';
import { InMemoryMutes } from '../../shared/adapters/memory/memory-mutes.ts';
import { MemorySignInTokens } from '../../shared/adapters/memory/memory-sign-in-tokens.ts';
import { createMemoryStore } from '../../shared/adapters/memory/memory-store.ts';
import { parseCatalog } from '../../shared/catalog/parse-catalog.ts';
import { buildProgramme, type Programme } from '../../shared/catalog/programme.ts';
import { handOver, type PersonDetails } from '../../shared/domain/person.ts';
import { generateSampleData } from '../../shared/sample/sample-programme-data.ts';
import { createWebApp } from '../../shared/web/app.ts';
import { signToken } from '../../shared/web/signed-token.ts';
import { signInLink } from '../../shared/web/web-links.ts';
import { REPO_ROOT } from '../support/paths.ts';
import { cookieOf, TEST_KEY, WEB_NOW } from './support/web-world.ts';

/**
 * Issue 18: two provinces served by one web app (one deployment). The head of a commune of one
 * province sees none of the other province's pages or data, whatever address they type, and a
 * session made out for the other province does not open it to them.
 */

const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };
const HA_TINH_HEAD = {
  role: 'head',
  unit: '18073',
  indicator: '',
  name: 'Chủ tịch Thành Sen (thử)',
  email: 'iso-head-ht@example.com',
} as const satisfies PersonDetails;
const NGHE_AN_HEAD = {
  role: 'head',
  unit: '16681',
  indicator: '',
  name: 'Chủ tịch Thành Vinh (thử)',
  email: 'iso-head-na@example.com',
} as const satisfies PersonDetails;

function programmeOf(file: string): Programme {
  const path = resolve(REPO_ROOT, 'catalog', file);
  return buildProgramme(parseCatalog(readFileSync(path), path));
}

describe('two provinces in one web app', () => {
  const haTinh = programmeOf('ha-tinh-nq05.json');
  const ngheAn = programmeOf('nghe-an.json');
  let app: ReturnType<typeof createWebApp>;

  beforeAll(async () => {
    const store = createMemoryStore();
    const directory = createInMemoryDirectory();
    for (const [programme, head] of [
      [haTinh, HA_TINH_HEAD],
      [ngheAn, NGHE_AN_HEAD],
    ] as const) {
      const { observations } = generateSampleData(programme, { through: '2026-11-22' });
      await store.putObservations(programme.id, observations, '2026-11-22T01:00:00.000Z');
      await directory.putTenures(
        programme.id,
        handOver([], head, programme.id, '2021-01-01', '2021-01-01T00:00:00.000Z'),
      );
    }
    app = createWebApp({
      programmes: [haTinh, ngheAn],
      ports: {
        store,
        directory,
        signInTokens: new MemorySignInTokens(),
        revisions: store.parts.observations,
        auditTrail: createMemoryAuditTrail(),
        mutes: new InMemoryMutes(),
      },
      signingKey: async () => TEST_KEY,
      clock: { now: () => new Date(WEB_NOW) },
      secureCookies: true,
      snapshotMaxAgeMs: 0,
    });
  });

  const get = (path: string, cookie: string) => app.request(path, { headers: { Cookie: cookie } });
  async function signIn(programme: Programme, email: string): Promise<string> {
    const link = signInLink(
      { key: TEST_KEY, base: 'https://dtwatch.example.com', now: new Date(WEB_NOW) },
      programme.id,
      email,
    );
    const token = new URL(link).searchParams.get('t') ?? '';
    const response = await app.request('/signin', {
      method: 'POST',
      body: new URLSearchParams({ t: token }),
      headers: FORM,
    });
    expect(response.status, `${programme.id} ${email}`).toBe(303);
    return cookieOf(response);
  }

  it('each head sees their own commune and none of the other province’s units, series or names', async () => {
    const haTinhCookie = await signIn(haTinh, HA_TINH_HEAD.email);
    const ngheAnCookie = await signIn(ngheAn, NGHE_AN_HEAD.email);
    expect((await get('/units/18073', haTinhCookie)).status).toBe(200);
    expect((await get('/units/16681', ngheAnCookie)).status).toBe(200);

    const indicator = ngheAn.series.find((plan) => plan.unit === '16681')?.indicator ?? '';
    for (const [cookie, unit, name] of [
      [haTinhCookie, '16681', 'Phường Thành Vinh'],
      [ngheAnCookie, '18073', 'Phường Thành Sen'],
    ] as const) {
      for (const path of [`/units/${unit}`, `/units/${unit}/${indicator}`, `/units/${unit}/timeline.csv`]) {
        const response = await get(path, cookie);
        expect(response.status, path).not.toBe(200);
        expect(await response.text(), path).not.toContain(name);
      }
    }
    // The other province's own head does see its name on the overview: its absence below means something.
    expect(await (await get('/', ngheAnCookie)).text()).toContain('Nghệ An');
    for (const path of ['/', '/alerts']) {
      const page = await (await get(path, haTinhCookie)).text();
      expect(page, path).not.toContain('Nghệ An');
      expect(page, path).not.toContain('/units/16681');
    }
  });

  it('a session made out for the other province, where the address holds no seat, is refused', async () => {
    const session = signToken(TEST_KEY, {
      kind: 'session',
      programme: ngheAn.id,
      email: HA_TINH_HEAD.email,
      exp: Date.parse(WEB_NOW) / 1000 + 3600,
      jti: 'cross-province',
    });
    const response = await get('/', `dtw_session=${session}`);
    expect(response.status).toBe(403);
    expect(await response.text()).not.toContain('Nghệ An');
  });
});
