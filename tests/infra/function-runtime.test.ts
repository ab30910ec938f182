import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deployedProgrammes, programmeFiles } from '../../functions/runtime/programme-files.ts';
import { dailyRunKey, parseEvent, scheduledRunEvent } from '../../functions/runtime/scheduled-event.ts';
import { ingestEnv, parseRuntimeEnv } from '../../shared/config/runtime-env.ts';
import { ConfigError, InvalidInputError } from '../../shared/errors.ts';
import { serve, startSourceServer } from '../sources/source-server.ts';
import { runCli, runCliAsync } from '../support/run-cli.ts';

const NOW = new Date('2026-11-30T12:00:00Z');

describe('scheduled events', () => {
  it('derive the run key from the scheduled time, in the programme’s zone', () => {
    const event = parseEvent(
      scheduledRunEvent,
      { programme: 'p', scheduledTime: '2026-11-22T18:30:00Z' },
      'e',
    );
    expect(dailyRunKey(event, 'Asia/Ho_Chi_Minh', NOW)).toBe('2026-11-23');
    // A retry hours later is the same run.
    expect(dailyRunKey(event, 'Asia/Ho_Chi_Minh', new Date('2026-11-23T09:00:00Z'))).toBe('2026-11-23');
  });

  it('take an explicit run key for replays, and today without a scheduled time', () => {
    expect(dailyRunKey({ programme: 'p', runKey: 'replay-1' }, 'Asia/Ho_Chi_Minh', NOW)).toBe('replay-1');
    expect(dailyRunKey({ programme: 'p' }, 'Asia/Ho_Chi_Minh', NOW)).toBe('2026-11-30');
  });

  it('reject a malformed event, naming the field', () => {
    try {
      parseEvent(scheduledRunEvent, { programme: 'p', scheduledTime: 'tomorrow' }, 'ingest event');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidInputError);
      expect((error as InvalidInputError).problems[0]).toMatchObject({
        file: 'ingest event',
        location: 'scheduledTime',
      });
    }
  });
});

describe('runtime environment', () => {
  it('names every missing variable', () => {
    expect(() => parseRuntimeEnv(ingestEnv, {})).toThrow(ConfigError);
    expect(() => parseRuntimeEnv(ingestEnv, {})).toThrow(/DTWATCH_TABLE is not set/);
    expect(() => deployedProgrammes({}, {})).toThrow(/DTWATCH_CATALOG_BUCKET is not set/);
    expect(() => deployedProgrammes({}, { DTWATCH_CATALOG_BUCKET: 'dtwatch-dev-catalogs' })).toThrow(
      /DTWATCH_PROGRAMMES is not set/,
    );
  });

  it('names a malformed JSON variable', () => {
    expect(() => deployedProgrammes({}, { DTWATCH_CATALOGS: '{"p": 3}' })).toThrow(
      /DTWATCH_CATALOGS must be a JSON object/,
    );
    expect(() =>
      deployedProgrammes({}, { DTWATCH_CATALOG_BUCKET: 'b', DTWATCH_PROGRAMMES: '["a b"]' }),
    ).toThrow(/DTWATCH_PROGRAMMES/);
  });

  it('parses the sources map, and serves the programmes it is given', async () => {
    const env = parseRuntimeEnv(ingestEnv, { DTWATCH_TABLE: 't' });
    expect(env).toEqual({ DTWATCH_TABLE: 't', DTWATCH_SOURCES: {} });
    const published = deployedProgrammes({}, { DTWATCH_CATALOG_BUCKET: 'b', DTWATCH_PROGRAMMES: '["p"]' });
    expect(published.programmeIds).toEqual(['p']);
    await expect(published.programme('q')).rejects.toThrow(/"q" is not deployed here/);
    const files = deployedProgrammes(
      {},
      { DTWATCH_CATALOGS: '{"ha-tinh-nq05": "catalog/ha-tinh-nq05.json"}' },
    );
    expect((await files.programme('ha-tinh-nq05')).catalogVersion).toMatch(/^[0-9a-f]{12}$/);
  });
});

describe('dtwatch invoke', () => {
  it('lists the functions in its help', () => {
    const run = runCli(['invoke', '--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('ingest, evaluate-notify, digest, s3-inbox');
  });

  it('refuses an unknown function and a missing environment as usage errors', () => {
    expect(runCli(['invoke', 'nope']).status).toBe(2);
    const unconfigured = runCli(['invoke', 'ingest'], { DTWATCH_TABLE: '', DTWATCH_CATALOGS: '' });
    expect(unconfigured.status).toBe(2);
    expect(unconfigured.stderr).toContain('DTWATCH_TABLE');
  });

  it('treats an unreadable event as usage (2) and an event the handler rejects as invalid input (1)', () => {
    const run = runCli(['invoke', 'ingest', '--event', '-'], {
      DTWATCH_TABLE: 'unused',
      DTWATCH_CATALOGS: '{"ha-tinh-nq05": "catalog/ha-tinh-nq05.json"}',
    });
    // no event on stdin: "-" reads an empty stdin, which is not JSON
    expect(run.status).toBe(2);
    const rejected = runCli(['invoke', 'ingest'], {
      DTWATCH_TABLE: 'unused',
      DTWATCH_CATALOGS: '{"ha-tinh-nq05": "catalog/ha-tinh-nq05.json"}',
    });
    expect(rejected.status).toBe(1);
    expect(rejected.stderr).toContain('programme');
  });
});

describe('allowHosts in a deployed function', () => {
  const CATALOGS = { 'ha-tinh-nq05': 'catalog/ha-tinh-nq05.json' };
  const LAMBDA = { AWS_LAMBDA_FUNCTION_NAME: 'dtwatch-dev-ingest', AWS_LAMBDA_RUNTIME_API: '127.0.0.1:9001' };

  function sourcesFile(folder: string, origin: string): string {
    const path = join(folder, 'sources.json');
    writeFileSync(
      path,
      JSON.stringify({
        programme: 'ha-tinh-nq05',
        allowHosts: ['127.0.0.1'],
        sources: [
          { id: 'runtime-api', kind: 'http-json', url: `${origin}/2018-06-01/runtime/invocation/next` },
        ],
      }),
    );
    return path;
  }

  it('is refused when the sources file is loaded in the Lambda runtime, honoured elsewhere', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'dtwatch-allow-'));
    try {
      const path = sourcesFile(folder, 'http://127.0.0.1:9001');
      const deployed = programmeFiles(CATALOGS, { 'ha-tinh-nq05': path }, LAMBDA);
      const refusal = await deployed.sources('ha-tinh-nq05').catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(InvalidInputError);
      expect((refusal as InvalidInputError).problems).toEqual([
        { file: path, location: 'allowHosts', message: expect.stringContaining('local testing only') },
      ]);
      const local = programmeFiles(CATALOGS, { 'ha-tinh-nq05': path }, {});
      expect((await local.sources('ha-tinh-nq05'))?.allowHosts).toEqual(['127.0.0.1']);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('the ingest handler in the Lambda runtime never opens loopback (exit 1, nothing fetched)', async () => {
    const server = await startSourceServer();
    const folder = mkdtempSync(join(tmpdir(), 'dtwatch-allow-'));
    try {
      server.route('/2018-06-01/runtime/invocation/next', serve('{"snapshots": []}'));
      const path = sourcesFile(folder, server.origin);
      const event = join(folder, 'event.json');
      writeFileSync(event, '{"programme": "ha-tinh-nq05"}');
      const run = await runCliAsync(['invoke', 'ingest', '--event', event], {
        ...LAMBDA,
        AWS_LAMBDA_RUNTIME_API: `127.0.0.1:${server.port}`,
        DTWATCH_TABLE: 'unused',
        DTWATCH_CATALOGS: JSON.stringify(CATALOGS),
        DTWATCH_SOURCES: JSON.stringify({ 'ha-tinh-nq05': path }),
      });
      expect(run.stderr).toContain('allowHosts');
      expect(run.status).toBe(1);
      expect(server.hits('/2018-06-01/runtime/invocation/next')).toBe(0);
    } finally {
      await server.close();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
