import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliInProcess as cli } from '../support/in-process-cli.ts';
import { catalogWithoutContacts, DIRECTORY_CSV, HAND_OVER_SO_A, PEOPLE } from './support/people.ts';

let dir: string;
let catalogFile: string;
const inDir = (...args: string[]) => [...args, '--catalog', catalogFile, '--data-dir', dir];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dtwatch-directory-'));
  catalogFile = join(dir, 'catalog.json');
  await writeFile(catalogFile, JSON.stringify(catalogWithoutContacts()), 'utf8');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function list(asOf: string) {
  const run = await cli(inDir('directory', 'list', '--format', 'json', '--as-of', asOf));
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout) as Record<string, string>[];
}

describe('dtwatch directory', () => {
  it('refuses a file with bad rows, naming file, line and field, and imports none of it', async () => {
    const bad = join(dir, 'bad.csv');
    await writeFile(
      bad,
      [
        'unit,role,name,email,phone',
        `so-a,head,Good Row,good@example.com,+84900007100`,
        'so-b,boss,X,x@example.com,',
        'nowhere,head,Y,y@example.com,',
        'so-b,head,Z,not-an-address,0912',
        ',head,W,w@example.com,',
        'so-a,owner,V,v@example.com,',
      ].join('\n'),
    );
    const run = await cli(inDir('directory', 'import', bad));
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`${bad}: line 3, role: must be one of head, deputy`);
    expect(run.stderr).toContain(`${bad}: line 4, unit: "nowhere" is not a unit of thu-nghiem`);
    expect(run.stderr).toContain(`${bad}: line 5, email: must be a valid e-mail address`);
    expect(run.stderr).toContain(`${bad}: line 5, phone: must be an E.164 phone number`);
    expect(run.stderr).toContain(`${bad}: line 6, unit: is required for the role head`);
    expect(run.stderr).toContain(`${bad}: line 7, indicator: is required for an owner`);
    expect(run.stderr).not.toContain('at ');
    expect(await list('2025-03-01')).toEqual([]);

    const header = join(dir, 'header.csv');
    await writeFile(header, 'unit,role,name\nso-a,head,X\n');
    const missing = await cli(inDir('directory', 'import', header));
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('line 1: header must name the columns unit,role,name,email,phone');
  });

  it('imports CSV and JSON; lists the people in force as JSON with unit, role, name, email, phone', async () => {
    const csv = join(dir, 'people.csv');
    await writeFile(csv, DIRECTORY_CSV);
    const run = await cli(inDir('directory', 'import', csv, '--as-of', '2025-02-01'));
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('5 people for thu-nghiem: 5 tenure(s) written, 0 unchanged');
    const again = await cli(inDir('directory', 'import', csv, '--as-of', '2025-02-01'));
    expect(again.stdout).toContain('0 tenure(s) written, 5 unchanged');

    const json = join(dir, 'people.json');
    await writeFile(
      json,
      JSON.stringify({
        people: [{ unit: '', role: 'operator', name: 'Vận hành', email: 'ops@example.com', phone: '' }],
      }),
    );
    expect((await cli(inDir('directory', 'import', json, '--as-of', '2025-02-01'))).status).toBe(0);

    const people = await list('2025-03-01');
    expect(people).toHaveLength(6);
    expect(people.find((person) => person.role === 'head' && person.unit === 'so-a')).toMatchObject({
      unit: 'so-a',
      role: 'head',
      name: PEOPLE.headA.name,
      email: PEOPLE.headA.email,
      phone: PEOPLE.headA.phone,
    });
    expect(people.find((person) => person.role === 'committee')).toMatchObject({ unit: '', phone: '' });
    expect(people.find((person) => person.role === 'owner')).toMatchObject({ indicator: 'ho-so' });
    // Before the tenures began, nobody.
    expect(await list('2024-12-31')).toEqual([]);
  });

  it('set hands a seat over (history keeps both); remove ends a tenure; status counts the unreachable', async () => {
    const set = await cli(inDir(...HAND_OVER_SO_A));
    expect(set.status).toBe(0);
    const heads = (date: string) =>
      list(date).then((people) => people.filter((p) => p.role === 'head' && p.unit === 'so-a'));
    expect((await heads('2025-03-04')).map((p) => p.name)).toEqual([PEOPLE.headA.name]);
    expect((await heads('2025-03-05')).map((p) => p.name)).toEqual([PEOPLE.headA2.name]);

    const history = await cli(
      inDir('directory', 'history', '--unit', 'so-a', '--role', 'head', '--format', 'json'),
    );
    expect(JSON.parse(history.stdout)).toMatchObject([
      { name: PEOPLE.headA.name, validFrom: '2025-01-01', validTo: '2025-03-04' },
      { name: PEOPLE.headA2.name, validFrom: '2025-03-05', validTo: '' },
    ]);

    const bad = await cli(
      inDir('directory', 'set', '--role', 'head', '--unit', 'so-a', '--name', 'X', '--phone', '12'),
    );
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('command line: options, phone: must be an E.164 phone number');

    const removed = await cli(
      inDir('directory', 'remove', '--role', 'head', '--unit', 'so-b', '--as-of', '2025-03-06'),
    );
    expect(removed.status).toBe(0);
    const twice = await cli(
      inDir('directory', 'remove', '--role', 'head', '--unit', 'so-b', '--as-of', '2025-03-06'),
    );
    expect(twice.status).toBe(1);
    expect((await list('2025-03-06')).some((p) => p.unit === 'so-b')).toBe(false);

    const status = await cli(inDir('directory', 'status', '--format', 'json', '--as-of', '2025-03-06'));
    expect(JSON.parse(status.stdout)).toMatchObject({ people: 5, email: { unsynced: 5 }, unreachable: [] });
    expect(status.stdout).not.toContain('@');
  });
});
