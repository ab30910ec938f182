import type { Acknowledgement } from '../../alerts/acknowledgement.ts';
import type { AlertStateRecord } from '../../alerts/alert-state.ts';
import type { Unit } from '../../catalog/catalog-schema.ts';
import type { TrajectoryChart } from '../../digest/digest.ts';
import { trajectorySvg } from '../../digest/svg-charts.ts';
import type { QuarantinedRow } from '../../domain/ingest-records.ts';
import type { SeriesResult } from '../../domain/series-status.ts';
import type { ObservationRevision } from '../../ports/observation-revisions.ts';
import type { TimelineEvent } from '../timeline.ts';
import { html, type PageContext, page, raw } from './page.ts';
import { acknowledgementList, alertList, statusBadge, timelineSection } from './parts.ts';

export interface SeriesPageModel {
  readonly unit: Unit;
  readonly indicatorName: string;
  readonly result: SeriesResult;
  readonly chart: TrajectoryChart;
  readonly revisions: readonly ObservationRevision[];
  readonly quarantined: readonly QuarantinedRow[];
  readonly openAlerts: readonly AlertStateRecord[];
  readonly acknowledgements: readonly Acknowledgement[];
  readonly timeline: readonly TimelineEvent[];
  readonly asOf: string;
}

export function seriesPage(context: PageContext, model: SeriesPageModel): string {
  const { labels, format } = context;
  const words = labels.series;
  const earlier = new Map<string, ObservationRevision[]>();
  for (const revision of model.revisions) {
    const list = earlier.get(revision.date) ?? [];
    list.push(revision);
    earlier.set(revision.date, list);
  }
  const rows = [...model.chart.actual]
    .reverse()
    .map(
      (point) =>
        html`<tr><td>${format.date(point.date)}</td><td class="num">${format.number(point.value)}</td><td>${(
          earlier.get(point.date) ?? []
        ).map(
          (revision) =>
            html`<span class="revision">${format.number(revision.value)} <span class="muted">(${words.receivedAt} ${revision.receivedAt ? format.instant(revision.receivedAt) : '—'})</span></span> `,
        )}</td></tr>`,
    );
  const name = () => model.indicatorName;
  const quarantined =
    model.quarantined.length === 0
      ? html`<p class="muted">${labels.unit.none}</p>`
      : html`<div class="scroll"><table><thead><tr><th scope="col">${labels.series.receivedAt}</th><th scope="col">${words.date}</th><th scope="col">${words.value}</th><th scope="col">${words.reason}</th><th scope="col">${words.source}</th></tr></thead><tbody>${model.quarantined.map(
          (row) =>
            html`<tr><td>${format.instant(row.receivedAt)}</td><td>${row.row.date ?? ''}</td><td>${row.row.value ?? ''}</td><td>${row.reason}</td><td>${row.source}</td></tr>`,
        )}</tbody></table></div>`;
  const body = html`<p><a href="/units/${model.unit.id}">${model.unit.name}</a></p>
<dl class="facts"><dt>${labels.unit.status}</dt><dd>${statusBadge(context, model.result.status)}</dd>
<dt>${labels.unit.required}</dt><dd>${model.result.required === null ? '—' : format.number(model.result.required)}</dd>
<dt>${labels.unit.progress}</dt><dd>${model.result.progress ? context.progress[model.result.progress] : '—'}</dd></dl>
<div class="chart">${raw(trajectorySvg(model.chart, model.asOf, context.digestLabels, format))}</div>
<div class="two"><section aria-labelledby="open-alerts"><h2 id="open-alerts">${labels.unit.openAlerts}</h2>${alertList(context, model.openAlerts, name)}</section>
<section aria-labelledby="acks"><h2 id="acks">${labels.unit.acknowledgements}</h2>${acknowledgementList(context, model.acknowledgements, name)}</section></div>
<section aria-labelledby="observations"><h2 id="observations">${words.observations}</h2><div class="scroll"><table><thead><tr><th scope="col">${words.date}</th><th scope="col" class="num">${words.value}</th><th scope="col">${words.earlier}</th></tr></thead><tbody>${rows}</tbody></table></div></section>
<section aria-labelledby="quarantined"><h2 id="quarantined">${words.quarantined}</h2>${quarantined}</section>
${timelineSection(context, model.timeline, name, `/units/${model.unit.id}/${model.result.indicator}/timeline.csv`)}`;
  return page(context, `${model.indicatorName} — ${model.unit.name}`, body);
}
