import type { DayNumber } from '../domain/calendar-date.ts';

/**
 * (series, day) → a whole number, for finding repeated observations in a national file without a
 * string per key: the key is the series' index and the day packed into one exact double, kept in
 * typed arrays (open addressing). 2 M keys take about 50 MB instead of the 300+ MB of a Map of
 * composed strings, and nothing here is ever collected.
 */
export class ObservationKeyTable {
  private keys: Float64Array;
  private values: Int32Array;
  private mask: number;
  private count = 0;

  constructor(expected = 1024) {
    let capacity = 1024;
    while (capacity < expected * 2) capacity *= 2;
    this.keys = new Float64Array(capacity).fill(EMPTY);
    this.values = new Int32Array(capacity);
    this.mask = capacity - 1;
  }

  get size(): number {
    return this.count;
  }

  /** Sets the value of (series, day); returns the value it had, or -1. */
  set(series: number, day: DayNumber, value: number): number {
    const key = packKey(series, day);
    let slot = this.slotOf(key);
    if (this.keys[slot] === key) {
      const previous = this.values[slot] as number;
      this.values[slot] = value;
      return previous;
    }
    if ((this.count + 1) * 2 > this.keys.length) {
      this.grow();
      slot = this.slotOf(key);
    }
    this.keys[slot] = key;
    this.values[slot] = value;
    this.count++;
    return -1;
  }

  /** The value of (series, day), or -1. */
  get(series: number, day: DayNumber): number {
    const key = packKey(series, day);
    const slot = this.slotOf(key);
    return this.keys[slot] === key ? (this.values[slot] as number) : -1;
  }

  private slotOf(key: number): number {
    const keys = this.keys;
    // Series and day are both small integers: mix them before masking, or rows of one series
    // (consecutive days) would crowd one stretch of the table.
    let slot = Math.imul((key / DAYS) | 0, 0x9e3779b1) ^ Math.imul((key % DAYS) | 0, 0x85ebca6b);
    slot = (slot ^ (slot >>> 15)) & this.mask;
    for (;;) {
      const held = keys[slot];
      if (held === key || held === EMPTY) return slot;
      slot = (slot + 1) & this.mask;
    }
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldValues = this.values;
    this.keys = new Float64Array(oldKeys.length * 2).fill(EMPTY);
    this.values = new Int32Array(oldKeys.length * 2);
    this.mask = this.keys.length - 1;
    for (let index = 0; index < oldKeys.length; index++) {
      const key = oldKeys[index] as number;
      if (key === EMPTY) continue;
      const slot = this.slotOf(key);
      this.keys[slot] = key;
      this.values[slot] = oldValues[index] as number;
    }
  }
}

const EMPTY = -1;
/** Day numbers of the years 0100–9999 (the calendar dates a snapshot may carry) shifted to ≥ 0. */
const DAY_OFFSET = 719_528;
const DAYS = 2 ** 22;

function packKey(series: number, day: DayNumber): number {
  return series * DAYS + (day + DAY_OFFSET);
}
