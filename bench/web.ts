import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInMemoryDirectory } from '../shared/adapters/in-memory-directory.ts';
import { createMemoryAuditTrail } from '../shared/adapters/memory/memory-audit-trail.ts';
import { InMemoryMutes } from '../shared/adapters/memory/memory-mutes.ts';
import { MemorySignInTokens } from '../shared/adapters/memory/memory-sign-in-tokens.ts';
import { createMemoryStore } from '../shared/adapters/memory/memory-store.ts';
import { parseCatalog } from '../shared/catalog/parse-catalog.ts';
import { buildProgramme } from '../shared/catalog/programme.ts';
import { fixedClock } from '../shared/ports/clock.ts';
import { createWebApp } from '../shared/web/app.ts';
import { signToken } from '../shared/web/signed-token.ts';
import { nationalDataset } from './national-dataset.ts';
import type { BenchSection } from './section.ts';
import { upperBound } from './section.ts';
import { formatFigure, round, summariseRuns } from './timing.ts';

const MAX_OVERVIEW_MS = 200;
const MAX_UNIT_MS = 1000;
const WARM_UP = 2;

/**
 * Warm page renders of the web app for a national-size programme (3,321 communes × 10
 * indicators × 60 months): the programme's snapshot is loaded and evaluated once (the cold
 * figure), then the overview and a commune's page are rendered from it again and again, through
 * the app's own request path (session check, scope, HTML), as a warm Lambda would.
 */
export const webSection: BenchSection = {
  name: 'web',
  summary: 'warm render of the web overview and a unit page, national-size programme',
  async run(context) {
    const adminUnits = join(context.handoutRoot, 'data', 'admin-units-national-2025.json');
    context.log('web: generating the national dataset…');
    const dataset = nationalDataset(await readFile(adminUnits, 'utf8'));
    const programme = buildProgramme(parseCatalog(dataset.catalogText, 'bench-national.json'));
    const store = createMemoryStore();
    const observations = [...dataset.observations()];
    // The observation store's twin would copy two million rows: the bench serves them as read.
    const ports = {
      store: { ...store, programmeObservations: async () => observations },
      directory: createInMemoryDirectory(),
      signInTokens: new MemorySignInTokens(),
      revisions: store.parts.observations,
      mutes: new InMemoryMutes(),
      auditTrail: createMemoryAuditTrail(),
    };
    const now = new Date(`${dataset.asOf}T05:00:00Z`);
    const key = new Uint8Array(32).fill(1);
    const app = createWebApp({
      programmes: [programme],
      ports,
      signingKey: async () => key,
      clock: fixedClock(now),
      secureCookies: true,
      snapshotMaxAgeMs: 3_600_000,
    });
    const committee = programme.catalog.programme.steeringCommittee[0]?.email ?? 'bench@example.com';
    const session = signToken(key, {
      kind: 'session',
      programme: programme.id,
      email: committee,
      exp: Math.floor(now.getTime() / 1000) + 3600,
      jti: 'bench',
    });
    const unit = programme.series[0]?.unit ?? '';
    const render = async (path: string) => {
      const response = await app.request(path, { headers: { Cookie: `dtw_session=${session}` } });
      const body = await response.text();
      if (response.status !== 200) throw new Error(`web bench: ${path} answered ${response.status}`);
      return body.length;
    };
    const time = async (path: string) => {
      for (let i = 0; i < WARM_UP; i++) await render(path);
      const runsMs: number[] = [];
      let bytes = 0;
      for (let i = 0; i < context.runs; i++) {
        const start = performance.now();
        bytes = await render(path);
        runsMs.push(performance.now() - start);
      }
      return { ...summariseRuns(runsMs), bytes };
    };
    context.log('web: first request (loads and evaluates the programme)…');
    const coldStart = performance.now();
    await render('/');
    const coldMs = round(performance.now() - coldStart);
    context.log(`web: ${context.runs} warm renders of the overview and of /units/${unit}…`);
    const overview = await time('/');
    const unitPage = await time(`/units/${unit}`);
    return {
      figures: {
        dataset: { communes: dataset.communes, indicators: dataset.indicators, series: dataset.series },
        firstRequestMs: coldMs,
        overview,
        unitPage: { unit, ...unitPage },
      },
      highlights: [
        `${formatFigure(dataset.series)} series: overview ${overview.medianMs} ms (${formatFigure(Math.round(overview.bytes / 1024))} KiB), ` +
          `unit page ${unitPage.medianMs} ms, first request (load + evaluate) ${formatFigure(coldMs)} ms`,
      ],
      targets: [
        upperBound('web: warm overview render, national (median)', overview.medianMs, 'ms', MAX_OVERVIEW_MS),
        upperBound('web: warm unit page render, national (median)', unitPage.medianMs, 'ms', MAX_UNIT_MS),
      ],
    };
  },
};
