/**
 * SMS length as the network counts it. GSM 03.38 (7-bit) when every character is in the default
 * alphabet or its extension table (extension characters take two septets); UCS-2 otherwise (every
 * UTF-16 code unit counts, so a character outside the BMP takes two). A multi-part message loses
 * room to the concatenation header: 153 septets or 67 code units a part. A character is never
 * split across parts, as handsets reassemble whole characters.
 */

const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENSION = '\f^{}\\[~]|€';

const BASIC = new Set(GSM_BASIC);
const EXTENSION = new Set(GSM_EXTENSION);

export type SmsEncoding = 'gsm7' | 'ucs2';

export interface SmsSize {
  readonly encoding: SmsEncoding;
  /** Septets (GSM-7) or UTF-16 code units (UCS-2). */
  readonly units: number;
  readonly segments: number;
}

const LIMITS: Readonly<Record<SmsEncoding, { single: number; part: number }>> = {
  gsm7: { single: 160, part: 153 },
  ucs2: { single: 70, part: 67 },
};

export function isGsmCharacter(character: string): boolean {
  return BASIC.has(character) || EXTENSION.has(character);
}

export function isGsmText(text: string): boolean {
  for (const character of text) if (!isGsmCharacter(character)) return false;
  return true;
}

export function measureSms(text: string): SmsSize {
  const encoding: SmsEncoding = isGsmText(text) ? 'gsm7' : 'ucs2';
  const widths: number[] = [];
  for (const character of text) {
    widths.push(encoding === 'gsm7' ? (EXTENSION.has(character) ? 2 : 1) : character.length);
  }
  const units = widths.reduce((sum, width) => sum + width, 0);
  const limit = LIMITS[encoding];
  if (units === 0) return { encoding, units, segments: 0 };
  if (units <= limit.single) return { encoding, units, segments: 1 };
  let segments = 1;
  let used = 0;
  for (const width of widths) {
    if (used + width > limit.part) {
      segments++;
      used = width;
    } else {
      used += width;
    }
  }
  return { encoding, units, segments };
}

export function fitsSegments(text: string, maxSegments: number): boolean {
  return measureSms(text).segments <= maxSegments;
}
