import { engineSection } from './engine.ts';
import type { BenchSection } from './section.ts';

/** Every section of `npm run bench`, in the order they run and print. */
export const SECTIONS: readonly BenchSection[] = [engineSection];
