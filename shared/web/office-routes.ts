import type { Context } from 'hono';
import { isMuteActive } from '../alerts/mute.ts';
import { checkDirectoryRows, type DirectoryRow } from '../directory/directory-file.ts';
import { peopleInForce } from '../domain/person.ts';
import { InvalidInputError } from '../errors.ts';
import { logger } from '../logger.ts';
import { maskContact } from '../pii-mask.ts';
import { applyDirectoryRows, vacateSeat } from '../use-cases/directory-changes.ts';
import { addMute, checkMuteRequest, liftMute } from '../use-cases/mute-changes.ts';
import { forbiddenPage, type WebApp, type WebEnv } from './app.ts';
import { OFFICE_LABELS } from './office-labels.ts';
import { csrfToken, csrfValid } from './session.ts';
import { canManage, type Viewer } from './viewer.ts';
import { directoryPage, type FormMessage, mutesPage } from './views/office-pages.ts';
import type { WebAppDeps } from './web-deps.ts';

const MUTE_FIELDS = ['unit', 'indicator', 'level', 'reason', 'until', 'for'] as const;
const PERSON_FIELDS = ['role', 'unit', 'indicator', 'name', 'email', 'phone', 'validFrom'] as const;

/**
 * The office's pages (docs/operations.md, "Web app"): mutes and the directory of people,
 * through the use-cases behind `dtwatch mute` and `dtwatch directory set` / `remove`. The
 * committee and the office see them; only the office changes anything (its forms, every post),
 * each change in the audit trail with the signed-in person as its author. A refused form
 * changes nothing and says which field.
 */
export function registerOfficeRoutes(web: WebApp, deps: WebAppDeps): void {
  const { app } = web;
  const viewerOf = (c: Context<WebEnv>) => c.get('viewer') as Viewer;
  const csrf = (c: Context<WebEnv>) => csrfToken(c.get('key'), c.get('session'));
  const words = (c: Context<WebEnv>) => OFFICE_LABELS[c.get('lang')];

  /** The posted form of an office member with a valid CSRF token; undefined: answer 403. */
  const officeForm = async (c: Context<WebEnv>): Promise<Record<string, string> | undefined> => {
    const form = await c.req.parseBody();
    if (!canManage(viewerOf(c)) || !csrfValid(c.get('key'), c.get('session'), form.csrf)) return undefined;
    const text: Record<string, string> = {};
    for (const [name, value] of Object.entries(form)) if (typeof value === 'string') text[name] = value;
    return text;
  };

  // ── mutes ─────────────────────────────────────────────────────────────────────────────────
  const renderMutes = async (
    c: Context<WebEnv>,
    status: 200 | 400,
    message?: FormMessage,
    values: Record<string, string> = {},
  ) => {
    const { programme, asOf } = c.get('snapshot');
    const viewer = viewerOf(c);
    const mutes = (await deps.ports.mutes.listMutes(programme.id)).filter((mute) => isMuteActive(mute, asOf));
    return c.html(
      mutesPage(web.context(c, programme, viewer), {
        mutes,
        today: asOf,
        ...(canManage(viewer) && { form: { csrf: csrf(c), values } }),
        ...(message && { message }),
      }),
      status,
    );
  };

  app.get('/mutes', (c) => {
    if (!viewerOf(c).wholeProgramme) return forbiddenPage(web, c);
    const added = c.req.query('added');
    const removed = c.req.query('removed');
    const said = words(c).mutes;
    return renderMutes(
      c,
      200,
      added
        ? { kind: 'notice', text: said.added(added) }
        : removed
          ? { kind: 'notice', text: said.removed(removed) }
          : undefined,
    );
  });

  app.post('/mutes', async (c) => {
    const form = await officeForm(c);
    if (!form) return forbiddenPage(web, c);
    const { programme, asOf } = c.get('snapshot');
    const viewer = viewerOf(c);
    const forDays = form.for?.trim();
    const checked = checkMuteRequest(
      programme,
      {
        unit: form.unit,
        indicator: form.indicator,
        level: form.level,
        reason: form.reason ?? '',
        author: viewer.name,
        until: form.until,
        ...(forDays ? { for: `${forDays}d` } : {}),
      },
      asOf,
    );
    const said = words(c);
    if ('problems' in checked) {
      const fields = [...new Set(checked.problems.map((problem) => problem.field))];
      const text = checked.problems
        .map(
          (problem) =>
            `${said.mutes.fields[problem.field as keyof typeof said.mutes.fields] ?? problem.field}: ${said.mutes.problems[problem.code]}`,
        )
        .join('; ');
      return renderMutes(
        c,
        400,
        { kind: 'error', text: `${said.invalid}: ${text}`, fields },
        pick(form, MUTE_FIELDS),
      );
    }
    const mute = await addMute(
      { mutes: deps.ports.mutes, audit: deps.ports.auditTrail },
      programme,
      checked.draft,
      deps.clock.now().toISOString(),
    );
    logger.info('mute set from the web', { programme: programme.id, mute: mute.id, until: mute.until });
    return c.redirect(`/mutes?added=${encodeURIComponent(mute.id)}`, 303);
  });

  app.post('/mutes/:id/remove', async (c) => {
    const form = await officeForm(c);
    if (!form) return forbiddenPage(web, c);
    const { programme } = c.get('snapshot');
    const id = c.req.param('id');
    const lifted = await liftMute({ mutes: deps.ports.mutes, audit: deps.ports.auditTrail }, programme, id, {
      at: deps.clock.now().toISOString(),
      by: viewerOf(c).name,
    });
    if (!lifted) return renderMutes(c, 400, { kind: 'error', text: words(c).mutes.notFound });
    logger.info('mute removed from the web', { programme: programme.id, mute: id });
    return c.redirect(`/mutes?removed=${encodeURIComponent(id)}`, 303);
  });

  // ── directory ─────────────────────────────────────────────────────────────────────────────
  const renderDirectory = (
    c: Context<WebEnv>,
    status: 200 | 400,
    message?: FormMessage,
    values: Record<string, string> = {},
  ) => {
    const { programme, asOf, tenures } = c.get('snapshot');
    const viewer = viewerOf(c);
    const people = peopleInForce(tenures, asOf).sort(
      (a, b) => a.role.localeCompare(b.role) || a.unit.localeCompare(b.unit) || a.name.localeCompare(b.name),
    );
    return c.html(
      directoryPage(web.context(c, programme, viewer), {
        people,
        // Addresses and phone numbers are the office's to see; the committee reads them masked.
        mask: canManage(viewer) ? (contact) => contact : maskContact,
        unitName: (id) => programme.units.get(id)?.name ?? id,
        ...(canManage(viewer) && { form: { csrf: csrf(c), values } }),
        ...(message && { message }),
      }),
      status,
    );
  };

  app.get('/directory', (c) => {
    if (!viewerOf(c).wholeProgramme) return forbiddenPage(web, c);
    const { tenures, asOf } = c.get('snapshot');
    const said = words(c).directory;
    const saved = c.req.query('saved');
    const message: FormMessage | undefined =
      saved === '0'
        ? { kind: 'notice', text: said.unchanged }
        : saved
          ? { kind: 'notice', text: said.saved(Number(saved)) }
          : c.req.query('deactivated') === '1'
            ? { kind: 'notice', text: said.deactivated }
            : undefined;
    // "Sửa": the form filled with the person in that seat.
    const editing = peopleInForce(tenures, asOf).find((person) => person.seat === c.req.query('edit'));
    const values: Record<string, string> = editing
      ? {
          role: editing.role,
          unit: editing.unit,
          indicator: editing.indicator,
          name: editing.name,
          email: editing.email ?? '',
          phone: editing.phone ?? '',
        }
      : {};
    return renderDirectory(c, 200, message, canManage(viewerOf(c)) ? values : {});
  });

  app.post('/directory', async (c) => {
    const form = await officeForm(c);
    if (!form) return forbiddenPage(web, c);
    const { programme, asOf } = c.get('snapshot');
    const said = words(c);
    let rows: DirectoryRow[];
    try {
      rows = checkDirectoryRows([{ location: 'form', fields: pick(form, PERSON_FIELDS) }], 'form', programme);
    } catch (error) {
      if (!(error instanceof InvalidInputError)) throw error;
      // Each problem's location ends with the field ("form, email").
      const fields = [
        ...new Set(
          error.problems.map((problem) => (problem.location ?? '').split(', ').pop() ?? '').filter(Boolean),
        ),
      ];
      const text = fields
        .map((name) => {
          const field = name as keyof typeof said.directory.problems;
          const label =
            field === 'validFrom' ? said.directory.validFrom : said.directory.columns[field as 'role'];
          return `${label ?? name}: ${said.directory.problems[field] ?? name}`;
        })
        .join('; ');
      return renderDirectory(
        c,
        400,
        { kind: 'error', text: `${said.invalid}: ${text}`, fields },
        pick(form, PERSON_FIELDS),
      );
    }
    const change = await applyDirectoryRows(
      deps.ports.directory,
      programme.id,
      rows,
      asOf,
      deps.clock.now().toISOString(),
      { trail: deps.ports.auditTrail, by: viewerOf(c).name },
    );
    web.forget(programme.id);
    logger.info('directory changed from the web', { programme: programme.id, written: change.written });
    return c.redirect(`/directory?saved=${change.written}`, 303);
  });

  app.post('/directory/deactivate', async (c) => {
    const form = await officeForm(c);
    if (!form) return forbiddenPage(web, c);
    const { programme, asOf, tenures } = c.get('snapshot');
    const held = peopleInForce(tenures, asOf).some((person) => person.seat === form.seat);
    if (!held || form.seat === undefined) {
      return renderDirectory(c, 400, { kind: 'error', text: words(c).directory.noSuchSeat });
    }
    await vacateSeat(deps.ports.directory, programme.id, form.seat, asOf, {
      trail: deps.ports.auditTrail,
      by: viewerOf(c).name,
      at: deps.clock.now().toISOString(),
    });
    web.forget(programme.id);
    logger.info('seat vacated from the web', { programme: programme.id });
    return c.redirect('/directory?deactivated=1', 303);
  });
}

function pick(form: Record<string, string>, names: readonly string[]): Record<string, string> {
  return Object.fromEntries(
    names.flatMap((name) => (form[name] === undefined ? [] : [[name, form[name] as string]])),
  );
}
