import { main } from './main.ts';

/**
 * `npm start`: until the local monitoring cycle lands, evaluates the Hà Tĩnh programme against
 * the sample snapshot file shipped in samples/ (sample data, not official figures).
 */
process.stderr.write(
  'dtwatch: Hà Tĩnh Resolution 05-NQ/TU against samples/ha-tinh-nq05.snapshots.csv (SAMPLE DATA)\n',
);
process.exitCode = await main([
  'evaluate',
  '--catalog',
  'catalog/ha-tinh-nq05.json',
  '--snapshots',
  'samples/ha-tinh-nq05.snapshots.csv',
  '--format',
  'table',
  ...process.argv.slice(2),
]);
