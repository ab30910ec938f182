import { createMemoryStore } from '../../../shared/adapters/memory/memory-store.ts';
import { describeStoreContract } from './store-contract.ts';

describeStoreContract('the in-memory twins', () => {
  const store = createMemoryStore();
  return {
    store,
    revisions: async (programme, unit, indicator, date) =>
      store.parts.observations
        .revisions(programme, unit, indicator, date)
        .map(({ value, receivedAt }) => ({ value, receivedAt })),
  };
});
