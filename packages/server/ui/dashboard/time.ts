/** Calendar parts of an instant on a time zone's wall clock. */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function wallTime(at: Date, timeZone: string): WallTime & { second: number } {
  const parts = Object.fromEntries(
    partsFormatter(timeZone)
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** How far the zone's wall clock is ahead of UTC at `at`, in milliseconds. */
function offsetAt(at: number, timeZone: string): number {
  const w = wallTime(new Date(at), timeZone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(at / 1000) * 1000;
}

/**
 * The instant a wall-clock time happens in `timeZone` (DST-correct: a day is 23 or 25 hours when
 * the clocks change). A time skipped by the spring change maps to the instant after the gap.
 */
export function zonedInstant(year: number, month: number, day: number, hour: number, timeZone: string): Date {
  const guess = Date.UTC(year, month - 1, day, hour);
  const first = guess - offsetAt(guess, timeZone);
  const second = guess - offsetAt(first, timeZone);
  return new Date(Math.max(first, second));
}

/** Midnight starting the local day `days` after the one holding `at`. */
export function startOfDay(at: Date, timeZone: string, days = 0): Date {
  const w = wallTime(at, timeZone);
  const d = new Date(Date.UTC(w.year, w.month - 1, w.day + days));
  return zonedInstant(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), 0, timeZone);
}

export type Bucket = 'HOUR' | 'DAY';

/** A time range a dashboard shows: [from, to) with the bucket its chart uses. */
export interface TimeRange {
  id: string;
  label: string;
  from: Date;
  to: Date;
  bucket: Bucket;
}

export const RANGE_IDS = ['today', 'yesterday', '7d', '30d', '90d'] as const;

/** The named ranges, in the account's time zone: whole local days, and today up to now. */
export function namedRange(id: string, timeZone: string, now = new Date()): TimeRange {
  const today = startOfDay(now, timeZone);
  const tomorrow = startOfDay(now, timeZone, 1);
  switch (id) {
    case 'today':
      return { id, label: 'Today', from: today, to: tomorrow, bucket: 'HOUR' };
    case 'yesterday':
      return { id, label: 'Yesterday', from: startOfDay(now, timeZone, -1), to: today, bucket: 'HOUR' };
    case '7d':
      return { id, label: 'Last 7 days', from: startOfDay(now, timeZone, -6), to: tomorrow, bucket: 'DAY' };
    case '90d':
      return { id, label: 'Last 90 days', from: startOfDay(now, timeZone, -89), to: tomorrow, bucket: 'DAY' };
    default:
      return { id: '30d', label: 'Last 30 days', from: startOfDay(now, timeZone, -29), to: tomorrow, bucket: 'DAY' };
  }
}

/** A custom range of whole local days, `from` and `to` as YYYY-MM-DD, both included. */
export function customRange(from: string, to: string, timeZone: string): TimeRange | null {
  const parse = (s: string) => /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  const a = parse(from);
  const b = parse(to);
  if (!a || !b) return null;
  const start = zonedInstant(Number(a[1]), Number(a[2]), Number(a[3]), 0, timeZone);
  const endDay = new Date(Date.UTC(Number(b[1]), Number(b[2]) - 1, Number(b[3]) + 1));
  const end = zonedInstant(endDay.getUTCFullYear(), endDay.getUTCMonth() + 1, endDay.getUTCDate(), 0, timeZone);
  if (end <= start) return null;
  const days = (end.getTime() - start.getTime()) / 86_400_000;
  return { id: 'custom', label: `${from} – ${to}`, from: start, to: end, bucket: days <= 2 ? 'HOUR' : 'DAY' };
}

/** YYYY-MM-DD of an instant on the zone's calendar (date inputs speak it). */
export function isoDate(at: Date, timeZone: string): string {
  const w = wallTime(at, timeZone);
  return `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
}
