import { parseClock, type LocalTime } from '../../shared/local-time.js';
import { Weekday } from '../campaigns/requirement-enums.js';
import type { ScheduleWindow } from '../campaigns/requirements.js';

const ORDER = [Weekday.MON, Weekday.TUE, Weekday.WED, Weekday.THU, Weekday.FRI, Weekday.SAT, Weekday.SUN];
const previousDay = (day: Weekday) => ORDER[(ORDER.indexOf(day) + 6) % 7]!;

/**
 * True when `local` falls in one of the weekly `windows` (no windows: always). A window opens at
 * `start` and closes at `end`, exclusive, on each of its days; one whose `end` is before its
 * `start` runs past midnight: the evening part belongs to the listed day, the morning part to the
 * day after. The same rule as the campaign-schedule stage.
 */
export function inSchedule(windows: readonly ScheduleWindow[], local: Pick<LocalTime, 'weekday' | 'minutes'>): boolean {
  if (windows.length === 0) return true;
  return windows.some((w) => {
    const start = parseClock(w.start);
    const end = parseClock(w.end);
    if (start < end) return w.days.includes(local.weekday) && local.minutes >= start && local.minutes < end;
    return (
      (w.days.includes(local.weekday) && local.minutes >= start) || (w.days.includes(previousDay(local.weekday)) && local.minutes < end)
    );
  });
}
