import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../shared/errors.ts';
import { processedKeyOf } from '../../shared/sources/s3-csv-source.ts';
import { parseSourcesFile } from '../../shared/sources/source-config.ts';

const FILE = 'sources/ha-tinh.json';

function problemsOf(document: unknown): string[] {
  try {
    parseSourcesFile(typeof document === 'string' ? document : JSON.stringify(document), FILE);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    return (error as InvalidInputError).message.split('\n');
  }
  throw new Error('accepted');
}

const valid = {
  programme: 'ha-tinh-nq05',
  sources: [
    {
      id: 'portal',
      kind: 'http-json',
      url: 'https://dichvucong.hatinh.gov.vn/api/snapshots.json',
      auth: { header: 'Authorization', secret: { ssmParameter: '/dtwatch/portal-token' } },
      schedule: 'daily',
      timeoutMs: 20000,
      maxBytes: 1000000,
    },
    {
      id: 'stats',
      kind: 'http-csv',
      url: 'https://thongke.example.vn/ha-tinh.csv',
      auth: { header: 'X-Api-Key', secret: { secretsManager: 'dtwatch/stats' } },
    },
    {
      id: 'agency-drop',
      kind: 's3-csv',
      bucket: 'dtwatch-drop',
      prefix: 'incoming/',
      processedPrefix: 'done/',
    },
    { id: 'local', kind: 'http-csv', url: 'http://127.0.0.1:8080/a.csv' },
  ],
  allowHosts: ['127.0.0.1', 'localhost'],
};

describe('sources file', () => {
  it('accepts every source kind', () => {
    const parsed = parseSourcesFile(JSON.stringify(valid), FILE);
    expect(parsed.sources.map((source) => source.kind)).toEqual([
      'http-json',
      'http-csv',
      's3-csv',
      'http-csv',
    ]);
  });

  it('names the file and the JSON path of each problem', () => {
    const problems = problemsOf({
      programme: 'ha-tinh-nq05',
      sources: [
        { id: 'a', kind: 'http-json', url: 'not a url' },
        { id: 'b', kind: 'ftp', url: 'ftp://x' },
        { id: 'c', kind: 'http-csv', url: 'https://x.vn/a.csv', timeoutMs: -5 },
        { id: 'd', kind: 's3-csv', prefix: 'in/' },
      ],
    });
    expect(problems).toContain(
      `${FILE}: sources[0].url: must be an absolute http(s) URL without user:password (use "auth" for credentials)`,
    );
    expect(problems.some((line) => line.startsWith(`${FILE}: sources[1].kind: `))).toBe(true);
    expect(problems).toContain(`${FILE}: sources[2].timeoutMs: must be > 0`);
    expect(problems).toContain(`${FILE}: sources[3].bucket: is required`);
  });

  it('refuses a secret written inline', () => {
    const problems = problemsOf({
      programme: 'p',
      sources: [
        {
          id: 'a',
          kind: 'http-json',
          url: 'https://x.vn/',
          auth: { header: 'Authorization', secret: 'Bearer abc' },
        },
        {
          id: 'b',
          kind: 'http-json',
          url: 'https://x.vn/',
          auth: { header: 'Authorization', secret: { value: 'Bearer abc' } },
        },
        {
          id: 'c',
          kind: 'http-json',
          url: 'https://x.vn/',
          auth: { header: 'Authorization', secret: { ssmParameter: '/a', value: 'Bearer abc' } },
        },
        {
          id: 'd',
          kind: 'http-json',
          url: 'https://x.vn/',
          auth: { header: 'Authorization', value: 'Bearer abc' },
        },
      ],
    });
    expect(problems).toContain(`${FILE}: sources[2].auth.secret: Unrecognized key: "value"`);
    for (const index of [0, 1]) {
      expect(problems).toContain(
        `${FILE}: sources[${index}].auth.secret: must be {"ssmParameter": "/name"} or {"secretsManager": "name"}; never the secret itself`,
      );
    }
    expect(problems.some((line) => line.startsWith(`${FILE}: sources[3].auth`))).toBe(true);
    expect(problems.join('\n')).not.toMatch(/Bearer abc/);
  });

  it('refuses credentials in the URL', () => {
    const problems = problemsOf({
      programme: 'p',
      sources: [{ id: 'a', kind: 'http-json', url: 'https://user:pw@x.vn/' }],
    });
    expect(problems[0]).toContain('sources[0].url');
  });

  it('allows plain http only for allow-listed hosts', () => {
    const problems = problemsOf({
      programme: 'p',
      sources: [{ id: 'a', kind: 'http-json', url: 'http://data.example.vn/a.json' }],
      allowHosts: ['localhost'],
    });
    expect(problems).toEqual([
      `${FILE}: sources[0].url: plain http is only allowed for hosts listed in "allowHosts" (data.example.vn is not)`,
    ]);
  });

  it('refuses duplicate ids, and a processed prefix that would be listed again', () => {
    const problems = problemsOf({
      programme: 'p',
      sources: [
        { id: 'a', kind: 's3-csv', bucket: 'drop', prefix: 'in/', processedPrefix: 'in/done/' },
        { id: 'a', kind: 'http-json', url: 'https://x.vn/' },
      ],
    });
    expect(problems).toContain(`${FILE}: sources[1].id: duplicate source id "a" (also sources[0])`);
    expect(problems).toContain(
      `${FILE}: sources[0].processedPrefix: must not lie under "prefix", or processed objects would be listed again`,
    );
  });

  it('reports a JSON syntax error with its line', () => {
    expect(problemsOf('{\n  "programme": "p",\n  "sources": [,]\n}')[0]).toMatch(
      new RegExp(`^${FILE}: invalid JSON at line 3`),
    );
  });

  it('moves processed objects to processedPrefix, by default processed/<prefix>', () => {
    const source = { id: 's', kind: 's3-csv' as const, bucket: 'b', prefix: 'incoming/' };
    expect(processedKeyOf(source, 'incoming/2026-10/a.csv')).toBe('processed/incoming/2026-10/a.csv');
    expect(processedKeyOf({ ...source, processedPrefix: 'done/' }, 'incoming/a.csv')).toBe('done/a.csv');
  });
});
