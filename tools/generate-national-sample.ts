import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseCatalog } from '../shared/catalog/parse-catalog.ts';
import { parseDeploymentConfig } from '../shared/config/deployment-config.ts';
import {
  NATIONAL_ADMIN_UNITS_FILE,
  nationalSampleCatalogs,
  nationalSampleConfig,
  parseNationalAdminUnits,
} from '../shared/sample/national-sample.ts';

/**
 * Writes the national SAMPLE deployment: one template catalog per province under
 * catalog/national-sample/ and config/national-sample.json naming all 34 (both git-ignored: they
 * are generated, about 1 MB):
 *   npx tsx tools/generate-national-sample.ts [--root <dir>]
 * then e.g. `npm run synth -- -c stage=national-sample`.
 * Every catalog is checked as `dtwatch catalog check` would before anything is written.
 */
const rootFlag = process.argv.indexOf('--root');
const root = rootFlag === -1 ? '.' : (process.argv[rootFlag + 1] ?? '.');
try {
  const admin = parseNationalAdminUnits(
    readFileSync(NATIONAL_ADMIN_UNITS_FILE, 'utf8'),
    NATIONAL_ADMIN_UNITS_FILE,
  );
  const files = nationalSampleCatalogs(admin).map((catalog) => {
    const id = (catalog.programme as { id: string }).id;
    const path = `catalog/national-sample/${id}.json`;
    const text = `${JSON.stringify(catalog)}\n`;
    parseCatalog(text, path);
    return { id, path, text };
  });
  const configPath = 'config/national-sample.json';
  const configText = `${JSON.stringify(nationalSampleConfig(files), null, 2)}\n`;
  parseDeploymentConfig(configText, configPath);
  for (const { path, text } of [...files, { path: configPath, text: configText }]) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  const bytes = files.reduce((sum, file) => sum + file.text.length, 0);
  console.log(
    `wrote ${configPath} and ${files.length} catalogs (${Math.round(bytes / 1024)} KiB) under ${root}`,
  );
} catch (error) {
  console.error(`generate-national-sample: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
