import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderStatusTable } from '../../cli/render/status-table.ts';
import { parseCatalog } from '../../shared/catalog/parse-catalog.ts';
import { buildProgramme } from '../../shared/catalog/programme.ts';
import type { EvaluationReport } from '../../shared/domain/programme-evaluation.ts';

const programme = buildProgramme(
  parseCatalog(readFileSync('catalog/ha-tinh-nq05.json'), 'ha-tinh-nq05.json'),
);

const row = (unit: string, indicator: string, value: number, required: number, gap: number) => ({
  unit,
  indicator,
  status: 'behind',
  date: '2025-12-31',
  value,
  required,
  gap,
  observedPace: null,
  requiredPace: null,
  progress: null,
  milestones: [],
});

const report = {
  asOf: '2026-01-20',
  results: [
    row('42-soyt', 'work-records-online', 57.84, 64, -6.16),
    row('42', 'digital-gov-rank', 28, 20, -8),
  ],
} as unknown as EvaluationReport;

describe('dtwatch evaluate / status tables in the house style', () => {
  it('Vietnamese: dd/mm/yyyy, one decimal for a percentage, ranks as "hạng 28/34", gaps in points and places', () => {
    const table = renderStatusTable(report, programme, 'vi', false);
    expect(table).toMatch(
      /42-soyt Sở Y tế\s+Hồ sơ công việc trên mạng\s+chậm tiến độ\s+31\/12\/2025\s+57,8%\s+64,0%\s+-6,2 điểm phần trăm/,
    );
    expect(table).toMatch(/Hạng DTI\s+chậm tiến độ\s+31\/12\/2025\s+hạng 28\/34\s+hạng 20\s+-8 bậc/);
    expect(table).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b|57\.84|\d\.\d/);
  });

  it('English: the documented date and number notation', () => {
    const table = renderStatusTable(report, programme, 'en', false);
    expect(table).toMatch(/31 Dec 2025\s+57\.8%\s+64\.0%\s+-6\.2 percentage points/);
    expect(table).toMatch(/rank 28\/34\s+rank 20\s+-8 places/);
    expect(table).toContain('2 series: 2 behind');
  });
});
