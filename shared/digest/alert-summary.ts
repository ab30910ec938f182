import type { Acknowledgement } from '../alerts/acknowledgement.ts';
import { isMuted } from '../alerts/alert-policy-facts.ts';
import type { AlertStateRecord } from '../alerts/alert-state.ts';
import type { Programme } from '../catalog/programme.ts';
import { compareIds } from '../catalog/programme.ts';
import { days } from '../domain/calendar-date.ts';
import type { SeriesResult } from '../domain/series-status.ts';
import type { AcknowledgementItem, AgeBucket, AlertEvent, AlertsSection } from './digest.ts';
import { isGood } from './league-table.ts';
import { isWithin, type WeekWindow } from './week-window.ts';

/** Age buckets of the alerts still open at the week's end, in days since they opened. */
export const AGE_BUCKET_BOUNDS: readonly number[] = [0, 7, 30, 90];

const MS_PER_DAY = 86_400_000;

/**
 * What happened to alerts during the week, read from each state's history (`opened`, `escalated`,
 * `resolved` events dated within the week; the alerts domain writes them). Alert states are
 * current records, so a state resolved after the week still counts as open at the week's end
 * (digests can be rebuilt for past weeks).
 */
export function summariseAlerts(
  programme: Programme,
  window: WeekWindow,
  states: readonly AlertStateRecord[],
  acknowledgements: readonly Acknowledgement[],
  results: readonly SeriesResult[],
): AlertsSection {
  const event = (state: AlertStateRecord, at: string): AlertEvent => ({
    unit: state.unit,
    unitName: programme.units.get(state.unit)?.name ?? state.unit,
    indicator: state.indicator,
    indicatorName: programme.indicators.get(state.indicator)?.name ?? state.indicator,
    kind: state.kind,
    at,
    escalationLevel: state.escalationLevel,
    ...(isMuted(state) && { muted: true as const }),
  });
  const byTime = (a: AlertEvent, b: AlertEvent) =>
    Date.parse(a.at) - Date.parse(b.at) || compareIds(a.unit, b.unit) || compareIds(a.indicator, b.indicator);

  const lastEvent = (state: AlertStateRecord, name: string) =>
    [...state.history].reverse().find((entry) => entry.event === name && isWithin(entry.at, window))?.at;
  const opened = states.flatMap((state) => {
    const at = lastEvent(state, 'opened') ?? (isWithin(state.openedAt, window) ? state.openedAt : undefined);
    return at ? [event(state, at)] : [];
  });
  const escalated = states.flatMap((state) => {
    const at = lastEvent(state, 'escalated');
    return at ? [event(state, at)] : [];
  });
  // Only a real resolution counts: an alert closed because another kind replaced it ('superseded')
  // or its unit left the programme ('retired') is also stored as resolved.
  const resolved = states.flatMap((state) => {
    const fallback =
      state.history.length === 0 && state.state === 'resolved' && isWithin(state.resolvedAt, window)
        ? state.resolvedAt
        : undefined;
    const at = lastEvent(state, 'resolved') ?? fallback;
    return at ? [event(state, at)] : [];
  });

  const end = Date.parse(window.end);
  const openAges = states
    .filter(
      (state) =>
        Date.parse(state.openedAt) < end &&
        (state.state === 'open' || (state.resolvedAt !== undefined && Date.parse(state.resolvedAt) >= end)),
    )
    .map((state) => Math.floor((end - Date.parse(state.openedAt)) / MS_PER_DAY));
  const openByAge: AgeBucket[] = AGE_BUCKET_BOUNDS.map((fromDays, index) => {
    const toDays = AGE_BUCKET_BOUNDS[index + 1] ?? null;
    return {
      fromDays,
      toDays,
      count: openAges.filter((age) => age >= fromDays && (toDays === null || age < toDays)).length,
    };
  });

  const items = acknowledgements
    .filter((ack) => Date.parse(ack.createdAt) < end)
    .map((ack) => acknowledgementItem(programme, ack, window.sunday, results));
  const byUnit = (a: AcknowledgementItem, b: AcknowledgementItem) =>
    compareIds(a.until, b.until) ||
    compareIds(a.unit, b.unit) ||
    compareIds(a.indicator ?? '', b.indicator ?? '');
  return {
    opened: opened.sort(byTime),
    escalated: escalated.sort(byTime),
    resolved: resolved.sort(byTime),
    openAtEnd: openAges.length,
    openByAge,
    acknowledgements: items.filter((item) => item.until >= window.sunday).sort(byUnit),
    overdue: items
      .filter((item) => item.until < window.sunday && item.outstanding > 0)
      .sort((a, b) => b.daysOverdue - a.daysOverdue || byUnit(a, b)),
  };
}

function acknowledgementItem(
  programme: Programme,
  ack: Acknowledgement,
  sunday: string,
  results: readonly SeriesResult[],
): AcknowledgementItem {
  const covered = results.filter(
    (result) =>
      result.unit === ack.unit && (ack.indicator === undefined || result.indicator === ack.indicator),
  );
  return {
    unit: ack.unit,
    unitName: programme.units.get(ack.unit)?.name ?? ack.unit,
    ...(ack.indicator !== undefined && {
      indicator: ack.indicator,
      indicatorName: programme.indicators.get(ack.indicator)?.name ?? ack.indicator,
    }),
    note: ack.note,
    by: ack.by,
    until: ack.until,
    createdAt: ack.createdAt,
    daysOverdue: Math.max(0, days(ack.until, sunday)),
    outstanding: covered.filter((result) => !isGood(result.status)).length,
  };
}
