import type { Mute } from '../../alerts/mute.ts';
import { ROLES, type Tenure } from '../../domain/person.ts';
import { OFFICE_LABELS } from '../office-labels.ts';
import { html, type Markup, type PageContext, page } from './page.ts';

/** A notice or a refusal above a form; `fields` are marked invalid on the form. */
export interface FormMessage {
  readonly kind: 'notice' | 'error';
  readonly text: string;
  readonly fields?: readonly string[];
}

/** The office's form: its CSRF token and what was typed (kept on a refusal). */
export interface OfficeForm {
  readonly csrf: string;
  readonly values: Readonly<Record<string, string>>;
}

export interface MutesPageModel {
  readonly mutes: readonly Mute[];
  readonly today: string;
  /** Only the office gets the forms; the committee reads. */
  readonly form?: OfficeForm;
  readonly message?: FormMessage;
}

function messageOf(message: FormMessage | undefined): Markup | string {
  return message
    ? html`<p class="${message.kind}" role="${message.kind === 'error' ? 'alert' : 'status'}">${message.text}</p>`
    : '';
}

/** A labelled input; marked invalid (and described by the message) when the refusal named it. */
function field(
  id: string,
  label: string,
  form: OfficeForm,
  message: FormMessage | undefined,
  attributes: Markup = html``,
): Markup {
  const invalid = message?.fields?.includes(id) === true;
  return html`<div><label for="f-${id}">${label}</label><input id="f-${id}" name="${id}" value="${form.values[id] ?? ''}"${attributes}${invalid ? html` aria-invalid="true" aria-describedby="form-message"` : ''}></div>`;
}

export function mutesPage(context: PageContext, model: MutesPageModel): string {
  const words = OFFICE_LABELS[context.lang].mutes;
  const office = OFFICE_LABELS[context.lang];
  const rows = model.mutes.map(
    (mute) =>
      html`<tr><td><code>${mute.id}</code></td><td>${words.fields.unit}: <code>${mute.unit}</code>, ${words.fields.indicator}: <code>${mute.indicator}</code>, ${words.fields.level}: <code>${mute.level}</code></td><td>${context.format.date(mute.until)}</td><td>${mute.reason}</td><td>${mute.author}</td>${
        model.form
          ? html`<td><form method="post" action="/mutes/${mute.id}/remove"><input type="hidden" name="csrf" value="${model.form.csrf}"><button type="submit" aria-label="${words.remove} ${mute.id}">${words.remove}</button></form></td>`
          : ''
      }</tr>`,
  );
  const table =
    rows.length === 0
      ? html`<p class="muted">${words.none}</p>`
      : html`<div class="scroll"><table><thead><tr><th scope="col">${words.id}</th><th scope="col">${words.matches}</th><th scope="col">${words.until}</th><th scope="col">${words.reason}</th><th scope="col">${words.author}</th>${model.form ? html`<th scope="col"><span class="visually-hidden">${words.remove}</span></th>` : ''}</tr></thead><tbody>${rows}</tbody></table></div>`;
  const { form, message } = model;
  const add = form
    ? html`<section aria-labelledby="add-mute"><h2 id="add-mute">${words.add}</h2>
<form method="post" action="/mutes" class="stack">
<input type="hidden" name="csrf" value="${form.csrf}">
<p class="muted">${words.patternHint}</p>
${field('unit', words.fields.unit, form, message, html` maxlength="100"`)}
${field('indicator', words.fields.indicator, form, message, html` maxlength="100"`)}
${field('level', words.fields.level, form, message, html` maxlength="100"`)}
<div><label for="f-reason">${words.fields.reason}</label><textarea id="f-reason" name="reason" rows="2" maxlength="500" required${message?.fields?.includes('reason') ? html` aria-invalid="true" aria-describedby="form-message"` : ''}>${form.values.reason ?? ''}</textarea></div>
<p class="muted">${words.untilOrFor}</p>
${field('until', words.fields.until, form, message, html` type="date" min="${model.today}"`)}
${field('for', words.fields.for, form, message, html` type="number" min="1" max="365" inputmode="numeric"`)}
<div><button type="submit">${words.submit}</button></div></form></section>`
    : html`<p class="muted">${office.readOnly}</p>`;
  const body = html`<div id="form-message">${messageOf(message)}</div><p>${words.intro}</p>
<section aria-labelledby="active-mutes"><h2 id="active-mutes">${words.active}</h2>${table}</section>
${add}`;
  return page(context, words.title, body);
}

export interface DirectoryPageModel {
  readonly people: readonly Tenure[];
  /** The office sees addresses and phone numbers; everyone else, masked. */
  readonly mask: (contact: string) => string;
  readonly unitName: (id: string) => string;
  readonly form?: OfficeForm;
  readonly message?: FormMessage;
}

export function directoryPage(context: PageContext, model: DirectoryPageModel): string {
  const words = OFFICE_LABELS[context.lang].directory;
  const office = OFFICE_LABELS[context.lang];
  const columns = words.columns;
  const { form, message } = model;
  const rows = model.people.map(
    (person) =>
      html`<tr><td>${words.roles[person.role]}</td><td>${person.unit ? model.unitName(person.unit) : '—'}</td><td>${person.indicator || '—'}</td><td>${person.name}</td><td>${person.email ? model.mask(person.email) : '—'}</td><td>${person.phone ? model.mask(person.phone) : '—'}</td><td>${context.format.date(person.validFrom)}</td>${
        form
          ? html`<td><a href="/directory?edit=${encodeURIComponent(person.seat)}#set-person">${words.edit}</a> <form method="post" action="/directory/deactivate" class="inline"><input type="hidden" name="csrf" value="${form.csrf}"><input type="hidden" name="seat" value="${person.seat}"><button type="submit" aria-label="${words.deactivate}: ${person.name}">${words.deactivate}</button></form></td>`
          : ''
      }</tr>`,
  );
  const table =
    rows.length === 0
      ? html`<p class="muted">${words.none}</p>`
      : html`<div class="scroll"><table><thead><tr>${[columns.role, columns.unit, columns.indicator, columns.name, columns.email, columns.phone, columns.from].map((name) => html`<th scope="col">${name}</th>`)}${form ? html`<th scope="col"><span class="visually-hidden">${words.edit}</span></th>` : ''}</tr></thead><tbody>${rows}</tbody></table></div>`;
  const roleInvalid = message?.fields?.includes('role') === true;
  const set = form
    ? html`<section aria-labelledby="set-person"><h2 id="set-person">${words.setTitle}</h2><p class="muted">${words.setIntro}</p>
<form method="post" action="/directory" class="stack">
<input type="hidden" name="csrf" value="${form.csrf}">
<div><label for="f-role">${columns.role}</label><select id="f-role" name="role" required${roleInvalid ? html` aria-invalid="true" aria-describedby="form-message"` : ''}>${ROLES.map(
        (role) =>
          html`<option value="${role}"${form.values.role === role ? html` selected` : ''}>${words.roles[role]}</option>`,
      )}</select></div>
${field('unit', columns.unit, form, message, html` maxlength="100"`)}
${field('indicator', columns.indicator, form, message, html` maxlength="100"`)}
${field('name', columns.name, form, message, html` maxlength="200" required`)}
${field('email', columns.email, form, message, html` type="email" maxlength="254"`)}
${field('phone', columns.phone, form, message, html` type="tel" maxlength="20"`)}
${field('validFrom', words.validFrom, form, message, html` type="date"`)}
<div><button type="submit">${words.submit}</button></div></form></section>`
    : html`<p class="muted">${office.readOnly}</p>`;
  const body = html`<div id="form-message">${messageOf(message)}</div><p>${words.intro}</p>
<section aria-labelledby="people"><h2 id="people">${words.people}</h2>${table}</section>
${set}`;
  return page(context, words.title, body);
}
