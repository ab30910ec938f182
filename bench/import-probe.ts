/**
 * Runs in a fresh process (bundled by bench/packages.ts): imports one module, as Lambda's runtime
 * does with a handler on a cold start, and prints how long that took as one JSON document.
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

const [modulePath] = process.argv.slice(2);
if (!modulePath) throw new Error('usage: import-probe <module.mjs>');

const url = pathToFileURL(modulePath).href;
const start = performance.now();
await import(url);
const importMs = performance.now() - start;
process.stdout.write(
  `${JSON.stringify({ importMs, rssBytes: process.memoryUsage().rss, uptimeMs: process.uptime() * 1000 })}\n`,
);
