import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startCommand } from '../../cli/local/start-command.ts';
import { runCommand } from '../../cli/main.ts';
import { type CycleStep, START_TEXT, stepLine } from '../../cli/render/start-text.ts';

const STEPS: CycleStep[] = [
  { kind: 'generate', host: '127.0.0.1' },
  { kind: 'pull', sources: 2, store: { folder: '/data/run' } },
  { kind: 'evaluate' },
  { kind: 'digest' },
];

describe('npm start: the lines besides the dashboard follow --lang', () => {
  it('the progress lines are Vietnamese under --lang vi, numbered [n/4]', () => {
    const lines = STEPS.map((step, index) => stepLine(step, index + 1, 'vi'));
    expect(lines).toEqual([
      '[1/4] tạo SỐ LIỆU MẪU và mở nguồn số liệu mẫu trên 127.0.0.1',
      '[2/4] lấy số liệu từ 2 nguồn vào kho dữ liệu cục bộ /data/run',
      '[3/4] đánh giá và gửi cảnh báo (vào hộp thư đi)',
      '[4/4] lập bản tin tuần',
    ]);
    for (const line of lines)
      expect(line).not.toMatch(/generating|pulling|sources|evaluating|rendering|digest/);
    expect(stepLine({ kind: 'pull', sources: 2, store: { table: 'dtwatch-dev' } }, 2, 'vi')).toBe(
      '[2/4] lấy số liệu từ 2 nguồn vào bảng DynamoDB dtwatch-dev',
    );
  });

  it('and English under --lang en', () => {
    expect(STEPS.map((step, index) => stepLine(step, index + 1, 'en'))).toEqual([
      '[1/4] generating SAMPLE DATA and starting the sample source on 127.0.0.1',
      '[2/4] pulling 2 sources into the embedded store in /data/run',
      '[3/4] evaluating and alerting (outbox)',
      '[4/4] rendering the weekly digest',
    ]);
  });

  it('the notes about folders and the catalog, in both languages, name the way out', () => {
    const vi = START_TEXT.vi;
    expect(vi.resetNeedsYes('/data/run')).toMatch(/^--reset .*\/data\/run.*thêm --yes/);
    expect(vi.ownFolder('2025-12-31', '/r/.dtwatch-as-of-2025-12-31', '/r/.dtwatch')).toContain(
      'lần chạy thật trong /r/.dtwatch giữ nguyên',
    );
    expect(START_TEXT.en.resetNeedsYes('/data/run')).toContain('add --yes');
    for (const language of ['vi', 'en'] as const) {
      const text = START_TEXT[language];
      expect(text.published('catalog/x.json', 'abc123', '/d/catalogs')).toContain('abc123');
      expect(
        text.differs('catalog/x.json', 'new1', 'old1', 'npm run dtwatch -- catalog publish x'),
      ).toContain('npm run dtwatch -- catalog publish x');
    }
  });
});

describe('npm start --reset without a terminal', () => {
  it('deletes nothing, exits 2 and says to add --yes, in the language asked for', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'dtwatch-reset-'));
    writeFileSync(join(folder, 'kept'), 'x');
    const stdin = process.stdin.isTTY;
    // Vitest's workers have no terminal on stdin; this makes sure of it.
    Object.defineProperty(process.stdin, 'isTTY', { value: false, configurable: true });
    const err: string[] = [];
    const original = process.stderr.write;
    process.stderr.write = ((chunk: string) => err.push(String(chunk)) > 0) as typeof process.stderr.write;
    try {
      const vi = await runCommand(startCommand, ['--reset', '--data-dir', folder]);
      const en = await runCommand(startCommand, ['--reset', '--data-dir', folder, '--lang', 'en']);
      expect([vi, en]).toEqual([2, 2]);
    } finally {
      process.stderr.write = original;
      Object.defineProperty(process.stdin, 'isTTY', { value: stdin, configurable: true });
    }
    try {
      expect(readdirSync(folder)).toEqual(['kept']);
      expect(err.join('')).toContain(`--reset hỏi lại trước khi xoá ${folder}`);
      expect(err.join('')).toContain('thêm --yes để xoá không cần hỏi');
      expect(err.join('')).toContain('add --yes to delete it without asking');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
