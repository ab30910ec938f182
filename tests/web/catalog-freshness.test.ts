import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createInMemoryDirectory } from '../../shared/adapters/in-memory-directory.ts';
import { createMemoryAuditTrail } from '../../shared/adapters/memory/memory-audit-trail.ts';
import { createMemoryCatalogStore } from '../../shared/adapters/memory/memory-catalog-store.ts';
import { InMemoryMutes } from '../../shared/adapters/memory/memory-mutes.ts';
import { MemorySignInTokens } from '../../shared/adapters/memory/memory-sign-in-tokens.ts';
import { createMemoryStore } from '../../shared/adapters/memory/memory-store.ts';
import type { Catalog } from '../../shared/catalog/catalog-schema.ts';
import { readVersionedCatalog } from '../../shared/catalog/catalog-version.ts';
import { publishedProgrammes } from '../../shared/use-cases/published-programmes.ts';
import { createWebApp } from '../../shared/web/app.ts';
import { signInLink } from '../../shared/web/web-links.ts';
import { REPO_ROOT } from '../support/paths.ts';
import { cookieOf, TEST_KEY } from './support/web-world.ts';

/**
 * The web function does not pin the catalog for the container's life: the programme is read
 * (current pointer, then the version) with its data, so a version published while the app runs
 * is shown once the programme's data is reloaded (60 s by default), with no restart.
 */
const FILE = resolve(REPO_ROOT, 'catalog', 'ha-tinh-nq05.json');
const COMMITTEE = 'bcd-cds@example.com';

describe('the web app reads the published catalog again', () => {
  it('shows a catalog published while it runs within the snapshot age, not only after a restart', async () => {
    const catalog = JSON.parse(readFileSync(FILE, 'utf8')) as Catalog;
    const catalogs = createMemoryCatalogStore();
    const publish = async (name: string, at: string) => {
      const versioned = readVersionedCatalog(
        JSON.stringify({ ...catalog, programme: { ...catalog.programme, name } }),
        'catalog.json',
      );
      await catalogs.publish(
        { programme: catalog.programme.id, version: versioned.version, publishedAt: at },
        versioned.canonical,
      );
    };
    await publish('Chương trình phiên bản một', '2026-11-20T00:00:00.000Z');
    let now = Date.parse('2026-11-23T05:00:00.000Z');
    const app = createWebApp({
      programmes: {
        ids: [catalog.programme.id],
        current: publishedProgrammes(catalogs, 'memory'),
      },
      ports: {
        store: createMemoryStore(),
        directory: createInMemoryDirectory(),
        signInTokens: new MemorySignInTokens(),
        revisions: createMemoryStore().parts.observations,
        mutes: new InMemoryMutes(),
        auditTrail: createMemoryAuditTrail(),
      },
      signingKey: async () => TEST_KEY,
      clock: { now: () => new Date(now) },
      secureCookies: true,
      snapshotMaxAgeMs: 60_000,
    });
    const link = new URL(
      signInLink(
        { key: TEST_KEY, base: 'https://web.example.com', now: new Date(now) },
        catalog.programme.id,
        COMMITTEE,
      ),
    );
    const signedIn = await app.request('/signin', {
      method: 'POST',
      body: new URLSearchParams({ t: link.searchParams.get('t') ?? '' }),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(signedIn.status).toBe(303);
    const overview = async () => {
      const response = await app.request('/', { headers: { Cookie: cookieOf(signedIn) } });
      expect(response.status).toBe(200);
      return response.text();
    };
    expect(await overview()).toContain('Chương trình phiên bản một');

    await publish('Chương trình phiên bản hai', '2026-11-23T05:00:10.000Z');
    now += 30_000;
    // Within the minute the loaded data (and its catalog) still serves.
    expect(await overview()).toContain('Chương trình phiên bản một');
    now += 31_000;
    const after = await overview();
    expect(after).toContain('Chương trình phiên bản hai');
    expect(after).not.toContain('Chương trình phiên bản một');
  });
});
