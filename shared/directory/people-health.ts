import { ACCOUNTABLE_ROLES, type EmailState, normaliseEmail, type Tenure } from '../domain/person.ts';

/** How well the directory's people can be reached: for `directory status`, the digest and the alarm. */
export interface PeopleHealth {
  readonly people: number;
  /** People whose e-mail address has each subscription state; `unsynced`: the sync never saw it. */
  readonly email: Readonly<Record<EmailState | 'unsynced', number>>;
  /** Accountable people (heads, data contacts, committee) with neither a phone nor a working e-mail. */
  readonly unreachable: readonly { readonly role: string; readonly unit: string; readonly name: string }[];
}

/**
 * An e-mail counts as working when confirmed, or when the subscription sync has not run (the
 * local outbox needs no subscription); pending and gone addresses receive nothing from SNS.
 */
export function peopleHealth(
  inForce: readonly Tenure[],
  states: ReadonlyMap<string, EmailState>,
): PeopleHealth {
  const email = { pending: 0, confirmed: 0, gone: 0, unsynced: 0 };
  const unreachable: { role: string; unit: string; name: string }[] = [];
  for (const tenure of inForce) {
    const state = tenure.email ? (states.get(normaliseEmail(tenure.email)) ?? 'unsynced') : undefined;
    if (state) email[state]++;
    const emailWorks = state === 'confirmed' || state === 'unsynced';
    if (ACCOUNTABLE_ROLES.has(tenure.role) && !tenure.phone && !emailWorks) {
      unreachable.push({ role: tenure.role, unit: tenure.unit, name: tenure.name });
    }
  }
  return { people: inForce.length, email, unreachable };
}
