import { type PeopleHealth, peopleHealth } from '../directory/people-health.ts';
import { peopleInForce } from '../domain/person.ts';
import type { Directory } from '../ports/directory.ts';

/** How reachable a programme's people in force are on `date` (status, digest, alarm metric). */
export async function programmePeopleHealth(
  directory: Directory,
  programme: string,
  date: string,
): Promise<PeopleHealth> {
  const [tenures, states] = await Promise.all([
    directory.listTenures(programme),
    directory.listEmailStates(),
  ]);
  return peopleHealth(
    peopleInForce(tenures, date),
    new Map(states.map((entry) => [entry.address, entry.state])),
  );
}
