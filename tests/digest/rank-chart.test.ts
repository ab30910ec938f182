import { describe, expect, it } from 'vitest';
import { renderDigestHtml } from '../../shared/digest/render-html.ts';
import { haTinhDigest } from './ha-tinh-digest.ts';

describe('the rank chart knows how many were ranked (Hà Tĩnh, 2026-W47)', () => {
  const { digest } = haTinhDigest();
  const chart = digest.trajectories.find((candidate) => candidate.indicator === 'digital-gov-rank');

  it('the latest published rank is of the 2025 results, out of 34 provinces', () => {
    expect(chart?.actual.at(-1)?.date).toBe('2025-12-31');
    expect(chart?.rankOutOf).toBe(34);
    expect(chart?.actual.slice(0, 3).map((point) => point.value)).toEqual([59, 39, 33]);
  });

  it('the caption says "hạng N/34" (and "rank N/34" in English); percentages have no rank', () => {
    const latest = chart?.actual.at(-1)?.value;
    expect(renderDigestHtml(digest, { language: 'vi', generatedAt: '2026-11-23T01:00:00.000Z' })).toContain(
      `<strong>hạng ${latest}/34</strong>`,
    );
    expect(renderDigestHtml(digest, { language: 'en', generatedAt: '2026-11-23T01:00:00.000Z' })).toContain(
      `<strong>rank ${latest}/34</strong>`,
    );
    expect(digest.trajectories.filter((candidate) => candidate.rankOutOf !== undefined)).toHaveLength(1);
  });
});
