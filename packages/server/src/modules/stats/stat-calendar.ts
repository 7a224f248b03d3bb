import { LRUCache } from 'lru-cache';
import { DateTime } from 'luxon';

/** A half-open span of time [start, end), in epoch milliseconds. */
export interface Span {
  start: number;
  end: number;
}

/**
 * Counter grains, coarsest first: calendar months, days and hours of the account's time zone.
 * Every lead is counted once in each grain.
 */
export const GRAINS = ['M', 'D', 'H'] as const;
export type Grain = (typeof GRAINS)[number];

/** Series intervals a dashboard can ask for. */
export type SeriesInterval = 'HOUR' | 'DAY' | 'WEEK' | 'MONTH';

const GRAIN_UNIT = { H: 'hour', D: 'day', M: 'month' } as const;
const INTERVAL_UNIT = { HOUR: 'hour', DAY: 'day', WEEK: 'week', MONTH: 'month' } as const;
type Unit = (typeof INTERVAL_UNIT)[SeriesInterval];

/** Far enough to stand for "no bound" in any comparison with a lead's time. */
export const NO_START = -8_640_000_000_000_000;
export const NO_END = 8_640_000_000_000_000;

const QUARTER_MS = 15 * 60_000;

const spanCache = new LRUCache<string, Span>({ max: 50_000 });

/**
 * The calendar span of `unit` containing `ms` on the wall clock of `zone` (ISO weeks start on
 * Monday). Cached per unit, zone and UTC quarter hour (no zone has a boundary inside one): luxon's
 * zone arithmetic is the costliest part of planning a series.
 */
function spanOf(unit: Unit, ms: number, zone: string): Span {
  const key = `${unit}|${zone}|${Math.floor(ms / QUARTER_MS)}`;
  const hit = spanCache.get(key);
  if (hit && hit.start <= ms && ms < hit.end) return hit;
  const start = DateTime.fromMillis(ms, { zone }).startOf(unit);
  // Step from the start and snap again: a day that begins at 01:00 (midnight skipped by DST) still ends at the next midnight.
  const span = {
    start: start.toMillis(),
    end: start
      .plus({ [unit]: 1 })
      .startOf(unit)
      .toMillis(),
  };
  spanCache.set(key, span);
  return span;
}

const bucketCache = new LRUCache<string, Record<Grain, Span>>({ max: 20_000 });

/**
 * The month, day and hour buckets of an instant in `zone`. Cached per zone and UTC quarter hour:
 * every zone's offset is a multiple of 15 minutes, so a quarter never crosses a local hour, and
 * a cached answer is used only when it really contains the instant.
 */
export function bucketsOf(ms: number, zone: string): Record<Grain, Span> {
  const key = `${zone}|${Math.floor(ms / QUARTER_MS)}`;
  const hit = bucketCache.get(key);
  if (hit && GRAINS.every((g) => hit[g].start <= ms && ms < hit[g].end)) return hit;
  const buckets = { M: spanOf('month', ms, zone), D: spanOf('day', ms, zone), H: spanOf('hour', ms, zone) };
  bucketCache.set(key, buckets);
  return buckets;
}

/** The grain's calendar spans lying wholly inside [start, end), in order. */
export function alignedSpans(grain: Grain, start: number, end: number, zone: string): Span[] {
  if (start >= end || start <= NO_START || end >= NO_END) return [];
  const unit = GRAIN_UNIT[grain];
  const spans: Span[] = [];
  let span = spanOf(unit, start, zone);
  if (span.start < start) span = spanOf(unit, span.end, zone);
  while (span.end <= end) {
    spans.push(span);
    span = spanOf(unit, span.end, zone);
  }
  return spans;
}

/** One point of a series: its calendar span and a label in the zone. */
export interface SeriesSpan extends Span {
  label: string;
}

const LABEL: Record<SeriesInterval, (d: DateTime) => string> = {
  HOUR: (d) => d.toISO({ suppressSeconds: true, suppressMilliseconds: true })!,
  DAY: (d) => d.toISODate()!,
  WEEK: (d) => d.toISOWeekDate()!.slice(0, 8),
  MONTH: (d) => d.toFormat('yyyy-MM'),
};

const labelCache = new LRUCache<string, string>({ max: 20_000 });
function labelOf(interval: SeriesInterval, start: number, zone: string): string {
  const key = `${interval}|${zone}|${start}`;
  let label = labelCache.get(key);
  if (label === undefined) {
    label = LABEL[interval](DateTime.fromMillis(start, { zone }));
    labelCache.set(key, label);
  }
  return label;
}

/**
 * The calendar spans of `interval` that meet [start, end) in `zone`, in order; the first and
 * last may stick out of the range. Returns null when there would be more than `max`.
 */
export function seriesSpans(interval: SeriesInterval, start: number, end: number, zone: string, max: number): SeriesSpan[] | null {
  const unit = INTERVAL_UNIT[interval];
  const spans: SeriesSpan[] = [];
  let span = spanOf(unit, start, zone);
  while (span.start < end) {
    if (spans.length >= max) return null;
    spans.push({ ...span, label: labelOf(interval, span.start, zone) });
    span = spanOf(unit, span.end, zone);
  }
  return spans;
}

/**
 * True when local hours tile time in `zone`: its offset is the same modulo one hour all year.
 * A zone whose DST shift is not a whole hour (Australia/Lord_Howe) makes hour buckets overlap.
 */
export function hoursTile(zone: string, year = new Date().getUTCFullYear()): boolean {
  const offsets = [0, 3, 6, 9].map((month) => DateTime.fromObject({ year, month: month + 1, day: 1 }, { zone }).offset);
  return offsets.every((o) => ((o % 60) + 60) % 60 === ((offsets[0]! % 60) + 60) % 60);
}
