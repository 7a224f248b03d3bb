import { describe, expect, it } from 'vitest';
import { formatWallClock, parseWallClock } from './wall-clock.js';

describe('wall clock', () => {
  it('formats a moment in a zone, daylight saving time included', () => {
    expect(formatWallClock(new Date('2026-01-15T18:05:09Z'), 'America/Chicago')).toBe('2026-01-15 12:05:09');
    expect(formatWallClock(new Date('2026-07-15T18:05:09Z'), 'America/Chicago')).toBe('2026-07-15 13:05:09');
    expect(formatWallClock(new Date('2026-07-15T00:00:00Z'), 'UTC')).toBe('2026-07-15 00:00:00');
  });

  it('reads a wall-clock time back to the moment, and refuses what is not one', () => {
    expect(parseWallClock('2026-01-15 12:05:09', 'America/Chicago')?.toISOString()).toBe('2026-01-15T18:05:09.000Z');
    expect(parseWallClock('2026-07-15 13:05:09', 'America/Chicago')?.toISOString()).toBe('2026-07-15T18:05:09.000Z');
    expect(parseWallClock('2026-07-15', 'America/New_York')?.toISOString()).toBe('2026-07-15T04:00:00.000Z');
    expect(parseWallClock('2026-07-15T08:30', 'UTC')?.toISOString()).toBe('2026-07-15T08:30:00.000Z');
    // 02:30 does not exist on 2026-03-08 in Chicago; 01:30 on 2026-11-01 happens twice.
    expect(parseWallClock('2026-03-08 02:30:00', 'America/Chicago')?.toISOString()).toBe('2026-03-08T08:30:00.000Z');
    expect(parseWallClock('2026-11-01 01:30:00', 'America/Chicago')?.toISOString()).toBe('2026-11-01T06:30:00.000Z');
    for (const bad of ['2026-02-30', '2026-13-01 00:00:00', '15/07/2026', '2026-07-15 24:00:00', ''])
      expect(parseWallClock(bad, 'UTC')).toBeNull();
  });

  it('round-trips every hour of a year in a zone with daylight saving time', () => {
    for (let ms = Date.UTC(2026, 0, 1); ms < Date.UTC(2027, 0, 1); ms += 3_600_000) {
      const text = formatWallClock(new Date(ms), 'America/Chicago');
      const back = parseWallClock(text, 'America/Chicago')!.getTime();
      // The repeated hour reads as its first occurrence.
      expect([ms, ms - 3_600_000]).toContain(back);
    }
  });
});
