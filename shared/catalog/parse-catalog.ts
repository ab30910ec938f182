import { DEFAULT_PROGRESS_THRESHOLDS } from '../domain/progress-class.ts';
import { InvalidInputError, type Problem } from '../errors.ts';
import { decodeUtf8 } from '../input-text.ts';
import { zodProblems } from '../zod-problems.ts';
import { crossReferenceProblems } from './catalog-rules.ts';
import { type Catalog, catalogSchema } from './catalog-schema.ts';
import { describeJsonSyntaxError } from './json-location.ts';

export const MAX_CATALOG_BYTES = 20 * 1024 * 1024;

/**
 * Parses and checks a catalog. Throws InvalidInputError listing every problem found (schema and
 * cross-reference alike), each naming the file and the JSON path.
 */
export function parseCatalog(input: string | Uint8Array, file: string): Catalog {
  const text = typeof input === 'string' ? input : decodeUtf8(input, file, MAX_CATALOG_BYTES);
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new InvalidInputError([{ file, message: describeJsonSyntaxError(error, text) }], { cause: error });
  }
  const parsed = catalogSchema.safeParse(raw);
  const problems: Problem[] = parsed.success ? [] : zodProblems(parsed.error, raw, file);
  const checkable = parsed.success ? parsed.data : salvage(raw);
  for (const problem of crossReferenceProblems(checkable)) problems.push({ ...problem, file });
  if (problems.length > 0 || !parsed.success) throw new InvalidInputError(dedupe(problems));
  return parsed.data;
}

function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = `${problem.location}|${problem.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The parts of an invalid catalog that cross-reference rules can still read, so one run reports
 * a bad phone number and a missing parent together.
 */
function salvage(raw: unknown): Catalog {
  const root = record(raw);
  const list = (value: unknown) => (Array.isArray(value) ? value.map(record) : []);
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  const num = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);
  const points = (value: unknown) =>
    list(value).flatMap((point) => {
      const date = text(point.date);
      const pointValue = num(point.value);
      return date !== undefined && pointValue !== undefined ? [{ date, value: pointValue }] : [];
    });
  const baseline = (value: unknown) => {
    const fields = record(value);
    const date = text(fields.date);
    return date === undefined ? undefined : { date, value: num(fields.value) };
  };
  return {
    programme: {
      id: '',
      name: '',
      timezone: 'UTC',
      steeringCommittee: [],
      operators: [],
      alerts: {} as Catalog['programme']['alerts'],
      progressThresholds: DEFAULT_PROGRESS_THRESHOLDS,
    },
    indicators: list(root.indicators).map((indicator) => ({
      id: text(indicator.id) ?? '',
      name: '',
      direction: 'increase',
      min: num(indicator.min),
      max: num(indicator.max),
      targets: list(indicator.targets).map((target) => ({
        level: text(target.level) ?? '',
        min: num(target.min),
        max: num(target.max),
        milestones: points(target.milestones),
        baseline: baseline(target.baseline),
      })),
    })),
    units: list(root.units).map((unit) => ({
      id: text(unit.id) ?? '',
      name: '',
      level: text(unit.level) ?? '',
      parent: text(unit.parent),
      validFrom: text(unit.validFrom),
      validTo: text(unit.validTo),
    })),
    overrides: list(root.overrides).map((override) => ({
      unit: text(override.unit) ?? '',
      indicator: text(override.indicator) ?? '',
      min: num(override.min),
      max: num(override.max),
      milestones: Array.isArray(override.milestones) ? points(override.milestones) : undefined,
      baseline: baseline(override.baseline),
    })),
  };
}

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}
