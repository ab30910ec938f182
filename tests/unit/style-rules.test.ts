import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime } from '../../shared/style/dates.ts';
import { nameFor } from '../../shared/style/names.ts';
import {
  formatDecimal,
  formatGap,
  formatPace,
  formatPoints,
  formatRank,
  formatShare,
  formatValue,
} from '../../shared/style/numbers.ts';

describe('the house style (docs/style.md), Vietnamese and English', () => {
  it('a date: dd/mm/yyyy in Vietnamese, day and month name in English', () => {
    expect(formatDate('2026-11-29', 'vi')).toBe('29/11/2026');
    expect(formatDate('2026-03-02', 'vi')).toBe('02/03/2026');
    expect(formatDate('2026-03-02', 'en')).toBe('2 Mar 2026');
    expect(formatDate('not a date', 'vi')).toBe('not a date');
  });

  it('a date and time on the programme wall clock, 24-hour', () => {
    expect(formatDateTime('2026-11-22T01:05:00Z', 'Asia/Ho_Chi_Minh', 'vi')).toBe('22/11/2026 08:05');
    expect(formatDateTime('2026-11-22T17:30:00Z', 'Asia/Ho_Chi_Minh', 'en')).toBe('23 Nov 2026 00:30');
  });

  it('a decimal: fixed decimals per unit, Vietnamese comma and dot grouping', () => {
    expect(formatValue(91.666, '%', 'vi')).toBe('91,7%');
    expect(formatValue(52.6, '%', 'vi')).toBe('52,6%');
    expect(formatValue(55, '%', 'vi')).toBe('55,0%');
    expect(formatValue(55, '%', 'en')).toBe('55.0%');
    expect(formatValue(1234.56, 'hồ sơ', 'vi')).toBe('1.234,6 hồ sơ');
    expect(formatValue(1234.56, 'dossiers', 'en')).toBe('1,234.6 dossiers');
    expect(formatDecimal(-0.04, 1, 'vi', true)).toBe('0,0');
    expect(formatDecimal(null, 1, 'vi')).toBe('?');
  });

  it('a gap between percentages is in percentage points, signed', () => {
    expect(formatGap(-47.44, '%', 'vi')).toBe('-47,4 điểm phần trăm');
    expect(formatGap(3, '%', 'en')).toBe('+3.0 percentage points');
    expect(formatGap(-21, 'hạng', 'vi')).toBe('-21 bậc');
    expect(formatPoints(0.05, 'vi')).toBe('+5 điểm phần trăm');
    expect(formatPoints(-0.123, 'en')).toBe('-12 percentage points');
    expect(formatPoints(0.001, 'en', true)).toBe('0');
  });

  it('a pace: signed, in the unit of a gap, per 30 days; never "%/30 ngày"', () => {
    expect(formatPace(2.34, '%', 'vi')).toBe('+2,3 điểm phần trăm mỗi 30 ngày');
    expect(formatPace(2.34, '%', 'en')).toBe('+2.3 percentage points per 30 days');
    expect(formatPace(-0.04, '%', 'vi')).toBe('0,0 điểm phần trăm mỗi 30 ngày');
    expect(formatPace(-1.4, 'hạng', 'vi')).toBe('-1 bậc mỗi 30 ngày');
    expect(formatPace(1.25, 'hồ sơ', 'en')).toBe('+1.3 hồ sơ per 30 days');
  });

  it('a rank: "hạng 41/63" with how many were ranked, "rank 41/63" in English', () => {
    expect(formatRank(41, 63, 'vi')).toBe('hạng 41/63');
    expect(formatRank(7, 34, 'en')).toBe('rank 7/34');
    expect(formatRank(41, undefined, 'vi')).toBe('hạng 41');
    expect(formatValue(20, 'hạng', 'vi')).toBe('hạng 20');
  });

  it('a score share in whole per cent', () => {
    expect(formatShare(0.625, 'vi')).toBe('63%');
    expect(formatShare(1, 'en')).toBe('100%');
  });

  it('full names where there is room, the catalog short name where there is not', () => {
    const indicator = {
      name: 'Tỷ lệ hồ sơ công việc được xử lý trên môi trường mạng',
      shortName: 'Hồ sơ trực tuyến',
    };
    expect(nameFor(indicator, 'full')).toBe(indicator.name);
    expect(nameFor(indicator, 'short')).toBe('Hồ sơ trực tuyến');
    expect(nameFor({ name: 'Xếp hạng DTI' }, 'short')).toBe('Xếp hạng DTI');
  });
});
