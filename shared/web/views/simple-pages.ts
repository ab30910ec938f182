import type { DigestRecord } from '../../digest/digest-record.ts';
import { html, type Markup, type PageContext, page } from './page.ts';

/** The sign-in request form, with an optional message above it. */
export function signInPage(
  context: PageContext,
  message?: { kind: 'notice' | 'error'; text: string },
): string {
  const words = context.labels.signIn;
  return page(
    context,
    words.title,
    html`${message ? html`<p class="${message.kind}" role="status">${message.text}</p>` : ''}<p>${words.intro}</p>
<form method="post" action="/signin/request" class="stack">
<div><label for="email">${words.email}</label><input id="email" name="email" type="email" autocomplete="email" required maxlength="254"></div>
<div><button type="submit">${words.send}</button></div></form>`,
  );
}

/**
 * The sign-in link lands here: one button posts the token. A GET never spends the link, so a
 * mail scanner that follows links cannot use it up before the person does.
 */
export function signInConfirmPage(context: PageContext, token: string): string {
  const words = context.labels.signIn;
  return page(
    context,
    words.title,
    html`<p>${words.confirm}</p><form method="post" action="/signin" class="stack"><input type="hidden" name="t" value="${token}"><div><button type="submit">${words.button}</button></div></form>`,
  );
}

export function messagePage(context: PageContext, title: string, text: string, extra?: Markup): string {
  return page(context, title, html`<p>${text}</p>${extra ?? ''}`);
}

export function digestsPage(context: PageContext, digests: readonly DigestRecord[]): string {
  const words = context.labels.digests;
  const body =
    digests.length === 0
      ? html`<p class="muted">${words.none}</p>`
      : html`<div class="scroll"><table><thead><tr><th scope="col">${words.week}</th><th scope="col">${words.published}</th></tr></thead><tbody>${digests.map(
          (digest) =>
            html`<tr><td><a href="/digests/${digest.week}">${digest.week}</a></td><td>${context.format.instant(digest.createdAt)}</td></tr>`,
        )}</tbody></table></div>`;
  return page(context, words.title, body);
}
