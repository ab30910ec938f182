import type { RankRules } from '../catalog/catalog-schema.ts';
import { rankCountOn } from '../catalog/rank-count.ts';
import { formatRank } from '../style/numbers.ts';
import type { Language } from './labels.ts';

/** "hạng 39/63": a rank with how many were ranked on its date, as the province quotes it. */
export function rankText(language: Language, value: number, outOf: number): string {
  return formatRank(value, outOf, language);
}

/**
 * A value of an indicator as people read it: "hạng 39/63" when the indicator's catalog says how
 * many were ranked on `date`, else undefined (the caller shows the number with its measure).
 */
export function rankedValueText(
  language: Language,
  rank: RankRules | undefined,
  value: number | null,
  date: string | null,
): string | undefined {
  if (value === null || date === null) return undefined;
  const outOf = rankCountOn(rank, date);
  return outOf === undefined ? undefined : rankText(language, value, outOf);
}
