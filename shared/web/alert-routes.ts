import type { Context } from 'hono';
import * as z from 'zod';
import { type Acknowledgement, CONFIDENCE_LEVELS } from '../alerts/acknowledgement.ts';
import { isCalendarDate } from '../domain/calendar-date.ts';
import { logger } from '../logger.ts';
import { parseAlertId } from './alert-id.ts';
import { forbiddenPage, notFoundPage, type WebApp, type WebEnv } from './app.ts';
import { csrfToken, csrfValid } from './session.ts';
import { timelineOf } from './timeline.ts';
import { canAcknowledge, canSeeSeries } from './viewer.ts';
import { alertPage } from './views/alerts-page.ts';
import type { WebAppDeps } from './web-deps.ts';

const text = (max: number) => z.string().trim().min(1).max(max);
const ackForm = z.object({
  plan: text(2000),
  until: z.string().refine(isCalendarDate),
  confidence: z.enum(CONFIDENCE_LEVELS),
  onBehalfOf: z.string().trim().max(200).optional(),
});
const checkInForm = z.object({ note: text(2000), confidence: z.enum(CONFIDENCE_LEVELS) });

/** An alert's page and its acknowledgement and check-in forms. */
export function registerAlertRoutes(web: WebApp, deps: WebAppDeps): void {
  const { app } = web;

  /** The alert the path names, if the viewer (or the alert link) may see it. */
  const find = (c: Context<WebEnv>) => {
    const snapshot = c.get('snapshot');
    const parsed = parseAlertId(c.req.param('id') ?? '');
    const alert =
      parsed &&
      snapshot.alertStates.find(
        (state) =>
          state.unit === parsed.unit && state.indicator === parsed.indicator && state.kind === parsed.kind,
      );
    if (!alert) return { found: undefined, response: notFoundPage(web, c) };
    const viewer = c.get('viewer');
    const session = c.get('session');
    const seen =
      session.alert !== undefined ||
      (viewer !== undefined && canSeeSeries(viewer, alert.unit, alert.indicator));
    if (!seen) return { found: undefined, response: forbiddenPage(web, c) };
    return { found: alert, response: undefined };
  };

  const render = (
    c: Context<WebEnv>,
    alert: NonNullable<ReturnType<typeof find>['found']>,
    status: 200 | 400 = 200,
    message?: { kind: 'notice' | 'error'; text: string },
  ) => {
    const snapshot = c.get('snapshot');
    const viewer = c.get('viewer');
    const session = c.get('session');
    const { programme } = snapshot;
    const restricted = session.alert !== undefined;
    const ctx = web.context(c, programme, restricted ? undefined : viewer);
    const acknowledgement = snapshot.acknowledgements.find(
      (ack) => ack.unit === alert.unit && ack.indicator === alert.indicator,
    );
    const mayAck = viewer !== undefined && canAcknowledge(viewer, alert.unit);
    return c.html(
      alertPage(ctx, {
        alert,
        unitName: programme.units.get(alert.unit)?.name ?? alert.unit,
        indicatorName: programme.indicators.get(alert.indicator)?.name ?? alert.indicator,
        ...(acknowledgement && { acknowledgement }),
        timeline: timelineOf(snapshot.alertStates, snapshot.acknowledgements, alert.unit, alert.indicator),
        ...(mayAck && {
          form: { csrf: csrfToken(c.get('key'), session), office: viewer.office, today: snapshot.asOf },
        }),
        ...(message && { message }),
        restricted,
      }),
      status,
    );
  };

  app.get('/alerts/:id', (c) => {
    const { found, response } = find(c);
    if (!found) return response;
    const done = c.req.query('done') === '1';
    return render(
      c,
      found,
      200,
      done ? { kind: 'notice', text: web.context(c).labels.ack.recorded } : undefined,
    );
  });

  /** Checks what every form post needs; answers the refusal, or undefined to go on. */
  const guard = async (c: Context<WebEnv>) => {
    const { found, response } = find(c);
    if (!found) return { response };
    const form = await c.req.parseBody();
    if (!csrfValid(c.get('key'), c.get('session'), form.csrf)) return { response: forbiddenPage(web, c) };
    const viewer = c.get('viewer');
    if (!viewer || !canAcknowledge(viewer, found.unit)) return { response: forbiddenPage(web, c) };
    return { alert: found, form, viewer };
  };

  app.post('/alerts/:id/ack', async (c) => {
    const checked = await guard(c);
    if (!checked.alert) return checked.response;
    const { alert, form, viewer } = checked;
    const snapshot = c.get('snapshot');
    const labels = web.context(c).labels.ack;
    const parsed = ackForm.safeParse({
      plan: form.plan,
      until: form.until,
      confidence: form.confidence,
      ...(typeof form.onBehalfOf === 'string' &&
        form.onBehalfOf.trim() !== '' && { onBehalfOf: form.onBehalfOf }),
    });
    if (!parsed.success || parsed.data.until < snapshot.asOf) {
      const field = parsed.success ? 'until' : String(parsed.error.issues[0]?.path[0] ?? 'plan');
      const name =
        {
          plan: labels.plan,
          until: labels.until,
          confidence: labels.confidence,
          onBehalfOf: labels.onBehalfOf,
        }[field] ?? field;
      return render(c, alert, 400, { kind: 'error', text: `${labels.invalid}: ${name}` });
    }
    const ack: Acknowledgement = {
      programme: alert.programme,
      unit: alert.unit,
      indicator: alert.indicator,
      until: parsed.data.until,
      note: parsed.data.plan,
      by: viewer.name,
      createdAt: deps.clock.now().toISOString(),
      confidence: parsed.data.confidence,
      alert: c.req.param('id'),
      ...(viewer.office && parsed.data.onBehalfOf !== undefined && { onBehalfOf: parsed.data.onBehalfOf }),
    };
    await deps.ports.store.putAcknowledgement(ack);
    await deps.ports.auditTrail?.record([
      {
        kind: 'acknowledgement',
        action: 'recorded',
        programme: ack.programme,
        at: ack.createdAt,
        unit: ack.unit,
        indicator: alert.indicator,
        by: ack.onBehalfOf ? `${ack.by} / ${ack.onBehalfOf}` : ack.by,
        until: ack.until,
        note: ack.note,
      },
    ]);
    web.forget(alert.programme);
    logger.info('acknowledgement recorded from the web', {
      programme: alert.programme,
      unit: alert.unit,
      indicator: alert.indicator,
      until: ack.until,
    });
    return c.redirect(`/alerts/${c.req.param('id')}?done=1`, 303);
  });

  app.post('/alerts/:id/check-in', async (c) => {
    const checked = await guard(c);
    if (!checked.alert) return checked.response;
    const { alert, form, viewer } = checked;
    const labels = web.context(c).labels.ack;
    const existing = c
      .get('snapshot')
      .acknowledgements.find((ack) => ack.unit === alert.unit && ack.indicator === alert.indicator);
    const parsed = checkInForm.safeParse({ note: form.note, confidence: form.confidence });
    if (!existing || !parsed.success) {
      return render(c, alert, 400, { kind: 'error', text: `${labels.invalid}: ${labels.checkIn}` });
    }
    await deps.ports.store.putAcknowledgement({
      ...existing,
      checkIns: [
        ...(existing.checkIns ?? []),
        {
          at: deps.clock.now().toISOString(),
          by: viewer.name,
          note: parsed.data.note,
          confidence: parsed.data.confidence,
        },
      ],
    });
    web.forget(alert.programme);
    return c.redirect(`/alerts/${c.req.param('id')}?done=1`, 303);
  });
}
