import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getCookie, setCookie } from 'hono/cookie';
import type { Programme } from '../catalog/programme.ts';
import { normaliseEmail } from '../domain/person.ts';
import { logger } from '../logger.ts';
import type { Language } from '../messages/labels.ts';
import { maskEmail } from '../pii-mask.ts';
import { freshPerKey } from '../runtime/memo.ts';
import { registerAlertRoutes } from './alert-routes.ts';
import { registerOfficeRoutes } from './office-routes.ts';
import { registerPageRoutes } from './page-routes.ts';
import { loadSnapshot, type ProgrammeSnapshot } from './programme-snapshot.ts';
import { closeSession, openSession, readSession } from './session.ts';
import { type TokenPayload, verifyToken } from './signed-token.ts';
import { registerTimelineCsvRoutes } from './timeline-csv-routes.ts';
import { type Viewer, viewerOf } from './viewer.ts';
import { type PageContext, pageContext } from './views/page.ts';
import { messagePage, signInConfirmPage, signInPage } from './views/simple-pages.ts';
import { servedProgrammes, type WebAppDeps } from './web-deps.ts';
import { signInLink } from './web-links.ts';
import { APP_CSS, APP_CSS_TAG } from './web-styles.ts';

/** What a request knows once its session is read. */
export interface WebEnv {
  Variables: {
    lang: Language;
    key: Uint8Array;
    session: TokenPayload;
    programme: Programme;
    snapshot: ProgrammeSnapshot;
    /** Undefined only for an alert-link session whose address holds no seat any more. */
    viewer: Viewer | undefined;
  };
}

const LANG_COOKIE = 'dtw_lang';
/** The app sends no script and loads nothing from elsewhere; styles come from /assets only. */
const CSP =
  "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/** Helpers the route files share. */
export interface WebApp {
  readonly app: Hono<WebEnv>;
  /** Forgets a programme's snapshot after a write, so the next page shows it. */
  forget(programme: string): void;
  context(c: Context<WebEnv>, programme?: Programme, viewer?: Viewer): PageContext;
}

/**
 * The web app (docs/operations.md, "Web app"): server-rendered pages over the store, the same in
 * Lambda and on Node. Every page needs a session, except the sign-in pages and an alert page
 * opened by its alert link; a page outside the viewer's scope is 403.
 */
export function createWebApp(deps: WebAppDeps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  const served = servedProgrammes(deps.programmes);
  const programmes = new Set(served.ids);
  // The catalog is read again with the programme's data: a newly published version shows from
  // the next reload (at most snapshotMaxAgeMs), not from the next cold start.
  const snapshots = freshPerKey(
    async (id: string) => loadSnapshot(await served.current(id), deps.ports, deps.clock.now()),
    deps.snapshotMaxAgeMs ?? 60_000,
    () => deps.clock.now().getTime(),
  );
  const cookies = { secure: deps.secureCookies };

  const context = (c: Context<WebEnv>, programme?: Programme, viewer?: Viewer): PageContext =>
    pageContext(
      c.get('lang'),
      programme?.timezone ?? 'Asia/Ho_Chi_Minh',
      new URL(c.req.url).pathname + new URL(c.req.url).search,
      viewer,
      programme?.catalog.programme.name,
    );

  app.use('*', async (c, next) => {
    const asked = c.req.query('lang');
    const lang: Language =
      asked === 'en' || asked === 'vi' ? asked : getCookie(c, LANG_COOKIE) === 'en' ? 'en' : 'vi';
    if (asked === 'en' || asked === 'vi') {
      setCookie(c, LANG_COOKIE, asked, {
        path: '/',
        sameSite: 'Lax',
        secure: cookies.secure,
        maxAge: 31_536_000,
      });
    }
    c.set('lang', lang);
    c.set('key', await deps.signingKey());
    await next();
    if (!c.res.headers.has('Content-Security-Policy')) c.header('Content-Security-Policy', CSP);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('X-Frame-Options', 'DENY');
    if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store');
  });
  app.use('*', bodyLimit({ maxSize: 64 * 1024 }));

  app.get('/assets/app.css', (c) => {
    c.header('Cache-Control', 'public, max-age=3600');
    c.header('ETag', APP_CSS_TAG);
    return c.body(APP_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8' });
  });

  // ── sign-in ───────────────────────────────────────────────────────────────────────────────
  app.get('/signin', (c) => {
    const token = c.req.query('t');
    const ctx = context(c);
    if (token === undefined) {
      const asked = c.req.query('sent') === '1';
      return c.html(signInPage(ctx, asked ? { kind: 'notice', text: ctx.labels.signIn.sent } : undefined));
    }
    const payload = verifyToken(c.get('key'), token, 'signin', deps.clock.now());
    if (!payload || !programmes.has(payload.programme)) {
      return c.html(signInPage(ctx, { kind: 'error', text: ctx.labels.signIn.refused }), 400);
    }
    return c.html(signInConfirmPage(ctx, token));
  });

  app.post('/signin', async (c) => {
    const form = await c.req.parseBody();
    const now = deps.clock.now();
    const payload = verifyToken(c.get('key'), typeof form.t === 'string' ? form.t : undefined, 'signin', now);
    const ctx = context(c);
    const refused = () => c.html(signInPage(ctx, { kind: 'error', text: ctx.labels.signIn.refused }), 400);
    if (!payload || !programmes.has(payload.programme)) return refused();
    const first = await deps.ports.signInTokens.spendSignInToken(
      payload.programme,
      payload.jti,
      new Date(payload.exp * 1000).toISOString(),
    );
    if (!first) {
      logger.info('sign-in link used again: refused', {
        programme: payload.programme,
        email: maskEmail(payload.email),
      });
      return refused();
    }
    openSession(c, c.get('key'), cookies, now, { programme: payload.programme, email: payload.email });
    logger.info('signed in', { programme: payload.programme, email: maskEmail(payload.email) });
    return c.redirect('/', 303);
  });

  app.post('/signin/request', async (c) => {
    const form = await c.req.parseBody();
    const email = typeof form.email === 'string' ? normaliseEmail(form.email).slice(0, 254) : '';
    if (email.includes('@') && deps.sendSignInLink) {
      const now = deps.clock.now();
      const base = deps.baseUrl ?? new URL(c.req.url).origin;
      for (const id of programmes) {
        const snapshot = await snapshots.get(id);
        const { programme } = snapshot;
        if (!viewerOf(programme, snapshot.tenures, email, snapshot.asOf)) continue;
        const link = signInLink({ key: c.get('key'), base, now }, programme.id, email);
        await deps.sendSignInLink({ programme, email, link });
      }
    }
    // The same answer whether or not the address is known: the form tells nobody who is in the directory.
    return c.redirect('/signin?sent=1', 303);
  });

  app.post('/signout', (c) => {
    closeSession(c, cookies);
    return c.redirect('/signin', 303);
  });

  // ── everything else needs a session ───────────────────────────────────────────────────────
  app.use('*', async (c, next) => {
    const now = deps.clock.now();
    let session = readSession(c, c.get('key'), now);
    const path = new URL(c.req.url).pathname;
    const alertToken = c.req.query('t');
    if (alertToken !== undefined && path.startsWith('/alerts/')) {
      // An alert link: it opens its alert (a full session of the same person is kept as it is).
      const link = verifyToken(c.get('key'), alertToken, 'alert', now);
      const id = decodeURIComponent(path.slice('/alerts/'.length));
      if (!link || link.alert !== id || !programmes.has(link.programme)) {
        const ctx = context(c);
        return c.html(signInPage(ctx, { kind: 'error', text: ctx.labels.signIn.refused }), 400);
      }
      const sameFullSession =
        session &&
        session.alert === undefined &&
        session.programme === link.programme &&
        session.email === link.email;
      if (!sameFullSession) {
        openSession(c, c.get('key'), cookies, now, {
          programme: link.programme,
          email: link.email,
          alert: id,
        });
      }
      // Drop the token from the address bar (and from any later Referer).
      return c.redirect(path, 303);
    }
    if (!session || !programmes.has(session.programme)) {
      const ctx = context(c);
      return c.html(signInPage(ctx, { kind: 'notice', text: ctx.labels.signIn.required }), 401);
    }
    const snapshot = await snapshots.get(session.programme);
    const { programme } = snapshot;
    const viewer = viewerOf(programme, snapshot.tenures, session.email, snapshot.asOf);
    if (session.alert !== undefined) {
      const allowed = path === `/alerts/${session.alert}` || path.startsWith(`/alerts/${session.alert}/`);
      if (!allowed) return forbidden(c, programme, undefined);
    } else if (!viewer) {
      // The address holds no seat any more (a handover): the session ends.
      closeSession(c, cookies);
      const ctx = context(c);
      return c.html(signInPage(ctx, { kind: 'error', text: ctx.labels.forbidden.text }), 403);
    }
    session = session as TokenPayload;
    c.set('session', session);
    c.set('programme', programme);
    c.set('snapshot', snapshot);
    c.set('viewer', viewer);
    await next();
  });

  const forbidden = (c: Context<WebEnv>, programme: Programme, viewer: Viewer | undefined) => {
    const ctx = context(c, programme, viewer);
    return c.html(messagePage(ctx, ctx.labels.forbidden.title, ctx.labels.forbidden.text), 403);
  };
  const web: WebApp = { app, forget: (id) => snapshots.forget(id), context };
  registerTimelineCsvRoutes(web, deps);
  registerPageRoutes(web, deps);
  registerAlertRoutes(web, deps);
  registerOfficeRoutes(web, deps);

  app.notFound((c) => {
    const ctx = context(c, c.get('programme'), c.get('viewer'));
    return c.html(messagePage(ctx, ctx.labels.notFound.title, ctx.labels.notFound.text), 404);
  });
  app.onError((error, c) => {
    logger.error('web request failed', { path: new URL(c.req.url).pathname, error: error.name });
    return c.text('Lỗi máy chủ / Server error', 500);
  });
  return app;
}

/** 403 with the page shell, for route files. */
export function forbiddenPage(web: WebApp, c: Context<WebEnv>): Response | Promise<Response> {
  const ctx = web.context(c, c.get('programme'), c.get('viewer'));
  return c.html(messagePage(ctx, ctx.labels.forbidden.title, ctx.labels.forbidden.text), 403);
}

export function notFoundPage(web: WebApp, c: Context<WebEnv>): Response | Promise<Response> {
  const ctx = web.context(c, c.get('programme'), c.get('viewer'));
  return c.html(messagePage(ctx, ctx.labels.notFound.title, ctx.labels.notFound.text), 404);
}
