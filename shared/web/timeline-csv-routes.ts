import type { Context } from 'hono';
import type { AuditEvent } from '../domain/audit-event.ts';
import { timelineCsv, timelineRows } from '../records/timeline-rows.ts';
import { forbiddenPage, notFoundPage, type WebApp, type WebEnv } from './app.ts';
import { canSeeSeries, canSeeUnit, type Viewer } from './viewer.ts';
import type { WebAppDeps } from './web-deps.ts';

/** A download holds at most this many events (a unit's whole programme at daily runs fits). */
const CSV_EVENTS = 20_000;

/**
 * "Tải CSV" under the timeline of the unit and series pages: the audit trail of the unit (or the
 * series), with the columns of `dtwatch history --format csv` and its one formatter, recipients
 * masked, only what the viewer may see of the unit. Registered before the series page, whose
 * `/units/:unit/:indicator` would otherwise take `timeline.csv` for an indicator.
 */
export function registerTimelineCsvRoutes(web: WebApp, deps: WebAppDeps): void {
  const { app } = web;

  const download = async (c: Context<WebEnv>, unit: string, indicator: string | undefined) => {
    const { programme } = c.get('snapshot');
    const viewer = c.get('viewer') as Viewer;
    const events = deps.ports.auditTrail
      ? await deps.ports.auditTrail.auditTimeline({
          programme: programme.id,
          unit,
          ...(indicator !== undefined && { indicator }),
          limit: CSV_EVENTS,
        })
      : [];
    const seen = events.flatMap((event) => visiblePart(event, (id) => canSeeSeries(viewer, unit, id)));
    const name = [programme.id, unit, indicator, 'history'].filter(Boolean).join('-');
    return c.body(timelineCsv(timelineRows(seen)), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${name.replace(/[^A-Za-z0-9._-]/g, '_')}.csv"`,
    });
  };

  app.get('/units/:unit/timeline.csv', (c) => {
    const { programme } = c.get('snapshot');
    const unit = programme.units.get(c.req.param('unit'));
    if (!unit) return notFoundPage(web, c);
    if (!canSeeUnit(c.get('viewer') as Viewer, unit.id)) return forbiddenPage(web, c);
    return download(c, unit.id, undefined);
  });

  app.get('/units/:unit/:indicator/timeline.csv', (c) => {
    const { programme } = c.get('snapshot');
    const unit = programme.units.get(c.req.param('unit'));
    const indicator = programme.indicators.get(c.req.param('indicator'));
    if (!unit || !indicator) return notFoundPage(web, c);
    if (!canSeeSeries(c.get('viewer') as Viewer, unit.id, indicator.id)) return forbiddenPage(web, c);
    return download(c, unit.id, indicator.id);
  });
}

/**
 * What of an event a viewer sees, as the unit page shows it: an indicator's owner sees the
 * messages about that indicator and the unit-wide events, not the other series' figures.
 */
function visiblePart(event: AuditEvent, seen: (indicator: string) => boolean): AuditEvent[] {
  if (event.kind === 'notification') {
    if (event.basis.length === 0) return [event];
    const basis = event.basis.filter((item) => seen(item.indicator));
    return basis.length === 0 ? [] : [{ ...event, basis }];
  }
  return event.indicator === undefined || seen(event.indicator) ? [event] : [];
}
