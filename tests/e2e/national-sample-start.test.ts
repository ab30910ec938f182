import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { captureChildOutput } from '../support/log-capture.ts';
import { REPO_ROOT } from '../support/paths.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'dtwatch-national-'));

function npmStart(...extra: string[]) {
  const result = spawnSync(
    'npm',
    ['start', '--', '--national-sample', '--as-of', '2026-11-23', '--data-dir', dataDir, ...extra],
    { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } },
  );
  captureChildOutput('npm start --national-sample', result.stdout, result.stderr);
  return result;
}

const outboxFiles = () => (existsSync(join(dataDir, 'outbox')) ? readdirSync(join(dataDir, 'outbox')) : []);

describe('npm start -- --national-sample', () => {
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('runs the chosen provincial SAMPLE programmes in one store, each once, and sends nothing new again', () => {
    const first = npmStart('--provinces', '42,11');
    expect(first.status).toBe(0);
    // Vietnamese unless --lang says otherwise, like every people-facing line of npm start.
    expect(first.stdout).toContain('DỮ LIỆU MẪU');
    expect(first.stdout).toContain('2 chương trình');
    expect(first.stdout).toContain('2 chạy xong, 0 lỗi');
    expect(first.stderr).toMatch(/sample-42: xong/);
    expect(first.stderr).toMatch(/sample-11: xong/);
    const messages = outboxFiles();
    expect(messages.some((name) => name.includes('sample-42'))).toBe(true);
    expect(messages.some((name) => name.includes('sample-11'))).toBe(true);
    const again = npmStart('--provinces', '42,11', '--lang', 'en');
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('SAMPLE DATA');
    expect(again.stdout).toContain('2 programmes');
    expect(again.stdout).toContain('2 ran, 0 failed');
    expect(again.stdout).toMatch(/sent 0 e-mail and 0 SMS/);
    expect(again.stderr).toMatch(/sample-42: ok/);
    expect(outboxFiles()).toEqual(messages);
  }, 300_000);

  it('refuses an unknown province code with a usage error, naming the known ones', () => {
    const wrong = npmStart('--provinces', '99');
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain('no province 99');
    expect(wrong.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  });
});
