import { createHash } from 'node:crypto';
import { STATUS_COLOURS } from '../digest/svg-charts.ts';

/**
 * The app's one stylesheet, served from /assets/app.css (the CSP allows styles from the app
 * only). Mobile first: one column, tables scroll sideways; wider screens get room.
 */
export const APP_CSS = `
:root { --ink: #1f2328; --muted: #57606a; --line: #d0d7de; --accent: #0550ae; --bg: #fff; --soft: #f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); }
a { color: var(--accent); }
a:focus, button:focus, input:focus, select:focus, textarea:focus { outline: 3px solid #fb8f44; outline-offset: 2px; }
.skip { position: absolute; left: -999px; top: 0; background: var(--bg); padding: .5rem; }
.skip:focus { left: .5rem; }
header.top { display: flex; flex-wrap: wrap; gap: .25rem 1rem; align-items: center; padding: .5rem 1rem; border-bottom: 1px solid var(--line); background: var(--soft); }
header.top p { margin: 0; }
.brand a { font-weight: 700; text-decoration: none; color: var(--ink); }
.programme { color: var(--muted); font-size: .9rem; }
nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: .25rem .75rem; margin: 0; padding: 0; }
nav a { display: inline-block; padding: .5rem .25rem; min-height: 44px; }
.lang a, .signout button { min-height: 44px; }
.signout { display: flex; align-items: center; gap: .5rem; }
.who { color: var(--muted); font-size: .9rem; }
main { padding: 1rem; max-width: 72rem; margin: 0 auto; }
h1 { font-size: 1.5rem; margin: .5rem 0 1rem; }
h2 { font-size: 1.2rem; margin: 1.5rem 0 .5rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1rem; margin: 1rem 0 .5rem; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: .95rem; }
th, td { text-align: left; padding: .4rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr)); gap: .5rem; padding: 0; list-style: none; }
.cards li { border: 1px solid var(--line); border-radius: 6px; padding: .5rem; }
.cards .n { font-size: 1.5rem; font-weight: 700; display: block; }
.headline { font-size: 1.25rem; font-weight: 700; }
.status { display: inline-block; padding: 0 .4rem; border-radius: 4px; font-size: .85rem; border: 1px solid var(--line); }
${Object.entries(STATUS_COLOURS)
  .map(([status, colour]) => `.status-${status} { border-left: 6px solid ${colour}; }`)
  .join('\n')}
.chart svg { max-width: 100%; height: auto; }
.chart .grid { stroke: #eaeef2; } .chart .tick { font-size: 10px; fill: var(--muted); }
.chart .required { fill: none; stroke: #57606a; stroke-dasharray: 4 3; stroke-width: 1.5; }
.chart .actual { fill: none; stroke: var(--accent); stroke-width: 2; } .chart .point { fill: var(--accent); }
.chart .today { stroke: #fb8f44; stroke-dasharray: 2 2; }
.series { border: 1px solid var(--line); border-radius: 6px; padding: .75rem; margin: .75rem 0; }
.series h3 { margin-top: 0; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem .75rem; margin: .5rem 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
form.stack { display: grid; gap: .75rem; max-width: 36rem; }
form.stack label { font-weight: 600; display: block; }
input, select, textarea, button { font: inherit; }
input, select, textarea { width: 100%; padding: .5rem; border: 1px solid #8c959f; border-radius: 4px; }
button { padding: .5rem 1rem; border: 1px solid var(--accent); background: var(--accent); color: #fff; border-radius: 4px; cursor: pointer; min-height: 44px; }
.signout button { background: transparent; color: var(--accent); }
form.filters { display: flex; flex-wrap: wrap; gap: .5rem; align-items: end; }
form.filters label { display: grid; font-size: .9rem; }
form.filters select { width: auto; }
.notice { border-left: 4px solid var(--accent); background: var(--soft); padding: .5rem .75rem; }
.error { border-left: 4px solid #cf222e; background: #ffebe9; padding: .5rem .75rem; }
ol.timeline { list-style: none; padding: 0; }
ol.timeline li { border-left: 2px solid var(--line); padding: 0 0 .5rem .75rem; }
ol.timeline time { color: var(--muted); font-size: .9rem; display: block; }
.muted { color: var(--muted); }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
form.inline { display: inline; }
@media (min-width: 48rem) { main { padding: 1.5rem 2rem; } .two { display: grid; grid-template-columns: 1fr 1fr; gap: 1.5rem; } }
`;

/** For the ETag: the stylesheet changes only with the code. */
export const APP_CSS_TAG = `"${createHash('sha256').update(APP_CSS).digest('base64url').slice(0, 16)}"`;
