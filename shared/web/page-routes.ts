import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import { activeAcknowledgement } from '../alerts/acknowledgement-cover.ts';
import type { AlertKind } from '../alerts/alert-kind.ts';
import type { Unit } from '../catalog/catalog-schema.ts';
import { isUnitValidOn, type Programme } from '../catalog/programme.ts';
import { levelOrder } from '../digest/build-digest.ts';
import { parseIsoWeek } from '../digest/iso-week.ts';
import { scoreOf } from '../digest/league-table.ts';
import { renderDigestHtml } from '../digest/render-html.ts';
import { seriesChart } from '../digest/trajectory-charts.ts';
import { weekWindow } from '../digest/week-window.ts';
import { peopleHealth } from '../directory/people-health.ts';
import { toDayNumber } from '../domain/calendar-date.ts';
import { peopleInForce } from '../domain/person.ts';
import { maskContact } from '../pii-mask.ts';
import { loadDigest } from '../use-cases/publish-digest.ts';
import { forbiddenPage, notFoundPage, type WebApp, type WebEnv } from './app.ts';
import { overviewFor, visibleResults } from './overview-model.ts';
import type { ProgrammeSnapshot } from './programme-snapshot.ts';
import { timelineOf, withAuditEvents } from './timeline.ts';
import { canSeeSeries, canSeeUnit, childrenOf, type Viewer } from './viewer.ts';
import { type AlertFilters, alertsPage } from './views/alerts-page.ts';
import { healthPage } from './views/health-page.ts';
import { overviewPage } from './views/overview-page.ts';
import { seriesPage } from './views/series-page.ts';
import { digestsPage } from './views/simple-pages.ts';
import { unitPage } from './views/unit-page.ts';
import type { WebAppDeps } from './web-deps.ts';

/** The read-only pages: overview, units, series, alerts list, data health, digests. */
export function registerPageRoutes(web: WebApp, deps: WebAppDeps): void {
  const { app } = web;
  const full = (c: Context<WebEnv>): { snapshot: ProgrammeSnapshot; viewer: Viewer } => ({
    snapshot: c.get('snapshot'),
    viewer: c.get('viewer') as Viewer,
  });

  app.get('/', (c) => {
    const { snapshot, viewer } = full(c);
    const ctx = web.context(c, snapshot.programme, viewer);
    return c.html(overviewPage(ctx, overviewFor(snapshot, viewer)));
  });

  /** The alert history and acknowledgements, with what the audit trail recorded for the unit or series. */
  const timelineFor = async (snapshot: ProgrammeSnapshot, unit: string, indicator?: string) => {
    const local = timelineOf(snapshot.alertStates, snapshot.acknowledgements, unit, indicator);
    const audit = deps.ports.auditTrail
      ? await deps.ports.auditTrail.auditTimeline({
          programme: snapshot.programme.id,
          unit,
          ...(indicator !== undefined && { indicator }),
          limit: 100,
        })
      : [];
    return withAuditEvents(local, audit, maskContact);
  };

  app.get('/units/:unit', async (c) => {
    const { snapshot, viewer } = full(c);
    const { programme } = snapshot;
    const unit = programme.units.get(c.req.param('unit'));
    if (!unit) return notFoundPage(web, c);
    if (!canSeeUnit(viewer, unit.id)) return forbiddenPage(web, c);
    const asOfDay = toDayNumber(snapshot.asOf);
    const results = (snapshot.resultsByUnit.get(unit.id) ?? []).filter((result) =>
      canSeeSeries(viewer, result.unit, result.indicator),
    );
    const series = results.flatMap((result) => {
      const plan = programme.planOf(result.unit, result.indicator);
      return plan ? [{ result, chart: seriesChart(programme, plan, snapshot.history, result, asOfDay) }] : [];
    });
    const seen = (indicator: string) => canSeeSeries(viewer, unit.id, indicator);
    const parent = unit.parent ? programme.units.get(unit.parent) : undefined;
    const ctx = web.context(c, programme, viewer);
    return c.html(
      unitPage(ctx, {
        unit,
        ...(parent && { parent }),
        children: unitsUnder(programme, unit, snapshot.asOf)
          .filter((child) => canSeeUnit(viewer, child.id))
          .map((child) => ({
            unit: child,
            score: scoreOf(
              (snapshot.resultsByUnit.get(child.id) ?? []).filter((r) =>
                canSeeSeries(viewer, r.unit, r.indicator),
              ),
            ),
          })),
        series,
        openAlerts: snapshot.alertStates.filter(
          (alert) => alert.unit === unit.id && alert.state === 'open' && seen(alert.indicator),
        ),
        acknowledgements: snapshot.acknowledgements.filter(
          (ack) => ack.unit === unit.id && (ack.indicator === undefined || seen(ack.indicator)),
        ),
        timeline: (await timelineFor(snapshot, unit.id))
          .filter((event) => event.indicator === undefined || seen(event.indicator))
          .map((event) =>
            event.sent
              ? {
                  ...event,
                  sent: { ...event.sent, basis: event.sent.basis.filter((item) => seen(item.indicator)) },
                }
              : event,
          ),
        asOf: snapshot.asOf,
        indicatorName: (id) => programme.indicators.get(id)?.name ?? id,
      }),
    );
  });

  app.get('/units/:unit/:indicator', async (c) => {
    const { snapshot, viewer } = full(c);
    const { programme } = snapshot;
    const unit = programme.units.get(c.req.param('unit'));
    const indicator = programme.indicators.get(c.req.param('indicator'));
    const plan = unit && indicator ? programme.planOf(unit.id, indicator.id) : undefined;
    if (!unit || !indicator || !plan) return notFoundPage(web, c);
    if (!canSeeSeries(viewer, unit.id, indicator.id)) return forbiddenPage(web, c);
    const result = (snapshot.resultsByUnit.get(unit.id) ?? []).find((r) => r.indicator === indicator.id);
    const asOfDay = toDayNumber(snapshot.asOf);
    const chart = seriesChart(programme, plan, snapshot.history, result, asOfDay);
    const revisions = await deps.ports.revisions.seriesRevisions(programme.id, unit.id, indicator.id);
    const ctx = web.context(c, programme, viewer);
    return c.html(
      seriesPage(ctx, {
        unit,
        indicatorName: indicator.name,
        result: result ?? {
          unit: unit.id,
          indicator: indicator.id,
          status: 'no_data',
          date: null,
          value: null,
          required: null,
          gap: null,
          observedPace: null,
          requiredPace: null,
          progress: null,
          milestones: [],
        },
        chart,
        revisions,
        quarantined: snapshot.quarantined.filter(
          (row) => row.row.unit === unit.id && row.row.indicator === indicator.id,
        ),
        openAlerts: snapshot.alertStates.filter(
          (alert) => alert.unit === unit.id && alert.indicator === indicator.id && alert.state === 'open',
        ),
        acknowledgements: snapshot.acknowledgements.filter(
          (ack) => ack.unit === unit.id && (ack.indicator === undefined || ack.indicator === indicator.id),
        ),
        timeline: await timelineFor(snapshot, unit.id, indicator.id),
        asOf: snapshot.asOf,
      }),
    );
  });

  app.get('/alerts', (c) => {
    const { snapshot, viewer } = full(c);
    const { programme } = snapshot;
    const filters = readFilters(c);
    const visible = snapshot.alertStates.filter((alert) => canSeeSeries(viewer, alert.unit, alert.indicator));
    const rows = visible
      .filter(
        (alert) =>
          (filters.state === undefined || alert.state === filters.state) &&
          (filters.kind === undefined || alert.kind === filters.kind) &&
          (filters.indicator === undefined || alert.indicator === filters.indicator) &&
          (filters.level === undefined || programme.units.get(alert.unit)?.level === filters.level),
      )
      .sort((a, b) => (a.openedAt < b.openedAt ? 1 : a.openedAt > b.openedAt ? -1 : 0))
      .slice(0, 500)
      .map((alert) => {
        const ack = activeAcknowledgement(
          snapshot.acknowledgements,
          alert.unit,
          alert.indicator,
          snapshot.asOf,
        );
        return {
          alert,
          unitName: programme.units.get(alert.unit)?.name ?? alert.unit,
          indicatorName: programme.indicators.get(alert.indicator)?.name ?? alert.indicator,
          ...(ack && { acknowledgedUntil: ack.until }),
        };
      });
    const ctx = web.context(c, programme, viewer);
    return c.html(
      alertsPage(
        ctx,
        rows,
        filters,
        {
          levels: levelOrder(programme),
          indicators: programme.catalog.indicators.map((indicator) => ({
            id: indicator.id,
            name: indicator.name,
          })),
        },
        visible.length,
      ),
    );
  });

  app.get('/health', (c) => {
    const { snapshot, viewer } = full(c);
    const { programme } = snapshot;
    const bySource = new Map<
      string,
      {
        source: string;
        last?: (typeof snapshot.sourceRuns)[number];
        lastSuccess?: (typeof snapshot.sourceRuns)[number];
      }
    >();
    for (const run of snapshot.sourceRuns) {
      const entry = bySource.get(run.source) ?? { source: run.source };
      if (!entry.last || entry.last.finishedAt < run.finishedAt) entry.last = run;
      if (run.outcome === 'ok' && (!entry.lastSuccess || entry.lastSuccess.finishedAt < run.finishedAt)) {
        entry.lastSuccess = run;
      }
      bySource.set(run.source, entry);
    }
    const results = visibleResults(snapshot, viewer);
    const states = new Map(snapshot.emailStates.map((state) => [state.address, state.state]));
    const people = peopleHealth(
      peopleInForce(snapshot.tenures, snapshot.asOf).filter(
        (tenure) => viewer.wholeProgramme || viewer.units.has(tenure.unit),
      ),
      states,
    );
    const ctx = web.context(c, programme, viewer);
    return c.html(
      healthPage(ctx, {
        sources: [...bySource.values()].sort((a, b) => (a.source < b.source ? -1 : 1)),
        quarantined: snapshot.quarantined
          .filter(
            (row) => viewer.wholeProgramme || (row.row.unit !== undefined && viewer.units.has(row.row.unit)),
          )
          .slice(0, 100),
        people,
        stale: results.filter((result) => result.status === 'stale').slice(0, 200),
        noData: results.filter((result) => result.status === 'no_data').length,
        unitName: (id) => programme.units.get(id)?.name ?? id,
        indicatorName: (id) => programme.indicators.get(id)?.name ?? id,
      }),
    );
  });

  app.get('/digests', (c) => {
    const { snapshot, viewer } = full(c);
    if (!viewer.wholeProgramme) return forbiddenPage(web, c);
    return c.html(digestsPage(web.context(c, snapshot.programme, viewer), snapshot.digests));
  });

  app.get('/digests/:week', async (c) => {
    const { snapshot, viewer } = full(c);
    if (!viewer.wholeProgramme) return forbiddenPage(web, c);
    const week = parseIsoWeek(c.req.param('week'));
    const { programme } = snapshot;
    if (!week) return notFoundPage(web, c);
    const record = await deps.ports.store.getDigest(programme.id, c.req.param('week'));
    if (!record) return notFoundPage(web, c);
    const digest = await loadDigest(
      programme,
      week,
      weekWindow(week, programme.timezone),
      deps.ports.store,
      deps.ports.finalRecords,
    );
    const html = renderDigestHtml(digest, { language: c.get('lang'), generatedAt: record.createdAt });
    // The report carries its own inline stylesheet: allowed by its hash, nothing else.
    const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map(
      (match) =>
        `'sha256-${createHash('sha256')
          .update(match[1] ?? '')
          .digest('base64')}'`,
    );
    const response = c.html(html);
    c.header(
      'Content-Security-Policy',
      `default-src 'none'; style-src ${styles.join(' ') || "'none'"}; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'`,
    );
    return response;
  });
}

/** The units listed under a unit: its children, and for a dissolved district the units that took over its communes. */
function unitsUnder(programme: Programme, unit: Unit, asOf: string): Unit[] {
  const children = childrenOf(programme).get(unit.id) ?? [];
  const direct = children.flatMap((id) => {
    const child = programme.units.get(id);
    return child && child.parent === unit.id ? [child] : [];
  });
  if (isUnitValidOn(unit, asOf)) return direct;
  const successors = programme.catalog.units.filter(
    (candidate) =>
      isUnitValidOn(candidate, asOf) &&
      (candidate.mergedFrom ?? []).some((id) => programme.units.get(id)?.parent === unit.id),
  );
  return [...successors, ...direct];
}

function readFilters(c: Context<WebEnv>): AlertFilters {
  const state = c.req.query('state');
  const kind = c.req.query('kind');
  const level = c.req.query('level');
  const indicator = c.req.query('indicator');
  return {
    ...((state === 'open' || state === 'resolved') && { state }),
    ...((kind === 'behind' || kind === 'stale' || kind === 'at_risk') && { kind: kind as AlertKind }),
    ...(level ? { level } : {}),
    ...(indicator ? { indicator } : {}),
  };
}
