import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogFile } from '../../cli/files.ts';
import { runMonitoringCycle } from '../../cli/local/monitoring-cycle.ts';
import { type OpenedStore, openStore } from '../../shared/adapters/open-store.ts';
import { buildProgramme, type Programme } from '../../shared/catalog/programme.ts';
import { createWebApp } from '../../shared/web/app.ts';
import { localSigningKey } from '../../shared/web/signing-key.ts';
import { ALERT_LINK_DAYS } from '../../shared/web/web-links.ts';
import { REPO_ROOT } from '../support/paths.ts';
import { cookieOf } from './support/web-world.ts';

/**
 * The alert e-mails of a local cycle (`npm start`, outbox) carry a link signed for their
 * recipient: opened in the web app it shows that alert and its form without a sign-in, and
 * nothing else; after 30 days it is refused. Without a base URL the e-mails ask for a reply.
 */
const AS_OF = '2026-11-18';
const RUN_AT = `${AS_OF}T05:00:00.000Z`;
const BASE = 'http://127.0.0.1:8787';
const dataDir = mkdtempSync(join(tmpdir(), 'dtwatch-alert-link-'));
const plainDir = mkdtempSync(join(tmpdir(), 'dtwatch-alert-nolink-'));
let programme: Programme;
let opened: OpenedStore;
let now = new Date(RUN_AT);

async function cycle(dir: string, webBaseUrl?: string) {
  await runMonitoringCycle({
    programme,
    catalogPath: 'catalog/ha-tinh-nq05.json',
    dataDir: dir,
    directoryFile: resolve(REPO_ROOT, 'samples', 'ha-tinh-nq05.people.csv'),
    clock: { now: () => new Date(RUN_AT) },
    ...(webBaseUrl !== undefined && { webBaseUrl }),
    progress: () => {},
    onMessage: () => {},
  });
}

function alertEmails(dir: string): { to: string; text: string }[] {
  const outbox = join(dir, 'outbox');
  return readdirSync(outbox)
    .map((name) => readFileSync(join(outbox, name), 'utf8'))
    .filter((text) => /^Channel: email$/m.test(text))
    .map((text) => ({ to: /^To: .*?<?([^<>\s]+@[^<>\s]+)>?$/m.exec(text)?.[1] ?? '', text }));
}

beforeAll(async () => {
  programme = buildProgramme(await loadCatalogFile(resolve(REPO_ROOT, 'catalog', 'ha-tinh-nq05.json')));
  await cycle(dataDir, BASE);
  await cycle(plainDir);
  opened = await openStore({ dataDir });
}, 300_000);

afterAll(async () => {
  await opened?.close();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(plainDir, { recursive: true, force: true });
});

describe('signed alert links in the alert e-mails of the local cycle', () => {
  const app = () =>
    createWebApp({
      programmes: [programme],
      ports: {
        store: opened.store,
        directory: opened.directory,
        signInTokens: opened.signInTokens,
        revisions: opened.revisions,
        auditTrail: opened.auditTrail,
        mutes: opened.mutes,
      },
      signingKey: () => localSigningKey(dataDir),
      clock: { now: () => new Date(now) },
      secureCookies: false,
      snapshotMaxAgeMs: 0,
    });

  /** A head's alert e-mail and the first alert link in it. */
  const headLink = () => {
    const email = alertEmails(dataDir).find(
      ({ to, text }) => to.startsWith('head-') && text.includes(`${BASE}/alerts/`),
    );
    expect(email, 'an alert e-mail to a head with an alert link').toBeDefined();
    const link = new URL(/http:\/\/127\.0\.0\.1:8787\/alerts\/\S+/.exec(email?.text ?? '')?.[0] ?? '');
    return { to: email?.to ?? '', link };
  };

  it('each link is signed for its recipient and its alert, and opens that alert with its form, without a sign-in', async () => {
    now = new Date(RUN_AT);
    const { link } = headLink();
    expect(link.searchParams.get('t')).toBeTruthy();
    const web = app();
    const opening = await web.request(`${link.pathname}${link.search}`);
    expect(opening.status).toBe(303);
    expect(opening.headers.get('location')).toBe(link.pathname);
    const cookie = cookieOf(opening);
    const page = await web.request(link.pathname, { headers: { Cookie: cookie } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(`action="${link.pathname}/ack"`);
    expect(html).toContain('name="plan"');

    // Nothing else: another alert, a unit page, the overview.
    const id = decodeURIComponent(link.pathname.slice('/alerts/'.length));
    const [unit] = id.split('~');
    const other = (await opened.store.listAlertStates(programme.id)).find(
      (alert) => `${alert.unit}~${alert.indicator}~${alert.kind}` !== id,
    );
    expect(other).toBeDefined();
    for (const path of [
      `/alerts/${other?.unit}~${other?.indicator}~${other?.kind}`,
      `/units/${unit}`,
      '/alerts',
      '/',
    ]) {
      expect((await web.request(path, { headers: { Cookie: cookie } })).status, path).toBe(403);
    }
  });

  it('a link opened more than 30 days after it was sent is refused', async () => {
    const { link } = headLink();
    now = new Date(Date.parse(RUN_AT) + ALERT_LINK_DAYS * 86_400_000 - 60_000);
    expect((await app().request(`${link.pathname}${link.search}`)).status).toBe(303);
    now = new Date(Date.parse(RUN_AT) + ALERT_LINK_DAYS * 86_400_000 + 1_000);
    const late = await app().request(`${link.pathname}${link.search}`);
    expect(late.status).toBe(400);
    expect(late.headers.get('set-cookie')).toBeNull();
  });

  it("a link does not open another recipient's session: the token names the address it was sent to", async () => {
    const { to, link } = headLink();
    const [body = ''] = (link.searchParams.get('t') ?? '').split('.');
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as { email: string };
    expect(payload.email).toBe(to.toLowerCase());
  });

  it('without a base URL the e-mails keep asking for a reply, with no link', () => {
    const emails = alertEmails(plainDir);
    expect(emails.length).toBeGreaterThan(0);
    expect(emails.every(({ text }) => !text.includes('/alerts/'))).toBe(true);
  });
});
