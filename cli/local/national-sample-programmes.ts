import { readFile } from 'node:fs/promises';
import { parseCatalog } from '../../shared/catalog/parse-catalog.ts';
import { buildProgramme, type Programme } from '../../shared/catalog/programme.ts';
import { UsageError } from '../../shared/errors.ts';
import {
  NATIONAL_ADMIN_UNITS_FILE,
  NATIONAL_SAMPLE_PREFIX,
  nationalSampleCatalogs,
  parseNationalAdminUnits,
} from '../../shared/sample/national-sample.ts';

/** `--provinces 42,40` as a list of codes; absent: every province. */
export function provincesOption(text: string | undefined): string[] | undefined {
  return text
    ?.split(',')
    .map((code) => code.trim())
    .filter((code) => code !== '');
}

/**
 * The 34 provincial SAMPLE programmes of `--national-sample` (shared/sample/national-sample.ts),
 * or only those of the province codes given; an unknown code is a usage error naming the known ones.
 */
export async function nationalSampleProgrammes(provinces?: readonly string[]): Promise<Programme[]> {
  const admin = parseNationalAdminUnits(
    await readFile(NATIONAL_ADMIN_UNITS_FILE, 'utf8'),
    NATIONAL_ADMIN_UNITS_FILE,
  );
  const known = admin.provinces.map((province) => province.code);
  const unknown = (provinces ?? []).filter((code) => !known.includes(code));
  if (unknown.length > 0) {
    throw new UsageError(`--provinces: no province ${unknown.join(', ')} (known: ${known.join(', ')})`);
  }
  const wanted = new Set(provinces ?? known);
  return nationalSampleCatalogs(admin)
    .map((json) => buildProgramme(parseCatalog(JSON.stringify(json), 'national-sample')))
    .filter((programme) => wanted.has(programme.id.slice(NATIONAL_SAMPLE_PREFIX.length)));
}
