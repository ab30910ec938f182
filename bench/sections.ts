import { costSection } from './cost.ts';
import { endToEndSection } from './end-to-end.ts';
import { engineSection } from './engine.ts';
import { packagesSection } from './packages.ts';
import { programmesSection } from './programmes.ts';
import { readPathSection } from './readpath.ts';
import type { BenchSection } from './section.ts';
import { storeSection } from './store.ts';
import { webSection } from './web.ts';

/** Every section of `npm run bench`, in the order they run and print. */
export const SECTIONS: readonly BenchSection[] = [
  engineSection,
  readPathSection,
  storeSection,
  packagesSection,
  endToEndSection,
  programmesSection,
  costSection,
  webSection,
];
