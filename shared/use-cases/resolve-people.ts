import type { Programme } from '../catalog/programme.ts';
import { withDirectoryContacts } from '../directory/directory-contacts.ts';
import type { Directory } from '../ports/directory.ts';

/** The programme with the directory's people in force on `date` in the catalog's contact slots. */
export async function programmeWithPeople(
  programme: Programme,
  directory: Directory | undefined,
  date: string,
): Promise<Programme> {
  if (!directory) return programme;
  const [tenures, states] = await Promise.all([
    directory.listTenures(programme.id),
    directory.listEmailStates(),
  ]);
  return withDirectoryContacts(programme, tenures, date, new Map(states.map((s) => [s.address, s.state])));
}
