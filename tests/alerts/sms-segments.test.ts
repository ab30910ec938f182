import { describe, expect, it } from 'vitest';
import { measureSms } from '../../shared/messages/sms-segments.ts';
import { stripVietnameseDiacritics, toSmsText } from '../../shared/messages/sms-text.ts';

describe('SMS segment calculator', () => {
  it('counts GSM-7 text: 160 septets in one part, 153 per part after that', () => {
    expect(measureSms('')).toEqual({ encoding: 'gsm7', units: 0, segments: 0 });
    expect(measureSms('a'.repeat(160))).toEqual({ encoding: 'gsm7', units: 160, segments: 1 });
    expect(measureSms('a'.repeat(161))).toEqual({ encoding: 'gsm7', units: 161, segments: 2 });
    expect(measureSms('a'.repeat(306)).segments).toBe(2);
    expect(measureSms('a'.repeat(307)).segments).toBe(3);
  });

  it('counts extension-table characters as two septets and never splits them across parts', () => {
    expect(measureSms('{}[]~^|\\€')).toEqual({ encoding: 'gsm7', units: 18, segments: 1 });
    expect(measureSms(`${'a'.repeat(159)}€`).segments).toBe(2);
    expect(measureSms(`${'a'.repeat(158)}€`)).toEqual({ encoding: 'gsm7', units: 160, segments: 1 });
    // 152 septets then an escape pair: the pair goes whole into part two.
    const text = `${'a'.repeat(152)}{${'a'.repeat(152)}`;
    expect(measureSms(text)).toEqual({ encoding: 'gsm7', units: 306, segments: 3 });
  });

  it('switches to UCS-2 for any character outside GSM-7: 70 units in one part, 67 after', () => {
    expect(measureSms('ă'.repeat(70))).toEqual({ encoding: 'ucs2', units: 70, segments: 1 });
    expect(measureSms('ă'.repeat(71))).toEqual({ encoding: 'ucs2', units: 71, segments: 2 });
    expect(measureSms('ă'.repeat(134)).segments).toBe(2);
    expect(measureSms('ă'.repeat(135)).segments).toBe(3);
    expect(measureSms('😀')).toEqual({ encoding: 'ucs2', units: 2, segments: 1 });
    // A surrogate pair is not split: 66 units + a pair exceed 67, so it starts part two.
    expect(measureSms(`${'ă'.repeat(66)}😀${'ă'.repeat(10)}`).segments).toBe(2);
    expect(measureSms(`${'ă'.repeat(69)}😀`).segments).toBe(2);
  });

  it('keeps GSM letters with accents in GSM-7 (é, à, ü) and counts "…" as UCS-2', () => {
    expect(measureSms('é à ü Ñ').encoding).toBe('gsm7');
    expect(measureSms('…').encoding).toBe('ucs2');
  });
});

describe('SMS text', () => {
  it('strips Vietnamese diacritics, đ included', () => {
    expect(stripVietnameseDiacritics('Tỷ lệ hồ sơ được xử lý, Đắk Lắk, Hà Tĩnh')).toBe(
      'Ty le ho so duoc xu ly, Dak Lak, Ha Tinh',
    );
  });

  it('normalises to NFC, and outside diacritics mode stays inside GSM-7', () => {
    const decomposed = 'Hà Tĩnh'.normalize('NFD');
    expect(toSmsText(decomposed, true)).toBe('Hà Tĩnh'.normalize('NFC'));
    const plain = toSmsText('Chỉ tiêu “đạt” – 50% … 😀 中', false);
    expect(plain).toBe('Chi tieu "dat" - 50% ... ? ?');
    expect(measureSms(plain).encoding).toBe('gsm7');
  });
});
