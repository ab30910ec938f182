import type { Command } from '../command.ts';
import { catalogCheckCommand } from './catalog-check.ts';
import { evaluateCommand } from './evaluate.ts';

/** Every `dtwatch` command, in the order `dtwatch --help` lists them. */
export const COMMANDS: readonly Command[] = [evaluateCommand, catalogCheckCommand];
