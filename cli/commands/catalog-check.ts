import { reviewCatalog } from '../../shared/catalog/catalog-review.ts';
import { buildProgramme } from '../../shared/catalog/programme.ts';
import { UsageError } from '../../shared/errors.ts';
import { oneOf, optionalString, parseCommand } from '../args.ts';
import { type Command, writeOut } from '../command.ts';
import { loadCatalogFile } from '../files.ts';
import { renderColumns } from '../render/terminal.ts';

const HELP = `Usage: dtwatch catalog check <file> [--format text|json]

Validates a programme catalog against every rule of the catalog format and prints a summary:
series per level, and warnings (units that cannot be alerted, placeholder contacts, ...).

Exit codes: 0 valid (warnings allowed), 1 invalid (one problem per line on stderr), 2 usage error.`;

export const catalogCheckCommand: Command = {
  name: 'catalog check',
  help: HELP,
  async run(argv) {
    const parsed = parseCommand(argv, { format: { type: 'string' } }, true);
    if (parsed.help) {
      writeOut(HELP);
      return 0;
    }
    const [file, ...extra] = parsed.positionals;
    if (!file) throw new UsageError('name the catalog file: dtwatch catalog check <file>');
    if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
    const format = oneOf(optionalString(parsed, 'format'), ['text', 'json'], 'format') ?? 'text';
    const review = reviewCatalog(buildProgramme(await loadCatalogFile(file)));
    if (format === 'json') {
      writeOut(JSON.stringify({ file, valid: true, ...review }, null, 2));
      return 0;
    }
    const levels = Object.keys(review.unitsPerLevel);
    const table = renderColumns(
      ['level', 'units', 'series'],
      levels.map((level) => [
        level,
        String(review.unitsPerLevel[level]),
        String(review.seriesPerLevel[level] ?? 0),
      ]),
      new Set([1, 2]),
    );
    writeOut(
      [
        `${file}: valid — programme ${review.programme}: ${review.indicators} indicators, ${review.units} units, ${review.series} series`,
        '',
        table,
        ...(review.warnings.length > 0
          ? ['', 'Warnings:', ...review.warnings.map((warning) => `  - ${warning}`)]
          : []),
      ].join('\n'),
    );
    return 0;
  },
};
