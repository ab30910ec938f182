import type { DayNumber } from '../domain/calendar-date.ts';
import type { DatedValue } from '../domain/observation.ts';
import type { SeriesHistory } from '../domain/programme-evaluation.ts';
import type { Ratio, RatioIndex } from '../domain/ratio.ts';
import { seriesKey } from '../domain/series-plan.ts';
import type { AcceptedRow, SeriesSlot } from './observation-rows.ts';

/**
 * Checked rows grouped by series as they arrive, for the engine: three numbers per row in typed
 * arrays (series, day, value), nothing per row on the heap. A series' values are made into the
 * engine's `DatedValue[]` only when it is looked up, in the order received: a repeated day stays
 * in the list and the engine keeps the last one received (`currentValues`), which is what a
 * batch's "later row wins" means.
 */
export class SeriesGroups {
  private series = new Int32Array(1 << 16);
  private days = new Int32Array(1 << 16);
  private values = new Float64Array(1 << 16);
  private count = 0;
  private readonly ratios = new Map<number, Map<DayNumber, Ratio>>();

  /** Rows grouped (a repeated day counts each time). */
  get size(): number {
    return this.count;
  }

  add({ series, day, observation }: AcceptedRow): void {
    if (this.count === this.values.length) this.grow();
    const at = this.count++;
    this.series[at] = series.index;
    this.days[at] = day;
    this.values[at] = observation.value;
    const { numerator, denominator } = observation;
    if (numerator === undefined || denominator === undefined) {
      if (this.ratios.size > 0) this.ratios.get(series.index)?.delete(day);
      return;
    }
    let days = this.ratios.get(series.index);
    if (!days) {
      days = new Map();
      this.ratios.set(series.index, days);
    }
    days.set(day, { numerator, denominator });
  }

  /** The history the engine reads, keyed as `groupBySeries` keys it. */
  history(slots: readonly SeriesSlot[]): SeriesHistory {
    // Counting sort of the rows by series, stable: each series' rows stay in the order received.
    const starts = new Int32Array(slots.length + 1);
    for (let row = 0; row < this.count; row++) (starts[(this.series[row] as number) + 1] as number)++;
    for (let index = 0; index < slots.length; index++) {
      starts[index + 1] = (starts[index + 1] as number) + (starts[index] as number);
    }
    const next = starts.slice(0, slots.length);
    const order = new Int32Array(this.count);
    for (let row = 0; row < this.count; row++) {
      const index = this.series[row] as number;
      order[next[index] as number] = row;
      next[index] = (next[index] as number) + 1;
    }
    return new GroupedHistory(slots, starts, order, this.days, this.values);
  }

  /** The ratios of the observations that carry one, keyed as `ratioIndexOf` keys them. */
  ratioIndex(slots: readonly SeriesSlot[]): RatioIndex {
    const index = new Map<string, Map<DayNumber, Ratio>>();
    for (const [position, days] of this.ratios) {
      const slot = slots[position];
      if (slot && days.size > 0) index.set(seriesKey(slot.unit.id, slot.indicator.id), days);
    }
    return index;
  }

  private grow(): void {
    const capacity = this.values.length * 2;
    const series = new Int32Array(capacity);
    const days = new Int32Array(capacity);
    const values = new Float64Array(capacity);
    series.set(this.series);
    days.set(this.days);
    values.set(this.values);
    this.series = series;
    this.days = days;
    this.values = values;
  }
}

/** A read-only map of series key → values received, each list made when it is asked for. */
class GroupedHistory implements ReadonlyMap<string, readonly DatedValue[]> {
  private readonly indexOf = new Map<string, number>();

  constructor(
    slots: readonly SeriesSlot[],
    private readonly starts: Int32Array,
    private readonly order: Int32Array,
    private readonly days: Int32Array,
    private readonly measured: Float64Array,
  ) {
    slots.forEach((slot, index) => {
      if ((starts[index + 1] as number) > (starts[index] as number)) {
        this.indexOf.set(seriesKey(slot.unit.id, slot.indicator.id), index);
      }
    });
  }

  get size(): number {
    return this.indexOf.size;
  }

  has(key: string): boolean {
    return this.indexOf.has(key);
  }

  get(key: string): readonly DatedValue[] | undefined {
    const index = this.indexOf.get(key);
    return index === undefined ? undefined : this.listOf(index);
  }

  forEach(
    callback: (
      value: readonly DatedValue[],
      key: string,
      map: ReadonlyMap<string, readonly DatedValue[]>,
    ) => void,
  ): void {
    for (const [key, index] of this.indexOf) callback(this.listOf(index), key, this);
  }

  *entries(): MapIterator<[string, readonly DatedValue[]]> {
    for (const [key, index] of this.indexOf) yield [key, this.listOf(index)];
  }

  keys(): MapIterator<string> {
    return this.indexOf.keys();
  }

  *values(): MapIterator<readonly DatedValue[]> {
    for (const index of this.indexOf.values()) yield this.listOf(index);
  }

  [Symbol.iterator](): MapIterator<[string, readonly DatedValue[]]> {
    return this.entries();
  }

  private listOf(index: number): DatedValue[] {
    const end = this.starts[index + 1] as number;
    const list: DatedValue[] = [];
    for (let at = this.starts[index] as number; at < end; at++) {
      const row = this.order[at] as number;
      list.push({ day: this.days[row] as number, value: this.measured[row] as number });
    }
    return list;
  }
}
