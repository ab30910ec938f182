import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyToken } from '../../shared/web/signed-token.ts';
import { LOCAL_KEY_FILE, localSigningKey } from '../../shared/web/signing-key.ts';
import { cliInProcess } from '../support/in-process-cli.ts';

const CATALOG = 'catalog/ha-tinh-nq05.json';

describe('dtwatch web link (embedded store, catalog contacts)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'dtwatch-web-link-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('prints a sign-in link alone on stdout, signed with the data folder’s key (made once, owner-only)', async () => {
    const run = await cliInProcess([
      'web',
      'link',
      '--catalog',
      CATALOG,
      '--email',
      'head-42@example.com',
      '--base',
      'https://dtwatch.example.com/',
      '--data-dir',
      dataDir,
    ]);
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const url = new URL(lines[0] ?? '');
    expect(`${url.origin}${url.pathname}`).toBe('https://dtwatch.example.com/signin');
    const key = await localSigningKey(dataDir);
    const payload = verifyToken(key, url.searchParams.get('t') ?? '', 'signin', new Date());
    expect(payload).toMatchObject({ programme: 'ha-tinh-nq05', email: 'head-42@example.com' });
    expect(statSync(join(dataDir, LOCAL_KEY_FILE)).mode & 0o777).toBe(0o600);
  });

  it('refuses an address that holds no seat (exit 1, masked, nothing on stdout) and a bad base (exit 2)', async () => {
    const stranger = await cliInProcess([
      'web',
      'link',
      '--catalog',
      CATALOG,
      '--email',
      'nobody@example.com',
      '--data-dir',
      dataDir,
    ]);
    expect(stranger.status).toBe(1);
    expect(stranger.stdout).toBe('');
    expect(stranger.stderr).toContain('n***@example.com holds no seat');
    const base = await cliInProcess([
      'web',
      'link',
      '--catalog',
      CATALOG,
      '--email',
      'head-42@example.com',
      '--base',
      'ftp://x',
    ]);
    expect(base.status).toBe(2);
  });
});
