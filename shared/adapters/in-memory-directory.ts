import type { EmailInterest, EmailSubscriptionState, Tenure } from '../domain/person.ts';
import type { Directory } from '../ports/directory.ts';

/** The Directory in a Map: the tests' and the pure tier's twin of the DynamoDB adapter. */
export function createInMemoryDirectory(): Directory {
  const tenures = new Map<string, Tenure>();
  const emails = new Map<string, EmailSubscriptionState>();
  const interests = new Map<string, EmailInterest>();
  const key = (tenure: Tenure) => `${tenure.programme}\u0000${tenure.seat}\u0000${tenure.validFrom}`;
  return {
    async listTenures(programme) {
      return [...tenures.values()].filter((tenure) => tenure.programme === programme);
    },
    async putTenures(programme, list) {
      for (const tenure of list) tenures.set(key({ ...tenure, programme }), { ...tenure, programme });
    },
    async listEmailStates() {
      return [...emails.values()];
    },
    async putEmailStates(states) {
      for (const state of states) emails.set(state.address, state);
    },
    async listEmailInterests() {
      return [...interests.values()];
    },
    async putEmailInterests(list) {
      for (const interest of list) interests.set(`${interest.address}\u0000${interest.programme}`, interest);
    },
  };
}
