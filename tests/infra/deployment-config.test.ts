// biome-ignore-all lint/suspicious/noExplicitAny: configs are edited as plain JSON documents.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDeploymentInputs } from '../../infra/deployment-inputs.ts';
import { placeholderProblems, refusesPlaceholders } from '../../infra/placeholder-guard.ts';
import { isInsideWindow, parseDeploymentConfig } from '../../shared/config/deployment-config.ts';
import { InvalidInputError, type Problem } from '../../shared/errors.ts';
import { REPO_ROOT } from '../support/paths.ts';

const DEV = readFileSync(join(REPO_ROOT, 'config', 'dev.json'), 'utf8');

function problemsOf(action: () => unknown): Problem[] {
  try {
    action();
  } catch (error) {
    if (error instanceof InvalidInputError) return [...error.problems];
    throw error;
  }
  throw new Error('expected an InvalidInputError');
}

function withChange(change: (config: Record<string, any>) => void): string {
  const config = JSON.parse(DEV);
  change(config);
  return JSON.stringify(config);
}

describe('deployment config', () => {
  it('dev and prod parse, with the weekly digest on Monday 07:30', () => {
    for (const stage of ['dev', 'prod']) {
      const config = parseDeploymentConfig(
        readFileSync(join(REPO_ROOT, 'config', `${stage}.json`), 'utf8'),
        stage,
      );
      expect(config.stage).toBe(stage);
      expect(config.schedules.digest).toEqual({ day: 'MON', time: '07:30' });
      expect(config.schedules.timezone).toBe('Asia/Ho_Chi_Minh');
    }
  });

  it('defaults what an operator may leave out', () => {
    const config = parseDeploymentConfig(
      JSON.stringify({
        stage: 'x',
        programmes: [{ id: 'p', catalog: 'catalog/p.json' }],
        sms: { monthlySpendLimitUsd: 5 },
        inbox: { bucketName: 'dtwatch-x-inbox' },
        alarmEmail: 'ops@example.com',
      }),
      'config/x.json',
    );
    expect(config.schedules).toEqual({
      timezone: 'Asia/Ho_Chi_Minh',
      monitoring: { time: '08:00' },
      digest: { day: 'MON', time: '07:30' },
    });
    expect(config.logRetentionDays).toBe(90);
  });

  it('names the file and the field of every mistake', () => {
    const problems = problemsOf(() =>
      parseDeploymentConfig(
        withChange((config) => {
          config.quietHours = { start: '21:00', end: '07:00' };
          config.sms.senderId = 'DT-WATCH-TOO-LONG';
          config.logRetentionDays = 42;
          config.programmes[1].catalog = '../elsewhere.json';
          config.surprise = true;
        }),
        'config/dev.json',
      ),
    );
    const where = problems.map((problem) => `${problem.file}: ${problem.location}`);
    expect(where).toEqual(
      expect.arrayContaining([
        'config/dev.json: sms.senderId',
        'config/dev.json: logRetentionDays',
        'config/dev.json: programmes[1].catalog',
        'config/dev.json: quietHours',
      ]),
    );
    // One source of truth: the catalog's alert policy, which the SMS planner reads.
    expect(problems.find((problem) => problem.location === 'quietHours')?.message).toContain(
      'programme.alerts.quietHours',
    );
    expect(problems.some((problem) => problem.message.includes('surprise'))).toBe(true);
  });

  it('is not JSON: says so, with the file', () => {
    expect(problemsOf(() => parseDeploymentConfig('{', 'config/dev.json'))[0]).toMatchObject({
      file: 'config/dev.json',
      message: expect.stringContaining('not valid JSON'),
    });
  });

  it('quiet-hour windows may wrap midnight', () => {
    expect(isInsideWindow('23:00', '21:00', '07:00')).toBe(true);
    expect(isInsideWindow('06:59', '21:00', '07:00')).toBe(true);
    expect(isInsideWindow('07:00', '21:00', '07:00')).toBe(false);
    expect(isInsideWindow('12:30', '12:00', '13:00')).toBe(true);
    expect(isInsideWindow('13:00', '12:00', '13:00')).toBe(false);
  });
});

describe('deployment inputs', () => {
  function scratchRepo(config: string, sources?: string): string {
    const root = mkdtempSync(join(tmpdir(), 'dtwatch-config-'));
    mkdirSync(join(root, 'config'));
    cpSync(join(REPO_ROOT, 'catalog'), join(root, 'catalog'), { recursive: true });
    writeFileSync(join(root, 'config', 'dev.json'), config);
    if (sources) writeFileSync(join(root, 'config', 'sources.json'), sources);
    return root;
  }

  it('collects the programmes with their files', () => {
    const inputs = loadDeploymentInputs('dev');
    expect(inputs.programmes.map((programme) => programme.id)).toEqual(['ha-tinh-nq05', 'nghe-an']);
    expect(inputs.programmes.map((programme) => programme.catalogPath)).toEqual([
      'catalog/ha-tinh-nq05.json',
      'catalog/nghe-an.json',
    ]);
  });

  it('refuses a missing catalog, naming the config field', () => {
    const root = scratchRepo(withChange((config) => (config.programmes[0].catalog = 'catalog/missing.json')));
    expect(problemsOf(() => loadDeploymentInputs('dev', { root }))).toContainEqual({
      file: 'config/dev.json',
      location: 'programmes[0].catalog',
      message: 'no such file "catalog/missing.json"',
    });
  });

  it('refuses a programme id that is not the catalog’s', () => {
    const root = scratchRepo(withChange((config) => (config.programmes[0].id = 'ha-tinh')));
    expect(problemsOf(() => loadDeploymentInputs('dev', { root }))[0]).toMatchObject({
      location: 'programmes[0].id',
      message: expect.stringContaining('ha-tinh-nq05'),
    });
  });

  it('refuses an s3-csv source outside the deployment’s inbox bucket', () => {
    const root = scratchRepo(
      withChange((config) => (config.programmes[0].sources = 'config/sources.json')),
      JSON.stringify({
        programme: 'ha-tinh-nq05',
        sources: [{ id: 'drop', kind: 's3-csv', bucket: 'someone-elses-bucket', prefix: 'x/' }],
      }),
    );
    expect(problemsOf(() => loadDeploymentInputs('dev', { root }))).toContainEqual({
      file: 'config/sources.json',
      location: 'sources[0].bucket',
      message: expect.stringContaining('dtwatch-dev-inbox-replace-me'),
    });
  });

  it('refuses a monitoring time inside a catalog’s quiet hours, naming the catalog', () => {
    const root = scratchRepo(withChange((config) => (config.schedules.monitoring.time = '22:15')));
    expect(problemsOf(() => loadDeploymentInputs('dev', { root }))).toContainEqual({
      file: 'config/dev.json',
      location: 'schedules.monitoring.time',
      message: expect.stringMatching(/ha-tinh-nq05's quiet hours 21:00–07:00 \(catalog\/ha-tinh-nq05.json\)/),
    });
  });

  it('refuses a sources file with allowHosts: it is for local testing and never deployed', () => {
    const root = scratchRepo(
      withChange((config) => (config.programmes[0].sources = 'config/sources.json')),
      JSON.stringify({
        programme: 'ha-tinh-nq05',
        allowHosts: ['127.0.0.1'],
        sources: [{ id: 'portal', kind: 'http-json', url: 'http://127.0.0.1:9001/2018-06-01/runtime' }],
      }),
    );
    expect(problemsOf(() => loadDeploymentInputs('dev', { root }))).toContainEqual({
      file: 'config/sources.json',
      location: 'allowHosts',
      message: expect.stringContaining('local testing only'),
    });
  });

  it('a broken config stops `cdk synth` with one clear message per problem', () => {
    const run = spawnSync('npx', ['tsx', 'infra/app.ts'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      env: {
        ...process.env,
        CDK_CONTEXT_JSON: JSON.stringify({ stage: 'nope' }),
        CDK_OUTDIR: mkdtempSync(join(tmpdir(), 'dtwatch-cdk-nope-')),
      },
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('dtwatch: cannot build the nope deployment:');
    expect(run.stderr).toContain('config/nope.json: no such file');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses placeholders for prod and for any deploy, naming each one; dev synth may use the samples', () => {
    const synth = (stage: string, env: Record<string, string> = {}) =>
      spawnSync('npx', ['tsx', 'infra/app.ts'], {
        cwd: REPO_ROOT,
        encoding: 'utf8',
        env: {
          ...process.env,
          ...env,
          CDK_CONTEXT_JSON: JSON.stringify({ stage }),
          CDK_OUTDIR: mkdtempSync(join(tmpdir(), `dtwatch-cdk-${stage}-`)),
        },
      });
    const prod = synth('prod');
    expect(prod.status).toBe(1);
    expect(prod.stderr).toContain('placeholders must be replaced before a prod deployment');
    expect(prod.stderr).toContain(
      'config/prod.json: inbox.bucketName: "dtwatch-prod-inbox-replace-me" is a placeholder',
    );
    expect(prod.stderr).toContain('config/prod.json: alarmEmail: is an example.com placeholder address');
    expect(prod.stderr).toContain(
      'catalog/ha-tinh-nq05.json: units[0].head: is marked placeholder, has a placeholder name, has an example.com address',
    );
    expect(prod.stderr).not.toMatch(/\n\s+at /);
    const devDeploy = synth('dev', { DTWATCH_DEPLOY: '1' });
    expect(devDeploy.status).toBe(1);
    expect(devDeploy.stderr).toContain('placeholders must be replaced before a dev deployment');

    const dev = loadDeploymentInputs('dev');
    expect(refusesPlaceholders('dev', {})).toBe(false);
    expect(refusesPlaceholders('prod', {})).toBe(true);
    const clean = {
      ...dev,
      config: {
        ...dev.config,
        alarmEmail: 'ops@dtwatch.invalid',
        inbox: { ...dev.config.inbox, bucketName: 'dtwatch-dev-inbox-ht' },
      },
      programmes: dev.programmes.map((programme) => ({
        ...programme,
        catalog: {
          ...programme.catalog,
          programme: { ...programme.catalog.programme, steeringCommittee: [] },
          units: programme.catalog.units.map(({ head: _h, dataContact: _d, ...unit }) => unit),
        },
      })),
    };
    expect(placeholderProblems(clean)).toEqual([]);
  });
});
