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
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock fields of `date` in `timeZone`, as numbers. */
function fields(date: Date, timeZone: string): { y: number; mo: number; d: number; h: number; mi: number; s: number } {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(date)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return { y: parts.year!, mo: parts.month!, d: parts.day!, h: parts.hour!, mi: parts.minute!, s: parts.second! };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `2026-11-23 08:05:09`: the moment as a wall clock in `timeZone` (an IANA zone) shows it, to the second. */
export function formatWallClock(date: Date, timeZone: string): string {
  const f = fields(date, timeZone);
  return `${pad(f.y, 4)}-${pad(f.mo)}-${pad(f.d)} ${pad(f.h)}:${pad(f.mi)}:${pad(f.s)}`;
}

const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * The moment a wall clock in `timeZone` shows as `text` (`YYYY-MM-DD`, `YYYY-MM-DD HH:mm` or
 * `YYYY-MM-DD HH:mm:ss`; a date alone is its midnight), or null when `text` is not such a time.
 * A time skipped by a daylight-saving change is read with the offset before the change; a
 * repeated one as its first occurrence.
 */
export function parseWallClock(text: string, timeZone: string): Date | null {
  const m = WALL_CLOCK.exec(text.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0', m[6] ?? '0'].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const asUtc = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(asUtc);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || s > 59)
    return null;
  const offsetAt = (ms: number) => {
    const f = fields(new Date(ms), timeZone);
    return Date.UTC(f.y, f.mo - 1, f.d, f.h, f.mi, f.s) - ms;
  };
  // The zone's offset a day before and after brackets any change; the earlier reading wins.
  for (const offset of [offsetAt(asUtc - 86_400_000), offsetAt(asUtc + 86_400_000)]) {
    const candidate = asUtc - offset;
    if (offsetAt(candidate) === offset) return new Date(candidate);
  }
  return new Date(asUtc - offsetAt(asUtc - 86_400_000));
}

const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * A receive time: ISO 8601 with a zone, epoch seconds or milliseconds, or a wall-clock time of
 * `timeZone` (`2026-03-03 10:30:00`, `2026-03-03`, `03/03/2026 10:30`); null when none of these.
 */
export function parseReceivedAt(text: string, timeZone: string): Date | null {
  const value = text.trim();
  if (/^\d{10}$/.test(value)) return new Date(Number(value) * 1000);
  if (/^\d{13}$/.test(value)) return new Date(Number(value));
  if (/[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(value)) {
    const ms = Date.parse(value.replace(' ', 'T'));
    return Number.isNaN(ms) ? null : new Date(ms);
  }
  const us = US_DATE.exec(value);
  const wall = us
    ? `${us[3]}-${us[1]!.padStart(2, '0')}-${us[2]!.padStart(2, '0')}${us[4] ? ` ${us[4].padStart(2, '0')}:${us[5]}:${us[6] ?? '00'}` : ''}`
    : value;
  return parseWallClock(wall, timeZone);
}
