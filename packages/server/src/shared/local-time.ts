/** Days of the week as schedules name them. */
export enum Weekday {
  MON = 'MON',
  TUE = 'TUE',
  WED = 'WED',
  THU = 'THU',
  FRI = 'FRI',
  SAT = 'SAT',
  SUN = 'SUN',
}

/** A moment as a campaign's wall clock shows it. */
export interface LocalTime {
  /** YYYY-MM-DD */
  date: string;
  weekday: Weekday;
  /** Minutes since local midnight. */
  minutes: number;
  /** ISO 8601 week, e.g. 2026-W48 (weeks start on Monday). */
  isoWeek: string;
  /** YYYY-MM */
  month: string;
}

const WEEKDAYS: Weekday[] = [Weekday.SUN, Weekday.MON, Weekday.TUE, Weekday.WED, Weekday.THU, Weekday.FRI, Weekday.SAT];
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
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
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** ISO week of a calendar date (proleptic Gregorian, no time zone involved). */
function isoWeek(year: number, month: number, day: number): string {
  const date = new Date(Date.UTC(year, month - 1, day));
  const weekday = date.getUTCDay() || 7;
  date.setUTCDate(date.getUTCDate() + 4 - weekday); // the Thursday of this week decides its year
  const weekYear = date.getUTCFullYear();
  const week = Math.ceil(((date.getTime() - Date.UTC(weekYear, 0, 1)) / 86_400_000 + 1) / 7);
  return `${weekYear}-W${String(week).padStart(2, '0')}`;
}

/**
 * `instant` on the wall clock of `timeZone` (IANA). Periods are calendar periods there, so a
 * DST day of 23 or 25 hours is still one day.
 */
export function localTime(instant: Date, timeZone: string): LocalTime {
  // Every lead asks for the current minute in its campaign's zone, and formatting it is the
  // costly part; zones change their offsets on whole minutes, so a minute's answer holds for all
  // of it. The result is frozen: callers share it.
  const minute = Math.floor(instant.getTime() / 60_000);
  const last = lastMinute.get(timeZone);
  if (last?.minute === minute) return last.local;
  const local = Object.freeze(formatLocal(instant, timeZone));
  lastMinute.set(timeZone, { minute, local });
  return local;
}

const lastMinute = new Map<string, { minute: number; local: LocalTime }>();

function formatLocal(instant: Date, timeZone: string): LocalTime {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(instant)) parts[p.type] = p.value;
  const year = Number(parts.year);
  const month = Number(parts.month);
  const day = Number(parts.day);
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  return {
    date,
    weekday: WEEKDAYS[new Date(Date.UTC(year, month - 1, day)).getUTCDay()]!,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
    isoWeek: isoWeek(year, month, day),
    month: date.slice(0, 7),
  };
}

/** "09:30" -> 570; "24:00" -> 1440. */
export const parseClock = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
