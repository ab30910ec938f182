import type { Indicator } from '../../shared/catalog/catalog-schema.ts';
import type { SeriesResult } from '../../shared/domain/series-status.ts';
import { rankedValueText } from '../../shared/messages/rank-text.ts';
import type { Language } from '../../shared/style/language.ts';
import { formatGap, formatValue } from '../../shared/style/numbers.ts';

/** A missing figure in a table cell (docs/style.md). */
export const NO_FIGURE = '—';

/**
 * The value, required value and gap of a series as table cells, in the house style: the unit's
 * decimals and measure (`57,8%`, `hạng 8/63` when the catalog says how many were ranked), the gap
 * in percentage points or places, `—` where there is no figure.
 */
export function figureCells(
  result: Pick<SeriesResult, 'value' | 'required' | 'gap' | 'date'>,
  indicator: Indicator | undefined,
  language: Language,
): [value: string, required: string, gap: string] {
  const measure = indicator?.unit;
  const value =
    result.value === null
      ? NO_FIGURE
      : (rankedValueText(language, indicator?.rank, result.value, result.date) ??
        formatValue(result.value, measure, language));
  return [
    value,
    result.required === null ? NO_FIGURE : formatValue(result.required, measure, language),
    result.gap === null ? NO_FIGURE : formatGap(result.gap, measure, language),
  ];
}
