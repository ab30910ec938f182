import { describe, expect, it } from 'vitest';
import { renderQuarantineTable } from '../../cli/render/quarantine-table.ts';

describe('dtwatch quarantine list (table)', () => {
  it('a long location loses its start, never the line number at its end', () => {
    const location = 'sample-source/api/v1/programmes/ha-tinh-nq05/communes-export.csv: line 12345';
    const table = renderQuarantineTable([
      {
        programme: 'ha-tinh-nq05',
        source: 'communes-export',
        receivedAt: '2026-11-18T05:00:01.123Z',
        location,
        reason: 'value: must be a number',
        row: { unit: '18199', indicator: 'work-records-online', date: '2026-10-31', value: 'abc' },
      },
    ]);
    expect(table).toContain('line 12345');
    expect(table).toContain('…');
    expect(table).toContain('2026-11-18T05:00:01Z');
  });
});
