import { isGsmCharacter } from './sms-segments.ts';

/** Typographic characters with a plain GSM-7 spelling. */
const GSM_SPELLING: Readonly<Record<string, string>> = {
  '…': '...',
  '–': '-',
  '—': '-',
  '−': '-',
  '‘': "'",
  '’': "'",
  '“': '"',
  '”': '"',
  '„': '"',
  '«': '"',
  '»': '"',
  '\t': ' ',
  '\u00a0': ' ',
  '•': '-',
  '×': 'x',
};

/** Vietnamese without its tone and vowel marks: "Hà Tĩnh, đạt" → "Ha Tinh, dat". */
export function stripVietnameseDiacritics(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').normalize('NFC');
}

/**
 * The text an SMS carries: NFC always; without diacritics and inside the GSM-7 alphabet unless
 * diacritics are kept (anything else becomes "?", so the message can never slip into UCS-2 and
 * lose half its room).
 */
export function toSmsText(text: string, keepDiacritics: boolean): string {
  const normalised = text.normalize('NFC');
  if (keepDiacritics) return normalised;
  let out = '';
  for (const character of stripVietnameseDiacritics(normalised)) {
    if (isGsmCharacter(character)) out += character;
    else out += GSM_SPELLING[character] ?? '?';
  }
  return out;
}
