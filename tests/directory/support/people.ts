import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Catalog } from '../../../shared/catalog/catalog-schema.ts';
import { testCatalog } from '../../alerts/support/fixture.ts';

/** People of the directory tests: clearly fake, and none of them in the test catalog. */
export const PEOPLE = {
  headA: { name: 'Trưởng Sở A (thư mục)', email: 'dir-head-a@example.com', phone: '+84900007001' },
  headA2: { name: 'Trưởng Sở A mới', email: 'dir-head-a2@example.com', phone: '+84900007009' },
  headB: { name: 'Trưởng Sở B (thư mục)', email: 'dir-head-b@example.com', phone: '+84900007002' },
  provinceHead: { name: 'Chủ tịch (thư mục)', email: 'dir-chu-tich@example.com', phone: '+84900007003' },
  committee: { name: 'Ban Chỉ đạo (thư mục)', email: 'dir-bcd@example.com' },
} as const;

/** `dtwatch directory set` arguments that hand so-a's head seat to headA2 on 2025-03-05. */
export const HAND_OVER_SO_A = [
  'directory',
  'set',
  '--role',
  'head',
  '--unit',
  'so-a',
  '--name',
  PEOPLE.headA2.name,
  '--email',
  PEOPLE.headA2.email,
  '--phone',
  PEOPLE.headA2.phone,
  '--as-of',
  '2025-03-05',
];

/** The alerts' test catalog with every contact taken out: the directory must name the people. */
export function catalogWithoutContacts(): Catalog {
  const catalog = testCatalog();
  return {
    ...catalog,
    programme: { ...catalog.programme, steeringCommittee: [] },
    units: catalog.units.map(({ head: _head, dataContact: _dataContact, ...unit }) => unit),
  };
}

/** The owner of the indicator `ho-so` across units (an e-mail only). */
export const OWNER = { name: 'Chuyên viên chỉ tiêu', email: 'owner-a@example.com' };

export const DIRECTORY_CSV = [
  'unit,role,name,email,phone,indicator,validFrom,validTo',
  `tinh,head,${PEOPLE.provinceHead.name},${PEOPLE.provinceHead.email},${PEOPLE.provinceHead.phone},,2025-01-01,`,
  `so-a,head,${PEOPLE.headA.name},${PEOPLE.headA.email},${PEOPLE.headA.phone},,2025-01-01,`,
  `so-b,head,${PEOPLE.headB.name},${PEOPLE.headB.email},${PEOPLE.headB.phone},,2025-01-01,`,
  `,committee,${PEOPLE.committee.name},${PEOPLE.committee.email},,,2025-01-01,`,
  `so-a,owner,${OWNER.name},${OWNER.email},,ho-so,2025-01-01,`,
].join('\n');

/** The recipients (the `To:` lines) of the outbox files of one run. */
export async function outboxRecipients(dataDir: string, runKey: string): Promise<string[]> {
  const folder = join(dataDir, 'outbox');
  const files = (await readdir(folder)).filter((file) => file.includes(`--${runKey}--`));
  const recipients = await Promise.all(
    files.map(async (file) => /^To: (.*)$/m.exec(await readFile(join(folder, file), 'utf8'))?.[1] ?? ''),
  );
  return recipients.sort();
}
