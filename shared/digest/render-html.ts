import { SERIES_STATUSES } from '../domain/series-status.ts';
import type { Language } from '../messages/labels.ts';
import { figureText, SCORECARD_WORDS, targetBound } from '../messages/scorecard-text.ts';
import { formatDate } from '../style/dates.ts';
import { decisionLines } from './decision-text.ts';
import type {
  AcknowledgementItem,
  AlertEvent,
  Digest,
  LeagueLevel,
  LeagueRow,
  StaleSeries,
  TrajectoryChart,
} from './digest.ts';
import { type DigestFormat, digestFormat } from './digest-format.ts';
import { DIGEST_LABELS, type DigestLabels, levelLabel } from './digest-labels.ts';
import { escapeHtml as e } from './html-escape.ts';
import { distributionSvg, weeklyTrendSvg } from './indicator-charts.ts';
import { verdictOrder } from './render-text.ts';
import { heatmapSvg, STATUS_COLOURS, sharedSpan, sparklineSvg, trajectorySvg } from './svg-charts.ts';

export interface HtmlOptions {
  readonly language: Language;
  /** When the report was generated (ISO instant), printed in the footer. */
  readonly generatedAt?: string;
  /** The web app's address: league rows link to `<base>/units/<id>`, and the rest is found there. */
  readonly webBaseUrl?: string;
}

/** League rows shown at each end of a level; the web app (or the CSV) has every unit. */
const LEAGUE_ENDS = 5;

/** Rows of long lists shown in the report; the CSV carries the league table in full anyway. */
const HTML_LIST_LIMIT = 200;
/** A level with more units is drawn as several heat-map blocks side by side. */
const HEATMAP_BLOCK_ROWS = 25;

/**
 * The full report: one self-contained HTML file (inline CSS and SVG, no script, no external
 * request; the Content-Security-Policy forbids both, as a second line behind the escaping).
 */
export function renderDigestHtml(digest: Digest, options: HtmlOptions): string {
  const labels = DIGEST_LABELS[options.language];
  const format = digestFormat(labels, digest.programme.timezone);
  const body = [
    header(digest, labels, format),
    // The first screen: where the province stands, what the committee must decide, what moved.
    `<div class="first"><div>${scorecard(digest, labels, options.language)}${headline(digest, labels, format)}</div>${decisions(digest, labels, format)}</div>`,
    indicatorSection(digest, labels, format),
    league(digest, labels, format, options.webBaseUrl),
    alerts(digest, labels, format),
    milestones(digest, labels, format),
    dataHealth(digest, labels, format),
    dissolved(digest, labels, format),
    trajectories(digest, labels, format),
    heatmap(digest, labels),
    options.generatedAt ? `<footer>${e(labels.generated(format.instant(options.generatedAt)))}</footer>` : '',
  ].join('\n');
  return `<!doctype html>
<html lang="${options.language}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(`${labels.title} ${digest.week} — ${digest.programme.name}`)}</title>
<style>${STYLE}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

function header(digest: Digest, labels: DigestLabels, format: DigestFormat): string {
  return `<header><h1>${e(labels.title)} · ${e(digest.week)}</h1>
<p class="programme">${e(digest.programme.name)}</p>
<p class="muted">${e(labels.weekOf(digest.week, format.date(digest.window.monday), format.date(digest.window.sunday)))} · ${e(labels.asOf(format.date(digest.asOf)))}</p></header>`;
}

/** "N/M chỉ tiêu đạt" per milestone year as cards, then one compact row per target. */
function scorecard(digest: Digest, labels: DigestLabels, language: Language): string {
  const words = SCORECARD_WORDS[language];
  const card = digest.scorecard;
  if (card.targets.length === 0) {
    return `<section class="scorecard"><h2>${e(words.title(formatDate(card.asOf, language)))}</h2><p class="muted">${e(words.none)}</p></section>`;
  }
  const years = card.years
    .map((year) => `<div class="card"><span>${e(words.year(year))}</span></div>`)
    .join('');
  const rows = card.targets
    .map(
      (target) =>
        `<tr><td class="nowrap">${e(formatDate(target.date, language))}</td><td>${e(levelLabel(labels, target.level))}</td><td>${e(target.indicatorName)} ${e(targetBound(target, language))}</td><td>${e(figureText(target, language))}</td><td>${e(words.verdicts[target.verdict])}</td><td class="muted">${e(words.counts(target))}</td></tr>`,
    )
    .join('');
  return `<section class="scorecard"><h2>${e(words.title(formatDate(card.asOf, language)))}</h2><div class="cards">${years}</div><details><summary>${e(labels.target)} (${card.targets.length})</summary><table><tbody>${rows}</tbody></table></details></section>`;
}

/** "Cần chỉ đạo": each decision with its figure and who must act (decisions.ts). */
function decisions(digest: Digest, labels: DigestLabels, format: DigestFormat): string {
  const items = digest.decisions.map((decision) => {
    const lines = decisionLines(decision, labels, format);
    return `<li><strong>${e(lines.title)}</strong><br><span class="figure">${e(lines.figure)}</span><br><span class="muted">${e(lines.owners)}</span></li>`;
  });
  const body =
    items.length === 0 ? `<p class="muted">${e(labels.noDecisions)}</p>` : `<ol>${items.join('')}</ol>`;
  return `<section class="decisions"><h2>${e(labels.decisions)}</h2>${body}</section>`;
}

function indicatorSection(digest: Digest, labels: DigestLabels, format: DigestFormat): string {
  if (digest.indicators.length === 0) return '';
  const legend = `<p class="legend"><span class="key actual"></span>${e(labels.levelMean)} <span class="key required"></span>${e(labels.requiredMean)}</p>`;
  const blocks = digest.indicators.map((view) => {
    const level = levelLabel(labels, view.level);
    const inverted = view.direction === 'decrease' ? `<p class="note">${e(labels.invertedAxis)}</p>` : '';
    const missing =
      view.unitsWithoutValue > 0 ? ` · ${e(labels.unitsWithoutValue(view.unitsWithoutValue))}` : '';
    const distribution =
      view.distribution.length > 1
        ? `<figure><figcaption>${e(labels.distribution(level))}${missing}</figcaption>${distributionSvg(view, labels, format)}</figure>`
        : '';
    return `<article class="indicator"><h3>${e(view.indicatorName)}${view.measure ? ` <small>(${e(view.measure)})</small>` : ''}</h3><div class="pair">${distribution}<figure><figcaption>${e(labels.weeklyTrend(level))}</figcaption>${weeklyTrendSvg(view, labels, format)}</figure></div>${inverted}</article>`;
  });
  return `<section class="indicators"><h2>${e(labels.perIndicator)}</h2><p class="muted">${e(labels.perIndicatorNote)}</p>${legend}${blocks.join('')}</section>`;
}

function headline(digest: Digest, labels: DigestLabels, format: DigestFormat): string {
  const cards = digest.headline.counts
    .map(({ status, count, change }) => {
      const delta =
        change === null
          ? ''
          : `<span class="delta ${change > 0 ? 'more' : change < 0 ? 'fewer' : ''}">${e(format.signed(change))} ${e(labels.movement)}</span>`;
      return `<div class="card" style="border-top-color:${STATUS_COLOURS[status]}" title="${e(labels.statusDefinitions[status])}"><span class="count">${count}</span><span>${e(labels.status[status])}</span>${delta}</div>`;
    })
    .join('');
  const note = digest.comparedWithLastWeek ? '' : `<p class="muted">${e(labels.noComparison)}</p>`;
  const definitions = digest.headline.counts
    .map(
      ({ status }) =>
        `<dt><span class="pill" style="background:${STATUS_COLOURS[status]}"></span>${e(labels.status[status])}</dt><dd>${e(labels.statusDefinitions[status])}</dd>`,
    )
    .join('');
  return `<section class="headline"><h2>${e(labels.headline)} <small>${e(labels.totalSeries(digest.headline.totalSeries))}</small></h2><div class="cards">${cards}</div>${note}<details class="definitions" open><summary>${e(labels.statusMeaning)}</summary><dl>${definitions}</dl></details></section>`;
}

function league(digest: Digest, labels: DigestLabels, format: DigestFormat, webBaseUrl?: string): string {
  const levels = digest.league.map((level) =>
    leagueLevel(level, digest.comparedWithLastWeek, labels, format, webBaseUrl),
  );
  return `<section><h2>${e(labels.league)}</h2><p class="muted">${e(labels.leagueNote)}</p>${levels.join('')}</section>`;
}

function leagueLevel(
  level: LeagueLevel,
  compared: boolean,
  labels: DigestLabels,
  format: DigestFormat,
  webBaseUrl: string | undefined,
): string {
  const unitLink = (row: LeagueRow) =>
    webBaseUrl
      ? `<a href="${e(`${webBaseUrl.replace(/\/+$/, '')}/units/${encodeURIComponent(row.unit)}`)}">${e(row.unitName)}</a>`
      : e(row.unitName);
  const collapsed = level.rows.length > LEAGUE_ENDS * 2 + 1;
  const shown = collapsed
    ? [...level.rows.slice(0, LEAGUE_ENDS), undefined, ...level.rows.slice(-LEAGUE_ENDS)]
    : level.rows;
  const rest = level.rows.length - LEAGUE_ENDS * 2;
  const restRow = `<tr class="rest"><td></td><td colspan="5">${e(labels.leagueRest(rest))}${webBaseUrl ? ` — <a href="${e(`${webBaseUrl.replace(/\/+$/, '')}/units`)}">${e(labels.leagueRestLink)}</a>` : ''}</td></tr>`;
  const rows = shown.map((row) => {
    if (row === undefined) return restRow;
    const change =
      row.change === null
        ? ''
        : `<span class="${row.change > 1e-9 ? 'up' : row.change < -1e-9 ? 'down' : ''}">${e(format.points(row.change, true))}</span>`;
    const bar = `<span class="bar"><span style="width:${Math.round(row.score * 100)}%"></span></span>`;
    const statusBreakdown = (['achieved', 'on_track', 'at_risk', 'behind', 'stale', 'no_data'] as const)
      .filter((status) => row.counts[status] > 0)
      .map(
        (status) =>
          `<span class="pill" style="background:${STATUS_COLOURS[status]}" title="${e(labels.status[status])}"></span>${row.counts[status]}`,
      )
      .join(' ');
    return `<tr><td class="num">${row.rank}</td><td>${unitLink(row)} <span class="muted">${e(row.unit)}</span></td><td class="num">${e(format.share(row.score))} ${bar}</td><td class="num">${change}</td><td>${statusBreakdown}</td><td>${sparklineSvg(row.trend, `${row.unitName}: ${labels.trend}`)}</td></tr>`;
  });
  const movers = compared
    ? `<div class="movers"><p><strong>${e(labels.moversUp)}:</strong> ${moverList(level.movers.up, labels, format)}</p><p><strong>${e(labels.moversDown)}:</strong> ${moverList(level.movers.down, labels, format)}</p></div>`
    : '';
  return `<h3>${e(levelLabel(labels, level.level))}</h3>
<table class="league"><thead><tr><th>${e(labels.rank)}</th><th>${e(labels.unit)}</th><th>${e(labels.score)}</th><th>${e(labels.change)} <small>(${e(format.points(0).replace(/^\S+ /, ''))})</small></th><th>${e(labels.series)}</th><th title="${e(labels.sparkScale)}">${e(labels.trend)} <small>0–100%</small></th></tr></thead>
<tbody>${rows.join('')}</tbody></table>${movers}`;
}

function moverList(rows: LeagueLevel['rows'], labels: DigestLabels, format: DigestFormat): string {
  if (rows.length === 0) return e(labels.noMovers);
  const shown = rows
    .slice(0, 10)
    .map((row) => `${e(row.unitName)} (${e(format.points(row.change ?? 0))})`)
    .join(', ');
  return rows.length > 10 ? `${shown} ${e(labels.andMore(rows.length - 10))}` : shown;
}

function heatmap(digest: Digest, labels: DigestLabels): string {
  if (digest.heatmap.rows.length === 0) return '';
  const legend = (Object.keys(STATUS_COLOURS) as (keyof typeof STATUS_COLOURS)[])
    .map(
      (status) =>
        `<span class="pill" style="background:${STATUS_COLOURS[status]}"></span>${e(labels.status[status])}`,
    )
    .join(' ');
  const columns = digest.heatmap.indicators
    .map((indicator, index) => `<li value="${index + 1}">${e(indicator.name)}</li>`)
    .join('');
  const blocks = digest.league
    .flatMap((level) => {
      const rows = digest.heatmap.rows.filter((row) => row.level === level.level);
      const chunks = Math.ceil(rows.length / HEATMAP_BLOCK_ROWS);
      const size = Math.ceil(rows.length / chunks);
      return Array.from({ length: chunks }, (_, index) => {
        const caption = `${levelLabel(labels, level.level)}${chunks > 1 ? ` (${index + 1}/${chunks})` : ''}`;
        return `<figure class="heat"><figcaption>${e(caption)}</figcaption>${heatmapSvg(digest.heatmap, rows.slice(index * size, (index + 1) * size), labels)}</figure>`;
      });
    })
    .join('');
  return `<section><h2>${e(labels.heatmap)}</h2><p class="legend">${legend}</p><div class="heatgrid">${blocks}</div><ol class="columns">${columns}</ol></section>`;
}

function alerts(digest: Digest, labels: DigestLabels, format: DigestFormat): string {
  const section = digest.alerts;
  const eventRows = (events: readonly AlertEvent[]) =>
    events
      .slice(0, HTML_LIST_LIMIT)
      .map(
        (event) =>
          `<li>${e(event.unitName)} <span class="muted">${e(event.unit)}</span> — ${e(event.indicatorName)}: <strong>${e(labels.alertKind[event.kind])}</strong> <span class="muted">${e(format.instant(event.at))}${event.escalationLevel > 0 ? ` · ${e(labels.escalationLevel(event.escalationLevel))}` : ''}${event.muted ? ` · ${e(labels.muted)}` : ''}</span></li>`,
      )
      .join('') + moreItem(events.length, labels);
  const eventList = (title: string, events: readonly AlertEvent[]) =>
    `<h3>${e(title)} (${events.length})</h3>${events.length === 0 ? `<p class="muted">${e(labels.none)}</p>` : `<ul>${eventRows(events)}</ul>`}`;
  const maxBucket = Math.max(1, ...section.openByAge.map((bucket) => bucket.count));
  const ages = section.openByAge
    .map(
      (bucket) =>
        `<tr><td>${e(labels.ageBucket(bucket.fromDays, bucket.toDays))}</td><td class="num">${bucket.count}</td><td><span class="bar wide"><span style="width:${Math.round((bucket.count / maxBucket) * 100)}%"></span></span></td></tr>`,
    )
    .join('');
  return `<section><h2>${e(labels.alerts)}</h2><div class="columns3">
<div>${eventList(labels.opened, section.opened)}</div><div>${eventList(labels.escalated, section.escalated)}</div><div>${eventList(labels.resolved, section.resolved)}</div></div>
<p>${e(labels.openAtEnd(section.openAtEnd))}</p><table class="ages"><tbody>${ages}</tbody></table>
${acknowledgementTable(labels.overdueAcknowledgements, section.overdue, labels, format, true)}
${acknowledgementTable(labels.acknowledgements, section.acknowledgements, labels, format, false)}</section>`;
}

function acknowledgementTable(
  title: string,
  items: readonly AcknowledgementItem[],
  labels: DigestLabels,
  format: DigestFormat,
  overdue: boolean,
): string {
  if (items.length === 0) return `<h3>${e(title)} (0)</h3><p class="muted">${e(labels.none)}</p>`;
  const rows = items
    .slice(0, HTML_LIST_LIMIT)
    .map(
      (item) =>
        `<tr${overdue ? ' class="overdue"' : ''}><td>${e(item.unitName)} <span class="muted">${e(item.unit)}</span></td><td>${e(item.indicatorName ?? labels.allIndicators)}</td><td>${e(item.note)}</td><td>${e(item.by)}</td><td class="nowrap">${e(format.date(item.until))}${item.daysOverdue > 0 ? `<br><strong>${e(labels.daysOverdue(item.daysOverdue))}</strong>` : ''}</td></tr>`,
    )
    .join('');
  return `<h3>${e(title)} (${items.length})</h3><table><thead><tr><th>${e(labels.unit)}</th><th>${e(labels.indicator)}</th><th>${e(labels.plan)}</th><th>${e(labels.by)}</th><th>${e(labels.due)}</th></tr></thead><tbody>${rows}</tbody></table>${moreParagraph(items.length, labels)}`;
}

function milestones(digest: Digest, labels: DigestLabels, format: DigestFormat): string {
  if (digest.milestones.length === 0) return '';
  const rows = digest.milestones
    .map((milestone) => {
      const verdicts = verdictOrder(milestone.past)
        .filter((verdict) => milestone.verdicts[verdict] > 0)
        .map(
          (verdict) =>
            `<span class="verdict ${verdict}">${e(labels.verdict[verdict])} ${milestone.verdicts[verdict]}</span>`,
        )
        .join(' ');
      return `<tr><td>${e(milestone.indicatorName)}</td><td class="nowrap">${e(levelLabel(labels, milestone.level))}</td><td class="nowrap">${e(format.date(milestone.date))}</td><td class="num">${milestone.target === null ? '' : e(format.number(milestone.target))}</td><td>${verdicts}</td></tr>`;
    })
    .join('');
  return `<section><h2>${e(labels.milestones)}</h2><table><thead><tr><th>${e(labels.indicator)}</th><th>${e(labels.level)}</th><th>${e(labels.milestoneDate)}</th><th>${e(labels.target)}</th><th></th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

function dissolved(digest: Digest, labels: DigestLabels, format: DigestFormat): string {
  const { groups, behind } = digest.dissolved;
  if (groups.length === 0) return '';
  const rows = groups
    .map((group) => {
      const statuses = SERIES_STATUSES.filter((status) => group.statusCounts[status] > 0)
        .map((status) => `${e(labels.status[status])}: ${group.statusCounts[status]}`)
        .join(', ');
      const verdicts = Object.entries(group.verdictCounts)
        .map(
          ([verdict, count]) =>
            `<span class="verdict ${e(verdict)}">${e(labels.verdict[verdict as keyof typeof labels.verdict])}: ${count}</span>`,
        )
        .join('');
      return `<tr><td>${e(labels.dissolvedGroup(format.date(group.validTo), levelLabel(labels, group.level), group.units))}</td><td>${statuses}</td><td>${verdicts}</td></tr>`;
    })
    .join('');
  const names = behind
    .slice(0, HTML_LIST_LIMIT)
    .map(
      (entry) =>
        `<li>${e(entry.unitName)} <span class="muted">(${e(entry.unit)}, ${e(format.date(entry.validTo))})</span>: ${e(entry.indicators.join(', '))}</li>`,
    )
    .join('');
  const list =
    behind.length > 0
      ? `<h3>${e(labels.behindWhenDissolved)}</h3><ul>${names}${moreItem(behind.length, labels)}</ul>`
      : '';
  return `<section><h2>${e(labels.dissolved)}</h2><p class="muted">${e(labels.dissolvedNote)}</p><table><tbody>${rows}</tbody></table>${list}</section>`;
}

function dataHealth(digest: Digest, labels: DigestLabels, format: DigestFormat): string {
  const health = digest.dataHealth;
  const lastReport = (item: StaleSeries, overdue: boolean) =>
    item.lastDate && item.daysSince !== null
      ? ` <span class="muted">(${e(labels.lastReport)} ${e(format.date(item.lastDate))}, ${e(labels.daysSince(item.daysSince))})</span>`
      : overdue
        ? ` <span class="muted">(${e(labels.neverReported)})</span>`
        : '';
  const seriesList = (title: string, items: readonly StaleSeries[], overdue: boolean) =>
    `<h3>${e(title)} (${items.length})</h3>` +
    (items.length === 0
      ? `<p class="muted">${e(labels.none)}</p>`
      : `<ul>${items
          .slice(0, HTML_LIST_LIMIT)
          .map(
            (item) =>
              `<li>${e(item.unitName)} <span class="muted">${e(item.unit)}</span> — ${e(item.indicatorName)}${lastReport(item, overdue)}</li>`,
          )
          .join('')}${moreItem(items.length, labels)}</ul>`);
  const sources =
    health.failingSources.length === 0
      ? `<p class="muted">${e(labels.none)}</p>`
      : `<ul>${health.failingSources
          .map(
            (source) =>
              `<li><strong>${e(source.source)}</strong>: ${e(labels.sourceOutcome[source.outcome])} <span class="muted">${e(format.instant(source.finishedAt))}${source.rowsRejected > 0 ? ` · ${e(labels.rowsRejected(source.rowsRejected))}` : ''}</span>${source.error ? `<br><code>${e(source.error)}</code>` : ''}</li>`,
          )
          .join('')}</ul>`;
  return `<section><h2>${e(labels.dataHealth)}</h2><div class="columns2"><div>${seriesList(labels.staleSeries, health.stale, true)}</div><div>${seriesList(labels.noDataSeries, health.noData, false)}</div></div>
<h3>${e(labels.failingSources)} (${health.failingSources.length})</h3>${sources}<p>${e(labels.quarantinedRows(health.quarantinedRows))}</p></section>`;
}

function trajectories(digest: Digest, labels: DigestLabels, format: DigestFormat): string {
  if (digest.trajectories.length === 0) return '';
  const span = sharedSpan(digest.trajectories, digest.asOf);
  const figures = digest.trajectories
    .map((chart) => trajectoryFigure(chart, digest.asOf, labels, format, span))
    .join('');
  const legend = `<p class="legend"><span class="key required"></span>${e(labels.required)} <span class="key actual"></span>${e(labels.actual)} <span class="diamond"></span>${e(labels.milestone)}</p>`;
  return `<section class="charts"><h2>${e(labels.trajectories)}</h2><p class="muted">${e(labels.sameTimeAxis)}</p>${legend}<div class="chartgrid">${figures}</div></section>`;
}

function trajectoryFigure(
  chart: TrajectoryChart,
  asOf: string,
  labels: DigestLabels,
  format: DigestFormat,
  span: { from: string; to: string },
): string {
  const scope =
    chart.scope.kind === 'unit'
      ? labels.scopeUnit(chart.scope.unitName)
      : labels.scopeLevelMean(levelLabel(labels, chart.scope.level), chart.scope.units);
  const status =
    chart.status === null
      ? ''
      : ` · <span class="pill" style="background:${STATUS_COLOURS[chart.status]}"></span>${e(labels.status[chart.status])}`;
  const measure = chart.measure ? ` (${e(chart.measure)})` : '';
  const latest = chart.actual.at(-1);
  const ranked =
    chart.rankOutOf !== undefined && latest
      ? ` · <strong>${e(labels.rankOf(latest.value, chart.rankOutOf))}</strong>`
      : '';
  return `<figure class="chart"><figcaption><strong>${e(chart.indicatorName)}</strong>${measure}<br><span class="muted">${e(scope)}</span>${status}${ranked}</figcaption>${trajectorySvg(chart, asOf, labels, format, span)}${chart.direction === 'decrease' ? `<p class="note">${e(labels.invertedAxis)}</p>` : ''}</figure>`;
}

function moreItem(count: number, labels: DigestLabels): string {
  return count > HTML_LIST_LIMIT
    ? `<li class="muted">${e(labels.andMore(count - HTML_LIST_LIMIT))}</li>`
    : '';
}

function moreParagraph(count: number, labels: DigestLabels): string {
  return count > HTML_LIST_LIMIT ? `<p class="muted">${e(labels.andMore(count - HTML_LIST_LIMIT))}</p>` : '';
}

const STYLE = `
@page{size:A4;margin:12mm}
*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;color:#1f2328;margin:0 auto;padding:16px 20px;max-width:1180px;font-size:14px;line-height:1.4}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:24px 0 8px;border-bottom:2px solid #d0d7de;padding-bottom:4px}h3{font-size:15px;margin:14px 0 6px}
h2 small{font-weight:normal;color:#59636e;font-size:14px}
.programme{margin:0;font-weight:600}.muted{color:#59636e}
.cards{display:flex;flex-wrap:wrap;gap:8px}.card{border:1px solid #d0d7de;border-top:5px solid;border-radius:6px;padding:6px 10px;min-width:120px;display:flex;flex-direction:column}
.card .count{font-size:24px;font-weight:700}.card .delta{color:#59636e;font-size:12px}
table{border-collapse:collapse;width:100%;margin:4px 0}th,td{border-bottom:1px solid #eaeef2;padding:3px 6px;text-align:left;vertical-align:top}th{background:#f6f8fa;font-weight:600}
td.num{text-align:right;white-space:nowrap}.nowrap{white-space:nowrap}
.league{table-layout:fixed}.league td{vertical-align:middle}.league th:nth-child(1){width:44px}.league th:nth-child(3){width:130px}.league th:nth-child(4){width:110px}.league th:nth-child(5){width:190px}.league th:nth-child(6){width:120px}
.bar{display:inline-block;width:60px;height:8px;background:#eaeef2;border-radius:4px;vertical-align:middle;overflow:hidden}.bar.wide{width:200px}.bar>span{display:block;height:100%;background:#1f6feb}
.pill{display:inline-block;width:10px;height:10px;border-radius:2px;margin:0 2px 0 6px;vertical-align:baseline}
.up{color:#116329;font-weight:600}.down{color:#cf222e;font-weight:600}
.movers p{margin:2px 0}
.columns2,.columns3{display:grid;gap:12px}.columns2{grid-template-columns:1fr 1fr}.columns3{grid-template-columns:1fr 1fr 1fr}
ul{margin:4px 0;padding-left:20px}
tr.overdue td{background:#fff1f0}
.verdict{display:inline-block;white-space:nowrap;padding:0 6px;border-radius:8px;margin-right:4px;font-size:12px;background:#eaeef2}
.verdict.met,.verdict.likely{background:#dafbe1}.verdict.missed,.verdict.unlikely{background:#ffebe9}
.heatgrid{display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start}figure{margin:0}figcaption{font-size:13px;margin-bottom:4px}
ol.columns{font-size:12px;columns:2;color:#59636e}
svg text{font-family:inherit}svg .tick{font-size:10px;fill:#59636e}svg .rowlabel{font-size:11px;fill:#1f2328}
svg .grid{stroke:#eaeef2;stroke-width:1}svg .today{stroke:#8c959f;stroke-dasharray:2 3}
svg .required{fill:none;stroke:#1f6feb;stroke-width:2;stroke-dasharray:6 4}svg .actual{fill:none;stroke:#1f2328;stroke-width:1.6}
svg .point{fill:#1f2328}svg .milestone{stroke:#fff;stroke-width:1}
.spark polyline{fill:none;stroke:#1f6feb;stroke-width:1.4}.spark .mid{stroke:#eaeef2}.spark circle{fill:#1f6feb}.spark .last{fill:#1f2328}
.chartgrid{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(560px,100%),1fr));gap:16px}
.first{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1.15fr);gap:0 28px}.first h2{margin-top:12px}.first .headline .cards{display:grid;grid-template-columns:repeat(3,minmax(0,1fr))}.first .card{min-width:0}
.decisions ol{margin:4px 0;padding-left:22px}.decisions li{margin:0 0 6px}.decisions .figure{font-weight:600}
.definitions summary{cursor:pointer;color:#59636e;font-size:13px;margin-top:6px}.definitions dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 10px;margin:4px 0;font-size:13px}.definitions dt{font-weight:600;white-space:nowrap}.definitions dd{margin:0;color:#59636e}
.indicator{border-top:1px solid #eaeef2;padding-top:6px}.indicator h3{margin:6px 0}.pair{display:flex;flex-wrap:wrap;gap:12px 24px}.pair svg{max-width:100%;height:auto}
svg .axis{stroke:#8c959f;stroke-width:1}svg .axis-title{font-size:11px;fill:#59636e}svg .required-mark{stroke:#1f6feb;stroke-width:2;stroke-dasharray:4 3}
.note{font-size:12px;color:#59636e;font-style:italic;margin:2px 0}
tr.rest td{color:#59636e;font-style:italic;text-align:center}
@media (max-width:700px){body{padding:10px 12px}.first{display:flex;flex-direction:column}.first>div{display:contents}.first .headline{order:1}.columns2,.columns3{grid-template-columns:1fr}.league th:nth-child(5),.league td:nth-child(5),.league th:nth-child(6),.league td:nth-child(6){display:none}.league th:nth-child(3){width:90px}.league th:nth-child(4){width:70px}.card{min-width:0;flex:1 1 40%}td,th{overflow-wrap:anywhere}svg{max-width:100%;height:auto}table:not(.league){display:block;overflow-x:auto}}
.chart svg{max-width:100%;height:auto}
.legend .key{display:inline-block;width:22px;height:0;border-top:2px solid #1f2328;vertical-align:middle;margin:0 4px 0 10px}.legend .key.required{border-top:2px dashed #1f6feb}
.legend .diamond{display:inline-block;width:9px;height:9px;background:#116329;transform:rotate(45deg);margin:0 4px 0 10px}
footer{margin-top:24px;color:#59636e;font-size:12px}
code{font-size:12px;word-break:break-all}
@media print{body{padding:0;max-width:none;font-size:11px}section{break-inside:auto}.chart,.heat,tr,.card{break-inside:avoid}h2,h3{break-after:avoid}.chartgrid{grid-template-columns:1fr 1fr}.chart svg{width:100%}*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
`;
