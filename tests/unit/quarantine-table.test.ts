import { describe, expect, it } from 'vitest';
import { renderQuarantineTable } from '../../cli/render/quarantine-table.ts';
import type { QuarantinedRow } from '../../shared/domain/ingest-records.ts';

const location = 'sample-source/api/v1/programmes/ha-tinh-nq05/communes-export.csv: line 12345';
const ROW: QuarantinedRow = {
  programme: 'ha-tinh-nq05',
  source: 'communes-export',
  receivedAt: '2026-11-18T05:00:01.123Z',
  location,
  reason: 'value: must be a number',
  row: { unit: '18199', indicator: 'work-records-online', date: '2026-10-31', value: 'abc' },
};
const HANOI = { timeZone: 'Asia/Ho_Chi_Minh', programme: 'ha-tinh-nq05' };

describe('dtwatch quarantine list (table)', () => {
  it('a long location loses its start, never the line number at its end', () => {
    const table = renderQuarantineTable([ROW], { ...HANOI, language: 'vi' });
    expect(table).toContain('line 12345');
    expect(table).toContain('…');
  });

  it('speaks the reader language: headers, and the received time on the programme wall clock', () => {
    const vi = renderQuarantineTable([ROW], { ...HANOI, language: 'vi' });
    expect(vi).toContain('nhận lúc');
    expect(vi).toContain('lý do');
    // 05:00 UTC is noon in Viet Nam, written in the house style (no ISO instant).
    expect(vi).toContain('18/11/2026 12:00');
    expect(vi).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    const en = renderQuarantineTable([ROW], { ...HANOI, language: 'en' });
    expect(en).toContain('received');
    expect(en).toContain('18 Nov 2026 12:00');
  });

  it('says so when nothing was quarantined, in either language', () => {
    expect(renderQuarantineTable([], { ...HANOI, language: 'vi' })).toContain('không có dòng nào bị cách ly');
    expect(renderQuarantineTable([], { ...HANOI, language: 'en' })).toContain('No quarantined rows');
  });
});
