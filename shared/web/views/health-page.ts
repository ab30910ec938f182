import type { PeopleHealth } from '../../directory/people-health.ts';
import type { QuarantinedRow, SourceRun } from '../../domain/ingest-records.ts';
import type { SeriesResult } from '../../domain/series-status.ts';
import { html, type PageContext, page } from './page.ts';

export interface HealthModel {
  readonly sources: readonly { source: string; last?: SourceRun; lastSuccess?: SourceRun }[];
  readonly quarantined: readonly QuarantinedRow[];
  readonly people: PeopleHealth;
  readonly stale: readonly SeriesResult[];
  readonly noData: number;
  readonly unitName: (id: string) => string;
  readonly indicatorName: (id: string) => string;
}

export function healthPage(context: PageContext, model: HealthModel): string {
  const { labels, format } = context;
  const words = labels.health;
  const none = html`<p class="muted">${labels.unit.none}</p>`;
  const sources =
    model.sources.length === 0
      ? none
      : html`<div class="scroll"><table><thead><tr><th scope="col">${labels.series.source}</th><th scope="col">${words.lastRun}</th><th scope="col">${words.outcome}</th><th scope="col">${words.lastSuccess}</th></tr></thead><tbody>${model.sources.map(
          (row) =>
            html`<tr><td>${row.source}</td><td>${row.last ? format.instant(row.last.finishedAt) : words.never}</td><td>${row.last?.outcome ?? '—'}${row.last?.error ? html` <span class="muted">${row.last.error}</span>` : ''}</td><td>${row.lastSuccess ? format.instant(row.lastSuccess.finishedAt) : words.never}</td></tr>`,
        )}</tbody></table></div>`;
  const quarantined =
    model.quarantined.length === 0
      ? none
      : html`<div class="scroll"><table><thead><tr><th scope="col">${labels.series.receivedAt}</th><th scope="col">${labels.series.source}</th><th scope="col">${labels.overview.unit}</th><th scope="col">${labels.unit.indicator}</th><th scope="col">${labels.series.reason}</th></tr></thead><tbody>${model.quarantined.map(
          (row) =>
            html`<tr><td>${format.instant(row.receivedAt)}</td><td>${row.source}</td><td>${row.row.unit ?? ''}</td><td>${row.row.indicator ?? ''}</td><td>${row.reason}</td></tr>`,
        )}</tbody></table></div>`;
  const unreachable =
    model.people.unreachable.length === 0
      ? none
      : html`<div class="scroll"><table><thead><tr><th scope="col">${words.role}</th><th scope="col">${labels.overview.unit}</th><th scope="col">${words.name}</th></tr></thead><tbody>${model.people.unreachable.map(
          (person) =>
            html`<tr><td>${person.role}</td><td>${person.unit ? model.unitName(person.unit) : '—'}</td><td>${person.name}</td></tr>`,
        )}</tbody></table></div>`;
  const stale =
    model.stale.length === 0
      ? none
      : html`<ul>${model.stale.map(
          (result) =>
            html`<li><a href="/units/${result.unit}/${result.indicator}">${model.unitName(result.unit)} · ${model.indicatorName(result.indicator)}</a> <span class="muted">${result.date ? format.date(result.date) : '—'}</span></li>`,
        )}</ul>`;
  const body = html`<section aria-labelledby="sources"><h2 id="sources">${words.sources}</h2>${sources}</section>
<section aria-labelledby="stale"><h2 id="stale">${words.stale}</h2>${stale}<p>${words.noData}: ${model.noData}</p></section>
<section aria-labelledby="quarantine"><h2 id="quarantine">${words.quarantine}</h2>${quarantined}</section>
<section aria-labelledby="unreachable"><h2 id="unreachable">${words.unreachable}</h2>${unreachable}</section>`;
  return page(context, words.title, body);
}
