import { describe, expect, it } from 'vitest';
import { buildDigest } from '../../shared/digest/build-digest.ts';
import type { Digest, StaleSeries } from '../../shared/digest/digest.ts';
import { renderLeagueCsv } from '../../shared/digest/render-csv.ts';
import { renderDigestHtml } from '../../shared/digest/render-html.ts';
import { renderDigestText, TEXT_BYTE_LIMIT, TEXT_LIST_LIMIT } from '../../shared/digest/render-text.ts';
import { acknowledgements, scenarioInput } from './digest-scenario.ts';

const digest = buildDigest(scenarioInput());

describe('the e-mail text', () => {
  it('reads as a summary in Vietnamese by default wording', () => {
    const text = renderDigestText(digest, { language: 'vi' });
    expect(text).toContain('Bản tin tuần — Chương trình thử');
    expect(text).toContain('Tuần 2026-W10 (từ 02/03/2026 đến 08/03/2026)');
    expect(text).toMatch(/đúng tiến độ\s+5 {2}\(\+1 so với tuần trước\)/);
    expect(text).toMatch(/chậm tiến độ\s+2 {2}\(-2 so với tuần trước\)/);
    expect(text).toContain('1. Xã Một [C1]: 100% — 2/2 (+50 điểm phần trăm)');
    expect(text).toContain('Tiến bộ so với tuần trước: Xã Một +50 điểm phần trăm');
    expect(text).toContain('Sụt giảm so với tuần trước: Xã Hai -50 điểm phần trăm');
    expect(text).toContain('Kế hoạch quá hạn (1):');
    expect(text).toContain('hạn 01/03/2026, quá hạn 7 ngày');
    expect(text).toContain(
      'Hồ sơ trực tuyến — Cấp xã, phường — 31/12/2025 (mục tiêu 60): đạt 2, không đạt 3',
    );
    expect(text).toContain('sheet-a: lỗi');
    expect(text).toContain('4 dòng số liệu bị cách ly trong tuần');
    expect(text).not.toContain('Báo cáo đầy đủ');
  });

  it('speaks English when asked', () => {
    const text = renderDigestText(digest, { language: 'en' });
    expect(text).toContain('Week 2026-W10 (2 Mar 2026 to 8 Mar 2026)');
    expect(text).toContain('Up since last week: Xã Một +50 percentage points');
    expect(text).toContain(
      'Hồ sơ trực tuyến — Communes and wards — 31 Dec 2025 (target 60): met 2, missed 3',
    );
  });

  it('links the published report', () => {
    const url = 'https://reports.example.com/demo/2026-W10/digest.html?X-Amz-Signature=abc';
    const text = renderDigestText(digest, { language: 'vi', reportUrl: url });
    expect(text.split('\n')[2]).toBe(`Báo cáo đầy đủ (biểu đồ): ${url}`);
  });

  it('cuts long lists with "… and N more"', () => {
    const stale: StaleSeries[] = Array.from({ length: 37 }, (_, index) => ({
      unit: `U${index}`,
      unitName: `Xã ${index}`,
      indicator: 'online',
      indicatorName: 'Hồ sơ trực tuyến',
      lastDate: '2025-12-31',
      daysSince: 67,
    }));
    const many: Digest = { ...digest, dataHealth: { ...digest.dataHealth, stale } };
    const text = renderDigestText(many, { language: 'en' });
    expect(text).toContain('Series with overdue reports (37):');
    expect(text).toContain(`… and ${37 - TEXT_LIST_LIMIT} more`);
    expect(text).toContain('Xã 9 [U9]');
    expect(text).not.toContain('Xã 10 [U10]');
  });

  it('stays within the SNS message limit whatever the data', () => {
    const note = 'Kế hoạch rất dài '.repeat(2_000);
    const input = scenarioInput(undefined, {
      acknowledgements: Array.from(
        { length: 400 },
        (_, index) =>
          ({
            ...acknowledgements(note)[0],
            unit: 'C2',
            indicator: 'skills',
            until: `2026-04-${String((index % 28) + 1).padStart(2, '0')}`,
          }) as ReturnType<typeof acknowledgements>[number],
      ),
    });
    const huge: Digest = {
      ...buildDigest(input),
      programme: { ...digest.programme, name: 'Tên '.repeat(50_000) },
    };
    const text = renderDigestText(huge, { language: 'vi' });
    expect(new TextEncoder().encode(text).length).toBeLessThanOrEqual(TEXT_BYTE_LIMIT);
    expect(new TextEncoder().encode(text).length).toBeLessThan(256 * 1024);
  });
});

describe('the HTML report', () => {
  it('is one self-contained document in the chosen language, A4 print styles included', () => {
    const vi = renderDigestHtml(digest, { language: 'vi' });
    const en = renderDigestHtml(digest, { language: 'en' });
    expect(vi).toMatch(/^<!doctype html>\n<html lang="vi">/);
    expect(en).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(vi).toContain('@page{size:A4');
    expect(vi).toContain('Bảng xếp hạng');
    expect(en).toContain('League table');
    for (const html of [vi, en]) {
      expect(html).not.toMatch(/<(script|link|iframe|object|embed)\b/i);
      expect(html).not.toMatch(/\b(src|href)=/i);
      expect(html).not.toMatch(/url\(/i);
      expect((html.match(/<svg class="trajectory"/g) ?? []).length).toBe(2);
      expect((html.match(/<svg class="spark"/g) ?? []).length).toBe(6);
      expect((html.match(/<svg class="heatmap"/g) ?? []).length).toBe(2);
    }
  });
});

describe('the league CSV', () => {
  it('has one row per unit in league order, shares as numbers', () => {
    const csv = renderLeagueCsv(digest, 'en');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'Level,#,Code,Unit,Score,Last week,Change,Series,achieved,on track,at risk,behind,stale,no data,Shortfall',
    );
    expect(lines.slice(1).map((line) => line.split(',').slice(1, 3).join(' '))).toEqual([
      '1 P',
      '1 C1',
      '2 C3',
      '3 C5',
      '4 C4',
      '5 C2',
    ]);
    expect(lines[1]).toBe('Province,1,P,Tỉnh Thử,0,0,0,2,0,0,0,1,0,1,6.6164');
    expect(lines[3]).toBe('Communes and wards,2,C3,Xã Ba,0.5,0.5,0,2,0,1,1,0,0,0,1.4247');
    expect(lines[4]).toContain(',C5,Xã Năm,0.5,,,2,');
  });
});
