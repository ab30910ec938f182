import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { captureChildOutput } from '../support/log-capture.ts';
import { REPO_ROOT } from '../support/paths.ts';

/**
 * `npm start` as a person runs it: on a terminal. util-linux `script` gives the command a
 * pseudo-terminal for stdin, stdout and stderr and copies what it shows to its own stdout.
 * Without LOG_LEVEL and without --lang.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'dtwatch-start-tty-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function onTerminal(command: string): { status: number | null; screen: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, TERM: 'xterm-256color' };
  delete env.LOG_LEVEL;
  delete env.NO_COLOR;
  const result = spawnSync('script', ['-qec', command, '/dev/null'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env,
    maxBuffer: 16 * 1024 * 1024,
  });
  captureChildOutput(`script ${command}`, result.stdout, result.stderr);
  return { status: result.status, screen: result.stdout.replaceAll('\r\n', '\n') };
}

describe('npm start on a terminal', () => {
  const run = onTerminal(`npm start -- --as-of 2026-11-18 --data-dir ${dataDir}`);
  // Colour is only on for a terminal: it proves the command saw one.
  const colourCode = new RegExp(`${'\u001b'}\\[[0-9;]*m`, 'g');
  const plain = run.screen.replace(colourCode, '');

  it('ran on a terminal and finished', () => {
    expect(run.status).toBe(0);
    expect(run.screen).toMatch(new RegExp(colourCode.source));
    expect(plain).toContain('Hoàn thành trong');
  });

  it('shows no JSON log record among the dashboard lines', () => {
    expect(plain).not.toMatch(/^\s*\{"level":/m);
    expect(plain).not.toContain('"message":"alert run"');
  });

  it('writes the progress lines in Vietnamese, the default language', () => {
    expect(plain).toContain('[1/4] tạo SỐ LIỆU MẪU');
    expect(plain).toContain(`[2/4] lấy số liệu từ 2 nguồn vào kho dữ liệu cục bộ ${dataDir}`);
    expect(plain).toContain('[3/4] đánh giá và gửi cảnh báo');
    expect(plain).toContain('[4/4] lập bản tin tuần');
    expect(plain).not.toMatch(/generating|pulling|evaluating and alerting|rendering the weekly digest/);
  });
});
