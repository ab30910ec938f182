import { describe, expect, it } from 'vitest';
import { renderDigestText } from '../../shared/digest/render-text.ts';
import { haTinhDigest } from './ha-tinh-digest.ts';

/** #13's acceptance: the digest e-mail stays under 20 KB, so it reads as a summary and never clips. */
const EMAIL_LIMIT_BYTES = 20 * 1024;

describe('the digest e-mail of Hà Tĩnh (2026-W47, every section filled)', () => {
  const { digest } = haTinhDigest();

  it('opens with the scorecard and "Cần chỉ đạo", and stays under 20 KB in both languages', () => {
    for (const language of ['vi', 'en'] as const) {
      const text = renderDigestText(digest, {
        language,
        reportUrl: 'https://reports.example.com/ha-tinh-nq05/2026-W47/digest.html?X-Amz-Signature=abc',
        webBaseUrl: 'https://dtwatch.example.com',
      });
      const bytes = Buffer.byteLength(text, 'utf8');
      console.log(`digest e-mail (${language}): ${(bytes / 1024).toFixed(1)} KiB`);
      expect(bytes).toBeLessThan(EMAIL_LIMIT_BYTES);
      const sections = text.split('\n').filter((line) => line.startsWith('== '));
      expect(sections.slice(0, 3)).toEqual(
        language === 'vi'
          ? [
              '== Kết quả thực hiện chỉ tiêu (đến ngày 22/11/2026) ==',
              '== Cần chỉ đạo ==',
              '== Số chỉ tiêu theo tình trạng (241 chỉ tiêu) ==',
            ]
          : [
              '== Targets met (as of 22 Nov 2026) ==',
              '== Decisions needed ==',
              '== Series by status (241 series) ==',
            ],
      );
    }
  });
});
