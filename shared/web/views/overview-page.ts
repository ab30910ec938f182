import { SERIES_STATUSES } from '../../domain/series-status.ts';
import type { DrillGroup, Overview } from '../overview-model.ts';
import { html, type Markup, type PageContext, page } from './page.ts';

const LEAGUE_ENDS = 10;

export function overviewPage(context: PageContext, overview: Overview): string {
  const { labels, format } = context;
  const words = labels.overview;
  const years = overview.scorecard.years;
  const scorecard =
    years.length === 0
      ? html`<p class="muted">${labels.unit.none}</p>`
      : html`<ul class="cards">${years.map(
          (year) =>
            html`<li><span class="headline">${words.targetsMet(year.met, year.targets, year.year)}</span></li>`,
        )}</ul>`;
  const counts = html`<ul class="cards">${SERIES_STATUSES.map(
    (status) =>
      html`<li class="status-${status}"><span class="n">${overview.counts[status]}</span>${context.status[status]}</li>`,
  )}</ul>`;
  const trend =
    overview.trend.length === 0
      ? html`<p class="muted">${words.trendNone}</p>`
      : html`<div class="scroll"><table><caption class="muted">${words.trend}</caption><thead><tr><th scope="col">${words.week}</th>${SERIES_STATUSES.map(
          (status) => html`<th scope="col" class="num">${context.status[status]}</th>`,
        )}</tr></thead><tbody>${overview.trend.map(
          (row) =>
            html`<tr><th scope="row"><a href="/digests/${row.week}">${row.week}</a></th>${SERIES_STATUSES.map(
              (status) => html`<td class="num">${row.counts[status] ?? 0}</td>`,
            )}</tr>`,
        )}</tbody></table></div>`;
  const league = overview.league.map((level) => {
    const rows =
      level.rows.length <= LEAGUE_ENDS * 2
        ? level.rows
        : [...level.rows.slice(0, LEAGUE_ENDS), ...level.rows.slice(-LEAGUE_ENDS)];
    return html`<h3>${context.digestLabels.levels[level.level] ?? level.level} <span class="muted">(${level.rows.length})</span></h3>
<div class="scroll"><table><thead><tr><th scope="col" class="num">${words.rank}</th><th scope="col">${words.unit}</th><th scope="col" class="num">${words.score}</th><th scope="col" class="num">${words.behind}</th><th scope="col" class="num">${words.series}</th></tr></thead><tbody>${rows.map(
      (row) =>
        html`<tr><td class="num">${row.rank}</td><td><a href="/units/${row.unit}">${row.unitName}</a></td><td class="num">${format.share(row.score)}</td><td class="num">${row.counts.behind}</td><td class="num">${row.series}</td></tr>`,
    )}</tbody></table></div>`;
  });
  const body = html`<section aria-labelledby="scorecard"><h2 id="scorecard">${words.scorecard}</h2>${scorecard}</section>
<section aria-labelledby="counts"><h2 id="counts">${words.counts}</h2>${counts}${trend}</section>
<section aria-labelledby="league"><h2 id="league">${words.league}</h2>${league}</section>
<div class="two">${drill(context, 'departments', words.departments, overview.departments)}${drill(context, 'districts', words.formerDistricts, overview.formerDistricts)}</div>`;
  return page(context, words.title, body);
}

function drill(context: PageContext, id: string, title: string, groups: readonly DrillGroup[]): Markup {
  if (groups.length === 0) return html``;
  const words = context.labels.overview;
  return html`<section aria-labelledby="${id}"><h2 id="${id}">${title}</h2><div class="scroll"><table><thead><tr><th scope="col">${words.unit}</th><th scope="col" class="num">${words.score}</th><th scope="col" class="num">${words.behind}</th><th scope="col" class="num">${words.series}</th></tr></thead><tbody>${groups.map(
    (group) =>
      html`<tr><td><a href="/units/${group.unit}">${group.name}</a></td><td class="num">${group.score === null ? '—' : context.format.share(group.score)}</td><td class="num">${group.behind}</td><td class="num">${group.series}</td></tr>`,
  )}</tbody></table></div></section>`;
}
