import type { Programme } from '../catalog/programme.ts';
import { rankCountOn } from '../catalog/rank-count.ts';
import { addDays, formatDayNumber, toDayNumber } from '../domain/calendar-date.ts';
import { groupBySeries, inheritBaseline } from '../domain/programme-evaluation.ts';
import { directionSign, type SeriesPlan, seriesKey } from '../domain/series-plan.ts';
import { Trajectory } from '../domain/trajectory.ts';
import type { Observation } from '../snapshots/observation-rows.ts';
import { NO_FACTS, SAMPLE_FACTS, type SampleFacts } from './known-facts.ts';
import { hashSeed, seededRandom } from './seeded-random.ts';

/**
 * SAMPLE DATA, not official figures: plausible monthly snapshots for every series of a catalog,
 * generated deterministically so that the local cycle, the simulation and the tests see the same
 * story on every run. Units follow personas so that every status shows up.
 */
export type Persona = 'leader' | 'steady' | 'slipping' | 'laggard' | 'stalled' | 'silent';

export interface SampleOptions {
  /** Last date to report (inclusive); usually today. */
  readonly through: string;
  readonly seed?: number;
  /** First reporting month (default 2021-11). */
  readonly from?: string;
  /** What the sources say (default: shared/sample/known-facts.ts for the programme's id). */
  readonly facts?: SampleFacts;
}

export interface SampleDataset {
  readonly observations: Observation[];
  /** Rows that are wrong on purpose, so the quarantine has something to show. */
  readonly badRows: { unit: string; indicator: string; date: string; value: string }[];
  readonly personas: ReadonlyMap<string, Persona>;
}

const PACE: Record<Persona, number> = {
  leader: 1.3,
  steady: 1.06,
  slipping: 0.96,
  laggard: 0.72,
  stalled: 0.9,
  silent: 1.02,
};
const PERSONA_ORDER: readonly Persona[] = ['laggard', 'stalled', 'silent', 'slipping', 'leader', 'steady'];
const DEFAULT_SEED = 20211022;
const SILENT_MONTHS = 4;

export function generateSampleData(programme: Programme, options: SampleOptions): SampleDataset {
  const seed = options.seed ?? DEFAULT_SEED;
  const facts = options.facts ?? SAMPLE_FACTS[programme.id] ?? NO_FACTS;
  const personas = assignPersonas(programme, seed);
  const generated = new Map<string, Observation[]>();
  // Predecessors first, so that a successor asking for their baseline finds their values.
  const ordered = [...programme.series].sort(
    (a, b) => Number(a.baselineFrom !== undefined) - Number(b.baselineFrom !== undefined),
  );
  for (const plan of ordered) {
    const unit = programme.units.get(plan.unit);
    if (!unit) continue;
    const key = `${plan.unit}/${plan.indicator}`;
    const persona = facts.personas[key] ?? personas.get(plan.unit) ?? 'steady';
    const first = maxDate(options.from ?? '2021-11-01', unit.validFrom ?? '0000-01-01');
    let last = minDate(options.through, unit.validTo ?? '9999-12-31');
    if (persona === 'silent') last = minDate(last, shiftedMonthEnd(options.through, -SILENT_MONTHS));
    const yearly = plan.staleAfterDays >= 300;
    // A yearly figure describes its year end and is known only once published.
    const lag = programme.indicators.get(plan.indicator)?.publicationLagDays ?? 0;
    const dates = yearly
      ? yearEnds(first, last).filter((date) => addDays(date, lag) <= options.through)
      : monthEnds(first, last);
    const start =
      plan.baselineFrom === 'predecessors' ? inheritedStart(programme, plan, generated) : undefined;
    const values = seriesValues(
      plan,
      persona,
      first,
      dates,
      hashSeed(seed, plan.unit, plan.indicator),
      start,
    );
    generated.set(
      seriesKey(plan.unit, plan.indicator),
      tellFacts(programme, plan, values, facts, options.through),
    );
  }
  const observations = programme.series.flatMap(
    (plan) => generated.get(seriesKey(plan.unit, plan.indicator)) ?? [],
  );
  return { observations, badRows: badRows(programme, options.through), personas };
}

/** The successor's starting value from its predecessors' generated reports, as the engine takes it. */
function inheritedStart(
  programme: Programme,
  plan: SeriesPlan,
  generated: ReadonlyMap<string, Observation[]>,
): number | undefined {
  const unit = programme.units.get(plan.unit);
  if (!unit?.validFrom) return undefined;
  const predecessors = (unit.mergedFrom ?? []).flatMap(
    (id) => generated.get(seriesKey(id, plan.indicator)) ?? [],
  );
  return inheritBaseline(programme, plan, groupBySeries(predecessors), toDayNumber(unit.validFrom)).baseline
    ?.value;
}

/**
 * Makes a generated series agree with what the sources say: reported values replace generated
 * ones (and are added when published by `through`), series said to be at or above their target
 * are lifted to it, and ranks stay within the number ranked on their date.
 */
function tellFacts(
  programme: Programme,
  plan: SeriesPlan,
  values: Observation[],
  facts: SampleFacts,
  through: string,
): Observation[] {
  const indicator = programme.indicators.get(plan.indicator);
  const unit = programme.units.get(plan.unit);
  const lag = indicator?.publicationLagDays ?? 0;
  const byDate = new Map(values.map((observation) => [observation.date, observation]));
  for (const fact of facts.values) {
    if (fact.unit !== plan.unit || fact.indicator !== plan.indicator) continue;
    const valid =
      (!unit?.validFrom || unit.validFrom <= fact.date) && (!unit?.validTo || fact.date <= unit.validTo);
    if (valid && addDays(fact.date, lag) <= through) {
      byDate.set(fact.date, {
        unit: plan.unit,
        indicator: plan.indicator,
        date: fact.date,
        value: fact.value,
      });
    }
  }
  const atTargetFrom = facts.atTargetFrom[`${plan.unit}/${plan.indicator}`];
  const final = plan.milestones[plan.milestones.length - 1]?.value;
  const sign = directionSign(plan.direction);
  return [...byDate.values()]
    .sort((a, b) => (a.date < b.date ? -1 : 1))
    .map((observation) => {
      let value = observation.value;
      if (
        atTargetFrom &&
        final !== undefined &&
        observation.date >= atTargetFrom &&
        sign * (value - final) < 0
      ) {
        value = final;
      }
      const count = rankCountOn(indicator?.rank, observation.date);
      if (count !== undefined) value = Math.min(value, count);
      return value === observation.value ? observation : { ...observation, value };
    });
}

function assignPersonas(programme: Programme, seed: number): Map<string, Persona> {
  const personas = new Map<string, Persona>();
  const byLevel = new Map<string, string[]>();
  for (const unit of programme.catalog.units) {
    const list = byLevel.get(unit.level) ?? [];
    list.push(unit.id);
    byLevel.set(unit.level, list);
  }
  for (const ids of byLevel.values()) {
    const shuffled = [...ids].sort((a, b) => hashSeed(seed, a) - hashSeed(seed, b));
    shuffled.forEach((id, index) => {
      // The first units of each level get one persona each, so every story appears; the rest
      // are mostly steady, with a share of every other persona.
      const roll = hashSeed(seed, 'persona', id) % 100;
      const persona =
        index < PERSONA_ORDER.length && shuffled.length >= 4
          ? (PERSONA_ORDER[index] as Persona)
          : roll < 40
            ? 'steady'
            : roll < 58
              ? 'leader'
              : roll < 72
                ? 'slipping'
                : roll < 86
                  ? 'laggard'
                  : roll < 94
                    ? 'stalled'
                    : 'silent';
      personas.set(id, persona);
    });
  }
  return personas;
}

function seriesValues(
  plan: SeriesPlan,
  persona: Persona,
  reportingStart: string,
  dates: readonly string[],
  seed: number,
  inheritedStart?: number,
): Observation[] {
  const firstDate = dates[0];
  if (!firstDate) return [];
  const random = seededRandom(seed);
  const min = plan.min ?? 0;
  const max = plan.max ?? Math.max(100, ...plan.milestones.map((milestone) => milestone.value));
  const span = max - min;
  const increase = plan.direction === 'increase';
  const start =
    plan.baseline?.value ??
    inheritedStart ??
    (increase ? min + span * (0.12 + random() * 0.3) : max - span * (0.05 + random() * 0.2));
  const startDay = plan.baseline?.day ?? toDayNumber(reportingStart);
  const trajectory = new Trajectory({ day: startDay, value: start }, plan.milestones);
  const stallDay =
    toDayNumber(firstDate) +
    Math.floor((toDayNumber(dates.at(-1) ?? firstDate) - toDayNumber(firstDate)) * 0.45);
  const noise = span * 0.012;
  const integral = !increase;
  let stalledValue: number | undefined;
  return dates.map((date) => {
    const day = toDayNumber(date);
    const required = trajectory.requiredAt(day);
    let value = start + (required - start) * PACE[persona] + (random() - 0.5) * 2 * noise;
    if (persona === 'slipping' && day > stallDay) value -= span * 0.04 * ((day - stallDay) / 365);
    if (persona === 'stalled' && day > stallDay) {
      stalledValue ??= value;
      value = stalledValue + (random() - 0.5) * noise * 0.5;
    }
    // Units keeping pace stay on their side of the line; noise only shows how far ahead they are.
    if (PACE[persona] >= 1) value = increase ? Math.max(value, required) : Math.min(value, required);
    value = Math.min(max, Math.max(min, value));
    return {
      unit: plan.unit,
      indicator: plan.indicator,
      date,
      value: integral ? Math.round(value) : Math.round(value * 10) / 10,
    };
  });
}

function badRows(programme: Programme, through: string): SampleDataset['badRows'] {
  const percent = programme.series.find((plan) => plan.max === 100);
  const ended = programme.catalog.units.find((unit) => unit.validTo !== undefined && unit.validTo < through);
  const rows: SampleDataset['badRows'] = [];
  if (percent) {
    rows.push({
      unit: percent.unit,
      indicator: percent.indicator,
      date: monthEnds('2024-01-01', '2024-01-31')[0] ?? '2024-01-31',
      value: '104.5',
    });
    rows.push({ unit: percent.unit, indicator: percent.indicator, date: '2026-02-30', value: '55' });
    rows.push({ unit: 'unknown-unit', indicator: percent.indicator, date: '2025-03-31', value: '40' });
    rows.push({ unit: percent.unit, indicator: percent.indicator, date: '2025-04-30', value: 'n/a' });
  }
  const endedPlan = ended && programme.series.find((plan) => plan.unit === ended.id);
  if (ended?.validTo && endedPlan) {
    rows.push({
      unit: ended.id,
      indicator: endedPlan.indicator,
      date: shiftedMonthEnd(ended.validTo, 2),
      value: '50',
    });
  }
  return rows.filter((row) => row.date <= through || row.date === '2026-02-30');
}

/** Last day of every month from `from`'s month to `to`'s month, keeping those within [from, to]. */
export function monthEnds(from: string, to: string): string[] {
  const dates: string[] = [];
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  for (;;) {
    const end = monthEnd(year, month);
    if (end > to) break;
    if (end >= from) dates.push(end);
    month++;
    if (month > 12) {
      month = 1;
      year++;
    }
  }
  return dates;
}

function yearEnds(from: string, to: string): string[] {
  const dates: string[] = [];
  for (let year = Number(from.slice(0, 4)); `${year}-12-31` <= to; year++) {
    if (`${year}-12-31` >= from) dates.push(`${year}-12-31`);
  }
  return dates;
}

/** Last day of the month `months` after (negative: before) the month of `date`. */
function shiftedMonthEnd(date: string, months: number): string {
  return monthEnd(Number(date.slice(0, 4)), Number(date.slice(5, 7)) + months);
}

/** Last day of `month` (1–12; out-of-range months roll into the neighbouring years). */
function monthEnd(year: number, month: number): string {
  return formatDayNumber(Date.UTC(year, month, 0) / 86_400_000);
}

function maxDate(a: string, b: string): string {
  return a > b ? a : b;
}

function minDate(a: string, b: string): string {
  return a < b ? a : b;
}
