import { KIND_SEVERITY } from './alert-kind.ts';
import type { NoticeEvent, PendingNotice } from './alert-notice.ts';

const EVENT_WEIGHT: Readonly<Record<NoticeEvent, number>> = {
  escalated: 3,
  opened: 2,
  reminder: 1,
  resolved: 0,
};

/**
 * Most severe first: open problems before good news, a breach before a missing report before a
 * warning, an escalation before a new alert before a reminder, a higher level first, a wider gap
 * first; ids break ties so the order is stable.
 */
export function compareNoticesBySeverity(
  a: Pick<PendingNotice, 'event' | 'kind' | 'level' | 'snapshot'> & { unit: string; indicator: string },
  b: Pick<PendingNotice, 'event' | 'kind' | 'level' | 'snapshot'> & { unit: string; indicator: string },
): number {
  const resolvedA = a.event === 'resolved' ? 1 : 0;
  const resolvedB = b.event === 'resolved' ? 1 : 0;
  return (
    resolvedA - resolvedB ||
    KIND_SEVERITY[b.kind] - KIND_SEVERITY[a.kind] ||
    EVENT_WEIGHT[b.event] - EVENT_WEIGHT[a.event] ||
    b.level - a.level ||
    (a.snapshot.gap ?? 0) - (b.snapshot.gap ?? 0) ||
    compareText(a.unit, b.unit) ||
    compareText(a.indicator, b.indicator)
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
