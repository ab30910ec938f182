import { alertStateLabel, type Language } from './labels.ts';
import type { MessageItem } from './message-item.ts';
import type { Phrasebook } from './message-text.ts';

/** "2 chỉ tiêu chậm tiến độ, 1 chỉ tiêu chưa báo cáo lần nào": counts by state, most frequent first. */
export function stateCounts(language: Language, text: Phrasebook, items: readonly MessageItem[]): string {
  const counts = new Map<string, number>();
  for (const item of items) {
    const label = alertStateLabel(language, item);
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([label, count]) => text.indicators(count, label))
    .join(', ');
}
