import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoDirectory } from '../../shared/adapters/dynamodb/dynamo-directory.ts';
import { createInMemoryDirectory } from '../../shared/adapters/in-memory-directory.ts';
import { handOver, peopleInForce, type Tenure } from '../../shared/domain/person.ts';
import type { Directory } from '../../shared/ports/directory.ts';
import { BACKENDS, type RunningBackend } from '../store/store-backends.ts';

interface Twin {
  readonly name: string;
  open(): Promise<{ directory: Directory; close(): Promise<void> }>;
}

const dynalite = BACKENDS.find((backend) => backend.name === 'dynalite');
const TWINS: Twin[] = [
  { name: 'in-memory', open: async () => ({ directory: createInMemoryDirectory(), close: async () => {} }) },
  {
    name: 'dynalite',
    async open() {
      const running: RunningBackend = await (dynalite as NonNullable<typeof dynalite>).start();
      return {
        directory: createDynamoDirectory({ client: running.documents, tableName: running.tableName }),
        close: () => running.stop(),
      };
    },
  },
];

const head = (name: string, phone: string) => ({
  role: 'head' as const,
  unit: '42',
  indicator: '',
  name,
  email: `${name.toLowerCase()}@example.com`,
  phone,
});

describe.each(TWINS)('Directory contract on $name', (twin) => {
  let directory: Directory;
  let close: () => Promise<void>;
  let programmes = 0;
  const fresh = () => `p${++programmes}`;

  beforeAll(async () => {
    ({ directory, close } = await twin.open());
  });
  afterAll(async () => close());

  it('lists what was put, per programme, and upserts on (seat, validFrom)', async () => {
    const programme = fresh();
    const [first] = handOver([], head('An', '+84900000001'), programme, '2026-01-01', '2026-01-01T00:00:00Z');
    await directory.putTenures(programme, [first as Tenure]);
    await directory.putTenures(fresh(), [first as Tenure]);
    expect(await directory.listTenures(programme)).toEqual([first]);
    const corrected = { ...(first as Tenure), phone: '+84900000009' };
    await directory.putTenures(programme, [corrected]);
    expect(await directory.listTenures(programme)).toEqual([corrected]);
  });

  it('keeps both tenures of a handover, and committee members with an empty unit', async () => {
    const programme = fresh();
    const opened = handOver([], head('An', '+84900000001'), programme, '2026-01-01', '2026-01-01T00:00:00Z');
    await directory.putTenures(programme, opened);
    const handover = handOver(
      await directory.listTenures(programme),
      head('Binh', '+84900000002'),
      programme,
      '2026-03-01',
      '2026-02-20T00:00:00Z',
    );
    const committee = handOver(
      [],
      { role: 'committee', unit: '', indicator: '', name: 'Ban Chỉ đạo', email: 'bcd@example.com' },
      programme,
      '2026-01-01',
      '2026-01-01T00:00:00Z',
    );
    await directory.putTenures(programme, [...handover, ...committee]);
    const all = await directory.listTenures(programme);
    expect(all).toHaveLength(3);
    expect(all.find((tenure) => tenure.name === 'An')?.validTo).toBe('2026-02-28');
    expect(all.find((tenure) => tenure.role === 'committee')).toMatchObject({ unit: '', indicator: '' });
    expect(peopleInForce(all, '2026-02-28').map((tenure) => tenure.name)).toEqual(['An', 'Ban Chỉ đạo']);
    expect(peopleInForce(all, '2026-03-01').map((tenure) => tenure.name)).toEqual(['Binh', 'Ban Chỉ đạo']);
  });

  it('keeps one e-mail state per address, the latest written', async () => {
    await directory.putEmailStates([
      { address: 'a@example.com', state: 'pending', updatedAt: '2026-01-01T00:00:00Z' },
      { address: 'b@example.com', state: 'confirmed', updatedAt: '2026-01-01T00:00:00Z' },
    ]);
    await directory.putEmailStates([
      { address: 'a@example.com', state: 'gone', updatedAt: '2026-01-02T00:00:00Z' },
    ]);
    const states = await directory.listEmailStates();
    expect(states.sort((x, y) => x.address.localeCompare(y.address))).toEqual([
      { address: 'a@example.com', state: 'gone', updatedAt: '2026-01-02T00:00:00Z' },
      { address: 'b@example.com', state: 'confirmed', updatedAt: '2026-01-01T00:00:00Z' },
    ]);
  });

  it('keeps one e-mail interest per address and programme, the latest written', async () => {
    await directory.putEmailInterests([
      { address: 'a@example.com', programme: 'p-x', wanted: true, updatedAt: '2026-01-01T00:00:00Z' },
      { address: 'a@example.com', programme: 'p-y', wanted: true, updatedAt: '2026-01-01T00:00:00Z' },
    ]);
    await directory.putEmailInterests([
      { address: 'a@example.com', programme: 'p-x', wanted: false, updatedAt: '2026-01-02T00:00:00Z' },
    ]);
    const interests = await directory.listEmailInterests();
    expect(interests.sort((x, y) => x.programme.localeCompare(y.programme))).toEqual([
      { address: 'a@example.com', programme: 'p-x', wanted: false, updatedAt: '2026-01-02T00:00:00Z' },
      { address: 'a@example.com', programme: 'p-y', wanted: true, updatedAt: '2026-01-01T00:00:00Z' },
    ]);
  });
});
