import type { Acknowledgement } from '../../alerts/acknowledgement.ts';
import type { AlertStateRecord } from '../../alerts/alert-state.ts';
import type { SeriesStatus } from '../../domain/series-status.ts';
import { alertIdOf } from '../alert-id.ts';
import type { TimelineEvent } from '../timeline.ts';
import { html, type Markup, type PageContext } from './page.ts';

/** Pieces several pages share: a status badge, the alert and acknowledgement lists, the timeline. */

export function statusBadge(context: PageContext, status: SeriesStatus | null): Markup {
  if (status === null) return html`<span class="status">—</span>`;
  return html`<span class="status status-${status}">${context.status[status]}</span>`;
}

export function alertList(
  context: PageContext,
  alerts: readonly AlertStateRecord[],
  indicatorName: (id: string) => string,
): Markup {
  if (alerts.length === 0) return html`<p class="muted">${context.labels.unit.none}</p>`;
  return html`<ul>${alerts.map(
    (alert) =>
      html`<li><a href="/alerts/${alertIdOf(alert)}">${context.labels.alerts.kind[alert.kind]} · ${indicatorName(alert.indicator)}</a> <span class="muted">(${context.labels.alerts.openedAt} ${context.format.instant(alert.openedAt)})</span></li>`,
  )}</ul>`;
}

export function acknowledgementList(
  context: PageContext,
  acknowledgements: readonly Acknowledgement[],
  indicatorName: (id: string) => string,
): Markup {
  if (acknowledgements.length === 0) return html`<p class="muted">${context.labels.unit.none}</p>`;
  const words = context.labels.ack;
  return html`<ul>${acknowledgements.map(
    (ack) =>
      html`<li><strong>${ack.indicator ? indicatorName(ack.indicator) : '*'}</strong> — ${ack.note}
<span class="muted">(${words.until}: ${context.format.date(ack.until)}${ack.confidence ? html`; ${words.confidence}: ${words.confidenceLevels[ack.confidence]}` : ''}; ${words.by}: ${ack.by}${ack.onBehalfOf ? ` / ${ack.onBehalfOf}` : ''})</span>${
        (ack.checkIns ?? []).length > 0
          ? html`<ul>${(ack.checkIns ?? []).map(
              (checkIn) =>
                html`<li>${context.format.instant(checkIn.at)} · ${checkIn.by}: ${checkIn.note}${checkIn.confidence ? ` (${words.confidenceLevels[checkIn.confidence]})` : ''}</li>`,
            )}</ul>`
          : ''
      }</li>`,
  )}</ul>`;
}

export function timeline(
  context: PageContext,
  events: readonly TimelineEvent[],
  indicatorName: (id: string) => string,
): Markup {
  if (events.length === 0) return html`<p class="muted">${context.labels.unit.none}</p>`;
  const words = context.labels;
  const number = (value: number | null) => (value === null ? '—' : context.format.number(value));
  const describe = (event: TimelineEvent): string => {
    if (event.what === 'notification' && event.sent) {
      const { sent } = event;
      const basis = sent.basis.map(
        (item) =>
          `${indicatorName(item.indicator)}: ${words.trail.basis(number(item.value), item.date ? context.format.date(item.date) : '—', number(item.required))}`,
      );
      return [
        words.trail.notification(event.event, sent.channel, sent.recipient),
        ...basis,
        ...(sent.catalogVersion ? [`${words.trail.catalogVersion} ${sent.catalogVersion}`] : []),
      ].join('; ');
    }
    if (event.what === 'mute') return `${words.trail.mute} (${event.event})`;
    if (event.what === 'directory') return `${words.trail.directory} (${event.event})`;
    if (event.what === 'acknowledgement' && event.event === 'removed') return words.trail.removed;
    if (event.what === 'alert') {
      const kind = event.kind ? words.alerts.kind[event.kind as keyof typeof words.alerts.kind] : '';
      return `${words.alerts.alert} ${kind ?? ''}: ${event.event}`;
    }
    const level = words.ack.confidenceLevels[event.event as keyof typeof words.ack.confidenceLevels];
    return `${event.what === 'check-in' ? words.ack.checkIn : words.ack.title}${level ? ` (${level})` : ''}`;
  };
  return html`<ol class="timeline">${events.map(
    (event) =>
      html`<li><time datetime="${event.at}">${context.format.instant(event.at)}</time>${event.indicator ? html`<strong>${indicatorName(event.indicator)}</strong> · ` : ''}${describe(event)}${event.detail ? html` — ${event.detail}` : ''}${event.by ? html` <span class="muted">(${event.by})</span>` : ''}</li>`,
  )}</ol>`;
}

/** The timeline section of the unit and series pages, with its audit trail as CSV. */
export function timelineSection(
  context: PageContext,
  events: readonly TimelineEvent[],
  indicatorName: (id: string) => string,
  csvHref: string,
): Markup {
  const words = context.labels.unit;
  return html`<section aria-labelledby="timeline"><h2 id="timeline">${words.timeline}</h2>
<p><a href="${csvHref}" download>${words.downloadCsv}</a></p>${timeline(context, events, indicatorName)}</section>`;
}
