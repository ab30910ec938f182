import { readFile } from 'node:fs/promises';

/**
 * The first steering-committee address of a sample directory file (`samples/<id>.people.csv`),
 * for the sign-in link `npm start` prints. Undefined when the file has none.
 */
export async function sampleCommitteeAddress(file: string): Promise<string | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  for (const line of text.split(/\r?\n/).slice(1)) {
    // The committee rows have no unit: `,committee,<name>,<email>,…` (names are quoted when they hold commas).
    const match = /^,committee,(?:"[^"]*"|[^,]*),([^,\s]+@[^,\s]+),/.exec(line);
    if (match?.[1]) return match[1];
  }
  return undefined;
}
