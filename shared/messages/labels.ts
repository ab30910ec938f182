import type { AlertKind } from '../alerts/alert-kind.ts';
import type { ProgressClass } from '../domain/progress-class.ts';
import type { MilestoneVerdict, SeriesStatus } from '../domain/series-status.ts';
import type { Language } from '../style/language.ts';

export type { Language } from '../style/language.ts';

export const STATUS_LABELS: Record<Language, Record<SeriesStatus, string>> = {
  en: {
    no_data: 'no data',
    stale: 'stale',
    achieved: 'achieved',
    on_track: 'on track',
    at_risk: 'at risk',
    behind: 'behind',
  },
  vi: {
    no_data: 'chưa có số liệu',
    stale: 'quá hạn báo cáo',
    achieved: 'đã đạt',
    on_track: 'đúng tiến độ',
    at_risk: 'có nguy cơ chậm',
    behind: 'chậm tiến độ',
  },
};

/** What an alert is about, as messages name it. */
export const ALERT_KIND_LABELS: Record<Language, Record<AlertKind, string>> = {
  en: {
    behind: 'behind',
    stale: 'stale',
    missing: 'never reported',
    at_risk: 'at risk',
    source_down: 'data source down',
  },
  vi: {
    behind: 'chậm tiến độ',
    stale: 'quá hạn báo cáo',
    missing: 'chưa báo cáo lần nào',
    at_risk: 'có nguy cơ chậm',
    source_down: 'nguồn số liệu gián đoạn',
  },
};

export const VERDICT_LABELS: Record<Language, Record<MilestoneVerdict['verdict'], string>> = {
  en: {
    met: 'met',
    missed: 'missed',
    pending: 'awaiting the figure',
    unknown: 'unknown',
    likely: 'likely',
    unlikely: 'unlikely',
  },
  vi: {
    met: 'đạt',
    missed: 'không đạt',
    pending: 'chờ số liệu',
    unknown: 'chưa rõ',
    likely: 'có khả năng đạt',
    unlikely: 'khó đạt',
  },
};

/** The UN ESCAP progress classes as people say them; null (not assessable) shown as a dash. */
export const PROGRESS_LABELS: Record<Language, Record<ProgressClass, string>> = {
  en: {
    target_achieved: 'target achieved',
    on_track: 'on pace',
    progress_needs_acceleration: 'needs acceleration',
    limited_progress: 'limited progress',
    deterioration: 'deteriorating',
  },
  vi: {
    target_achieved: 'đã đạt mục tiêu',
    on_track: 'đúng nhịp độ',
    progress_needs_acceleration: 'cần tăng tốc',
    limited_progress: 'tiến triển hạn chế',
    deterioration: 'đi xuống',
  },
};

/**
 * The words for an alert kind: the status it stands for; a kind without a status label (one the
 * alert policy adds later) is shown by its own name rather than not at all.
 */
export function kindLabel(language: Language, kind: string): string {
  return (ALERT_KIND_LABELS[language] as Readonly<Record<string, string>>)[kind] ?? kind.replace(/_/g, ' ');
}

const NEVER_REPORTED: Readonly<Record<Language, string>> = {
  vi: 'chưa báo cáo lần nào',
  en: 'never reported',
};

/** What counts name an alert by: its kind, or "never reported" for a first report overdue. */
export function alertStateLabel(
  language: Language,
  alert: { readonly kind: string; readonly snapshot: { readonly value: number | null } },
): string {
  return alert.kind === 'stale' && alert.snapshot.value === null
    ? NEVER_REPORTED[language]
    : kindLabel(language, alert.kind);
}
