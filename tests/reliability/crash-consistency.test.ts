import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../shared/sample/seeded-random.ts';
import { buildCycleBundle, type CycleBundle } from './support/crash-bundle.ts';
import { type ChildRun, type KillPlan, runCycleChild } from './support/crash-child.ts';
import { brokenInvariants, itemKinds } from './support/crash-invariants.ts';
import type { CrashPhase } from './support/crash-markers.ts';
import { pick } from './support/crash-random.ts';
import { type DataFolderSnapshot, snapshotDataFolder } from './support/crash-snapshot.ts';
import { killDuringTableCreation } from './support/crash-table-creation.ts';

/**
 * The local monitoring cycle (what `npm start` runs) is SIGKILLed at seeded random points, run
 * again to the end, and what it leaves is compared with a run that was never interrupted.
 * CRASH_SEED=<n> replays one plan of kills; a failure names the seed and the scenario.
 */
const SEED = Number(process.env.CRASH_SEED ?? 20_261_118);
const PROGRAMME = 'nghe-an';
const AS_OF = '2026-11-18';
/** Scenarios, each a fresh data folder killed 1 to MAX_KILLS times before a run to the end. */
const SCENARIOS = Number(process.env.CRASH_SCENARIOS ?? 14);
const MAX_KILLS = 10;
/** Scenarios run side by side (each its own processes and folder). */
const LANES = 2;
/** About 45 s on an idle two-core machine; generous, because other work on it slows it down. */
const SCENARIOS_TIMEOUT_MS = 300_000;
/**
 * Kills are aimed at a phase: after its marker, at a seeded fraction of the phase's length in the
 * clean run (so a seed means the same plan on a slower machine). `sample` spans generating the
 * data and opening the store (creating its table on a first run); the process's start-up before
 * it touches nothing, so no kill is spent there.
 */
const AIMS = ['sample', 'ingest', 'notify', 'digest'] as const;
type Aim = (typeof AIMS)[number];

interface AimedKill {
  readonly after: Aim;
  readonly fraction: number;
}

interface Reference {
  readonly dataDir: string;
  readonly run: ChildRun;
  readonly snapshot: DataFolderSnapshot;
  /** How long each aimed phase lasted in the clean run (ms). */
  readonly window: Record<Aim, number>;
}

const folders: string[] = [];
async function freshFolder(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'dtwatch-crash-'));
  folders.push(folder);
  return folder;
}

function killPlans(seed: number): AimedKill[][] {
  const random = seededRandom(seed);
  return Array.from({ length: SCENARIOS }, () =>
    Array.from({ length: 1 + Math.floor(random() * MAX_KILLS) }, () => ({
      after: pick(random, AIMS),
      fraction: random(),
    })),
  );
}

describe('crash consistency of the local monitoring cycle', () => {
  let bundle: CycleBundle;
  let reference: Reference;
  const cycle = (dataDir: string, kill?: KillPlan, hangAfterMs?: number) =>
    runCycleChild({
      bundle: bundle.file,
      dataDir,
      programme: PROGRAMME,
      asOf: AS_OF,
      ...(kill && { kill }),
      ...(hangAfterMs !== undefined && { hangAfterMs }),
    });

  /** Kills a fresh folder's cycle as planned, then runs it to the end; returns what broke. */
  async function crashAndFinish(plan: readonly AimedKill[], landed: Record<string, number>) {
    const dataDir = await freshFolder();
    const trail: string[] = [];
    const problems: string[] = [];
    for (const { after, fraction } of plan) {
      const delayMs = Math.round(fraction * reference.window[after]);
      const run = await cycle(dataDir, { after, delayMs });
      const where = run.killedIn ?? 'finished';
      landed[where] = (landed[where] ?? 0) + 1;
      trail.push(`${after}+${delayMs}ms→${where}(${run.messages} msg)`);
      if (run.hung) problems.push(`an attempt after a crash hung: ${tail(run.stderr)}`);
      else if (run.killedIn === undefined && run.status !== 0) {
        problems.push(`an attempt after a crash failed (exit ${run.status}): ${tail(run.stderr)}`);
      }
    }
    const final = await cycle(dataDir);
    if (final.hung) problems.push(`the run to the end hung: ${tail(final.stderr)}`);
    else if (final.status !== 0) {
      problems.push(`the run to the end failed (exit ${final.status}): ${tail(final.stderr)}`);
    } else {
      problems.push(...brokenInvariants(reference.snapshot, await snapshotDataFolder(dataDir)));
    }
    return { trail, problems };
  }

  beforeAll(async () => {
    bundle = await buildCycleBundle();
    const dataDir = await freshFolder();
    const run = await cycle(dataDir);
    if (run.status !== 0) throw new Error(`the clean run failed:\n${run.stderr}`);
    const at = (phase: CrashPhase) => run.phaseAt[phase] ?? 0;
    reference = {
      dataDir,
      run,
      snapshot: await snapshotDataFolder(dataDir),
      window: {
        sample: at('ingest') - at('sample'),
        ingest: at('notify') - at('ingest'),
        notify: at('digest') - at('notify'),
        digest: at('done') - at('digest'),
      },
    };
  });

  afterAll(async () => {
    await bundle?.remove();
    await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
  });

  it('leaves, after a clean run, observations, quarantine, run records, ledger, outbox and digest', () => {
    const kinds = itemKinds(reference.snapshot);
    expect(kinds.OBS).toBeGreaterThan(100);
    expect(kinds.QUAR).toBeGreaterThan(0);
    expect(kinds.RUN).toBe(2);
    expect(kinds.ALERT).toBeGreaterThan(0);
    expect(kinds.NOTE).toBe(reference.snapshot.outbox.size);
    expect(kinds.DIGEST).toBe(1);
    expect(reference.snapshot.outbox.size).toBe(reference.run.messages);
    expect([...reference.snapshot.digest.keys()]).toEqual([`${PROGRAMME}/2026-W46/digest.html`]);
  });

  it(
    'SIGKILLed anywhere (store opening, ingest, notify, digest) and run again, ends exactly as a clean run',
    async () => {
      const plans = killPlans(SEED);
      const landed: Record<string, number> = {};
      const failures: string[] = [];
      let next = 0;
      const lane = async () => {
        while (next < plans.length) {
          const index = next++;
          const { trail, problems } = await crashAndFinish(plans[index] ?? [], landed);
          if (problems.length > 0) {
            failures.push(
              `seed ${SEED}, scenario ${index} [${trail.join(', ')}]:\n  ${problems.join('\n  ')}`,
            );
          }
        }
      };
      await Promise.all(Array.from({ length: LANES }, lane));

      const crashes = Object.entries(landed).reduce(
        (sum, [where, count]) => (where === 'finished' ? sum : sum + count),
        0,
      );
      console.info(
        `crash consistency: seed ${SEED}, ${SCENARIOS} scenarios, ${crashes} SIGKILLs landed ${JSON.stringify(landed)}`,
      );
      expect(failures).toEqual([]);
      for (const phase of ['ingest', 'notify', 'digest']) {
        expect(landed[phase] ?? 0, `no kill landed in ${phase}: raise CRASH_SCENARIOS`).toBeGreaterThan(0);
      }
    },
    SCENARIOS_TIMEOUT_MS,
  );

  it('run again the same day, changes nothing: no new item, quarantine copy or message', async () => {
    const run = await cycle(reference.dataDir);
    expect(run.status, tail(run.stderr)).toBe(0);
    expect(run.messages).toBe(0);
    expect(brokenInvariants(reference.snapshot, await snapshotDataFolder(reference.dataDir))).toEqual([]);
  });

  it('opens and works after a kill between creating its table and the table becoming ACTIVE', async () => {
    const dataDir = await freshFolder();
    await killDuringTableCreation(dataDir);
    const run = await cycle(dataDir, undefined, 30_000);
    expect(run.hung, tail(run.stderr)).toBe(false);
    expect(run.status, tail(run.stderr)).toBe(0);
    expect(brokenInvariants(reference.snapshot, await snapshotDataFolder(dataDir))).toEqual([]);
  });
});

function tail(text: string): string {
  return text.split('\n').filter(Boolean).slice(-3).join(' / ');
}
