import type { Acknowledgement } from '../../alerts/acknowledgement.ts';
import { CONFIDENCE_LEVELS } from '../../alerts/acknowledgement.ts';
import type { AlertKind } from '../../alerts/alert-kind.ts';
import type { AlertStateRecord } from '../../alerts/alert-state.ts';
import { alertIdOf } from '../alert-id.ts';
import type { TimelineEvent } from '../timeline.ts';
import { html, type Markup, type PageContext, page } from './page.ts';
import { acknowledgementList, timeline } from './parts.ts';

export interface AlertFilters {
  readonly state?: 'open' | 'resolved';
  readonly kind?: AlertKind;
  readonly level?: string;
  readonly indicator?: string;
}

export interface AlertRow {
  readonly alert: AlertStateRecord;
  readonly unitName: string;
  readonly indicatorName: string;
  readonly acknowledgedUntil?: string;
}

export function alertsPage(
  context: PageContext,
  rows: readonly AlertRow[],
  filters: AlertFilters,
  choices: { levels: readonly string[]; indicators: readonly { id: string; name: string }[] },
  total: number,
): string {
  const { labels, format } = context;
  const words = labels.alerts;
  const option = (value: string, text: string, selected: string | undefined) =>
    html`<option value="${value}"${value === (selected ?? '') ? html` selected` : ''}>${text}</option>`;
  const form = html`<form method="get" action="/alerts" class="filters">
<label>${labels.unit.status}<select name="state">${option('', words.all, filters.state)}${option('open', words.state.open, filters.state)}${option('resolved', words.state.resolved, filters.state)}</select></label>
<label>${words.alert}<select name="kind">${option('', words.all, filters.kind)}${(['behind', 'stale', 'at_risk'] as const).map((kind) => option(kind, words.kind[kind], filters.kind))}</select></label>
<label>${context.digestLabels.level}<select name="level">${option('', words.all, filters.level)}${choices.levels.map((level) => option(level, context.digestLabels.levels[level] ?? level, filters.level))}</select></label>
<label>${labels.unit.indicator}<select name="indicator">${option('', words.all, filters.indicator)}${choices.indicators.map((indicator) => option(indicator.id, indicator.name, filters.indicator))}</select></label>
<button type="submit">${words.apply}</button></form>`;
  const table =
    rows.length === 0
      ? html`<p class="muted">${labels.unit.none}</p>`
      : html`<div class="scroll"><table><thead><tr><th scope="col">${words.alert}</th><th scope="col">${labels.overview.unit}</th><th scope="col">${labels.unit.indicator}</th><th scope="col">${labels.unit.status}</th><th scope="col">${words.openedAt}</th><th scope="col">${words.acknowledged}</th></tr></thead><tbody>${rows.map(
          (row) =>
            html`<tr><td><a href="/alerts/${alertIdOf(row.alert)}">${words.kind[row.alert.kind]}</a></td><td><a href="/units/${row.alert.unit}">${row.unitName}</a></td><td>${row.indicatorName}</td><td>${words.state[row.alert.state]}</td><td>${format.instant(row.alert.openedAt)}</td><td>${row.acknowledgedUntil ? format.date(row.acknowledgedUntil) : '—'}</td></tr>`,
        )}</tbody></table></div>`;
  return page(context, words.title, html`${form}<p class="muted">${rows.length} / ${total}</p>${table}`);
}

export interface AlertPageModel {
  readonly alert: AlertStateRecord;
  readonly unitName: string;
  readonly indicatorName: string;
  readonly acknowledgement?: Acknowledgement;
  readonly timeline: readonly TimelineEvent[];
  /** The form is shown only to who may acknowledge. */
  readonly form?: { csrf: string; office: boolean; today: string };
  readonly message?: { kind: 'notice' | 'error'; text: string };
  /** Alert-link visitors see only this page: no links to the rest of the app. */
  readonly restricted: boolean;
}

export function alertPage(context: PageContext, model: AlertPageModel): string {
  const { labels, format } = context;
  const words = labels.ack;
  const { alert } = model;
  const name = () => model.indicatorName;
  const unitLink = model.restricted
    ? html`${model.unitName}`
    : html`<a href="/units/${alert.unit}">${model.unitName}</a> · <a href="/units/${alert.unit}/${alert.indicator}">${model.indicatorName}</a>`;
  const message = model.message
    ? html`<p class="${model.message.kind}" role="status">${model.message.text}</p>`
    : '';
  const ack = model.acknowledgement;
  const body = html`${message}<p>${unitLink}</p>
<dl class="facts"><dt>${labels.alerts.alert}</dt><dd>${labels.alerts.kind[alert.kind]}</dd>
<dt>${labels.unit.status}</dt><dd>${labels.alerts.state[alert.state]}</dd>
<dt>${labels.alerts.openedAt}</dt><dd>${format.instant(alert.openedAt)}</dd>
<dt>${labels.alerts.escalation}</dt><dd>${alert.escalationLevel}</dd></dl>
<section aria-labelledby="ack"><h2 id="ack">${words.title}</h2>
${ack ? html`${acknowledgementList(context, [ack], name)}<p class="notice">${words.pauses(format.date(ack.until))}</p>` : html`<p class="muted">${labels.unit.none}</p>`}
${model.form ? ackForms(context, alert, model.form, ack) : html`<p class="muted">${words.notAllowed}</p>`}
</section>
<section aria-labelledby="timeline"><h2 id="timeline">${labels.unit.timeline}</h2>${timeline(context, model.timeline, name)}</section>`;
  return page(context, `${labels.alerts.kind[alert.kind]} — ${model.indicatorName}, ${model.unitName}`, body);
}

function ackForms(
  context: PageContext,
  alert: AlertStateRecord,
  form: { csrf: string; office: boolean; today: string },
  ack: Acknowledgement | undefined,
): Markup {
  const words = context.labels.ack;
  const id = alertIdOf(alert);
  const confidence = (name: string, field: string) =>
    html`<fieldset><legend>${words.confidence}</legend>${CONFIDENCE_LEVELS.map(
      (level, index) =>
        html`<label><input type="radio" name="confidence" value="${level}" id="${field}-${level}"${index === 0 ? html` required` : ''}> ${words.confidenceLevels[level]}</label>`,
    )}</fieldset>${name ? '' : ''}`;
  const checkIn = ack
    ? html`<h3>${words.checkIn}</h3><form method="post" action="/alerts/${id}/check-in" class="stack">
<input type="hidden" name="csrf" value="${form.csrf}">
<div><label for="checkin-note">${words.checkIn}</label><textarea id="checkin-note" name="note" rows="3" required maxlength="2000"></textarea></div>
${confidence('', 'checkin')}
<div><button type="submit">${words.checkInSubmit}</button></div></form>`
    : '';
  return html`<form method="post" action="/alerts/${id}/ack" class="stack">
<input type="hidden" name="csrf" value="${form.csrf}">
<div><label for="plan">${words.plan}</label><textarea id="plan" name="plan" rows="4" required maxlength="2000">${ack?.note ?? ''}</textarea></div>
<div><label for="until">${words.until}</label><input id="until" name="until" type="date" required min="${form.today}" value="${ack?.until ?? ''}"></div>
${confidence('', 'ack')}
${form.office ? html`<div><label for="on-behalf-of">${words.onBehalfOf}</label><input id="on-behalf-of" name="onBehalfOf" maxlength="200" value="${ack?.onBehalfOf ?? ''}"></div>` : ''}
<div><button type="submit">${words.submit}</button></div></form>${checkIn}`;
}
