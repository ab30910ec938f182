import { type DigestFormat, digestFormat } from '../../digest/digest-format.ts';
import { DIGEST_LABELS, type DigestLabels } from '../../digest/digest-labels.ts';
import { escapeHtml } from '../../digest/html-escape.ts';
import { type Language, PROGRESS_LABELS, STATUS_LABELS, VERDICT_LABELS } from '../../messages/labels.ts';
import type { Viewer } from '../viewer.ts';
import { WEB_LABELS, type WebLabels } from '../web-labels.ts';

/** Marks a string as markup already escaped, so views compose without escaping twice. */
export interface Markup {
  readonly html: string;
}

export function raw(html: string): Markup {
  return { html };
}

/** Escapes every interpolated value unless it is Markup (or a list of Markup). */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Markup {
  let out = strings[0] ?? '';
  values.forEach((value, index) => {
    out += piece(value) + (strings[index + 1] ?? '');
  });
  return { html: out };
}

function piece(value: unknown): string {
  if (value === undefined || value === null || value === false) return '';
  if (Array.isArray(value)) return value.map(piece).join('');
  if (typeof value === 'object' && 'html' in value) return (value as Markup).html;
  return escapeHtml(String(value));
}

/** What every view needs: the language, its words and formats, and who is looking. */
export interface PageContext {
  readonly lang: Language;
  readonly labels: WebLabels;
  readonly digestLabels: DigestLabels;
  readonly format: DigestFormat;
  readonly status: (typeof STATUS_LABELS)[Language];
  readonly verdict: (typeof VERDICT_LABELS)[Language];
  readonly progress: (typeof PROGRESS_LABELS)[Language];
  readonly viewer?: Viewer;
  /** The request's path and query, for the language switch. */
  readonly path: string;
  readonly programmeName?: string;
}

export function pageContext(
  lang: Language,
  timeZone: string,
  path: string,
  viewer?: Viewer,
  programmeName?: string,
): PageContext {
  const digestLabels = DIGEST_LABELS[lang];
  return {
    lang,
    labels: WEB_LABELS[lang],
    digestLabels,
    format: digestFormat(digestLabels, timeZone),
    status: STATUS_LABELS[lang],
    verdict: VERDICT_LABELS[lang],
    progress: PROGRESS_LABELS[lang],
    ...(viewer && { viewer }),
    path,
    ...(programmeName !== undefined && { programmeName }),
  };
}

/** The address of the same page in the other language (`?lang=`; the choice is kept in a cookie). */
function languageSwitch(context: PageContext): string {
  const url = new URL(context.path, 'http://local');
  url.searchParams.set('lang', context.lang === 'vi' ? 'en' : 'vi');
  url.searchParams.delete('t');
  return `${url.pathname}${url.search}`;
}

/** The page shell: no script, one stylesheet from the app itself, a skip link and a landmark per part. */
export function page(context: PageContext, title: string, body: Markup): string {
  const { labels } = context;
  const nav = context.viewer
    ? html`<nav aria-label="${labels.appName}"><ul>
<li><a href="/">${labels.nav.overview}</a></li>
<li><a href="/alerts">${labels.nav.alerts}</a></li>
<li><a href="/health">${labels.nav.health}</a></li>
<li><a href="/digests">${labels.nav.digests}</a></li>
${
  context.viewer.wholeProgramme
    ? html`<li><a href="/mutes">${labels.nav.mutes}</a></li>
<li><a href="/directory">${labels.nav.directory}</a></li>`
    : ''
}
</ul></nav>`
    : html``;
  const account = context.viewer
    ? html`<form method="post" action="/signout" class="signout"><span class="who">${context.viewer.name}</span> <button type="submit">${labels.nav.signOut}</button></form>`
    : html``;
  const document = html`<!doctype html>
<html lang="${context.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · dtwatch</title>
<link rel="stylesheet" href="/assets/app.css">
</head>
<body>
<a class="skip" href="#main">${labels.skip}</a>
<header class="top">
<p class="brand"><a href="/">dtwatch</a>${context.programmeName ? html` <span class="programme">${context.programmeName}</span>` : ''}</p>
${nav}
<p class="lang"><a href="${languageSwitch(context)}" hreflang="${context.lang === 'vi' ? 'en' : 'vi'}" lang="${context.lang === 'vi' ? 'en' : 'vi'}">${labels.otherLanguage}</a></p>
${account}
</header>
<main id="main">
<h1>${title}</h1>
${body}
</main>
</body>
</html>`;
  return document.html;
}
