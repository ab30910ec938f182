import type { Acknowledgement } from '../../alerts/acknowledgement.ts';
import type { AlertStateRecord } from '../../alerts/alert-state.ts';
import type { Unit } from '../../catalog/catalog-schema.ts';
import type { TrajectoryChart } from '../../digest/digest.ts';
import { trajectorySvg } from '../../digest/svg-charts.ts';
import type { SeriesResult } from '../../domain/series-status.ts';
import type { TimelineEvent } from '../timeline.ts';
import { html, type PageContext, page, raw } from './page.ts';
import { acknowledgementList, alertList, statusBadge, timelineSection } from './parts.ts';

export interface UnitPageModel {
  readonly unit: Unit;
  readonly parent?: Unit;
  readonly children: readonly { unit: Unit; score: number | null }[];
  readonly series: readonly { result: SeriesResult; chart: TrajectoryChart }[];
  readonly openAlerts: readonly AlertStateRecord[];
  readonly acknowledgements: readonly Acknowledgement[];
  readonly timeline: readonly TimelineEvent[];
  readonly asOf: string;
  readonly indicatorName: (id: string) => string;
}

export function unitPage(context: PageContext, model: UnitPageModel): string {
  const { labels, format } = context;
  const words = labels.unit;
  const value = (number: number | null) => (number === null ? '—' : format.number(number));
  const series = model.series.map(({ result, chart }) => {
    const verdicts = result.milestones.map(
      (milestone) => html`<li>${format.date(milestone.date)}: ${context.verdict[milestone.verdict]}</li>`,
    );
    return html`<article class="series" aria-labelledby="s-${result.indicator}">
<h3 id="s-${result.indicator}"><a href="/units/${result.unit}/${result.indicator}">${chart.indicatorName}</a></h3>
<dl class="facts"><dt>${words.status}</dt><dd>${statusBadge(context, result.status)}</dd>
<dt>${words.latest}</dt><dd>${value(result.value)}${result.date ? ` (${format.date(result.date)})` : ''}</dd>
<dt>${words.required}</dt><dd>${value(result.required)}</dd>
<dt>${words.progress}</dt><dd>${result.progress ? context.progress[result.progress] : '—'}</dd></dl>
<div class="chart">${raw(trajectorySvg(chart, model.asOf, context.digestLabels, format))}</div>
${verdicts.length > 0 ? html`<h4>${words.verdicts}</h4><ul>${verdicts}</ul>` : ''}
</article>`;
  });
  const children =
    model.children.length === 0
      ? html``
      : html`<section aria-labelledby="children"><h2 id="children">${words.children}</h2><ul>${model.children.map(
          (child) =>
            html`<li><a href="/units/${child.unit.id}">${child.unit.name}</a>${child.score === null ? '' : html` <span class="muted">${format.share(child.score)}</span>`}</li>`,
        )}</ul></section>`;
  const body = html`${model.parent ? html`<p>${words.parent}: <a href="/units/${model.parent.id}">${model.parent.name}</a></p>` : ''}
<div class="two"><section aria-labelledby="open-alerts"><h2 id="open-alerts">${words.openAlerts}</h2>${alertList(context, model.openAlerts, model.indicatorName)}</section>
<section aria-labelledby="acks"><h2 id="acks">${words.acknowledgements}</h2>${acknowledgementList(context, model.acknowledgements, model.indicatorName)}</section></div>
<section aria-labelledby="series-list"><h2 id="series-list">${words.indicator}</h2>${series.length === 0 ? html`<p class="muted">${words.none}</p>` : series}</section>
${children}
${timelineSection(context, model.timeline, model.indicatorName, `/units/${model.unit.id}/timeline.csv`)}`;
  return page(context, model.unit.name, body);
}
