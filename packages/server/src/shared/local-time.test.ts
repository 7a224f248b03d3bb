import { describe, expect, it } from 'vitest';
import { localTime, parseClock } from './local-time.js';

describe('localTime', () => {
  it('reads the wall clock of the zone, not UTC', () => {
    // 2026-11-23T03:30Z is still Sunday evening in Los Angeles.
    expect(localTime(new Date('2026-11-23T03:30:00Z'), 'America/Los_Angeles')).toEqual({
      date: '2026-11-22',
      weekday: 'SUN',
      minutes: 19 * 60 + 30,
      isoWeek: '2026-W47',
      month: '2026-11',
    });
    expect(localTime(new Date('2026-11-23T03:30:00Z'), 'UTC')).toMatchObject({ date: '2026-11-23', weekday: 'MON', isoWeek: '2026-W48' });
  });

  it('keeps a DST day one calendar day', () => {
    // 2026-03-08 is 23 hours long in New York; both ends are that date.
    expect(localTime(new Date('2026-03-08T05:00:00Z'), 'America/New_York').date).toBe('2026-03-08');
    expect(localTime(new Date('2026-03-09T03:59:00Z'), 'America/New_York').date).toBe('2026-03-08');
    expect(localTime(new Date('2026-03-09T04:00:00Z'), 'America/New_York').date).toBe('2026-03-09');
  });

  it('numbers ISO weeks across a year boundary', () => {
    expect(localTime(new Date('2027-01-01T12:00:00Z'), 'UTC').isoWeek).toBe('2026-W53');
    expect(localTime(new Date('2024-12-30T12:00:00Z'), 'UTC').isoWeek).toBe('2025-W01');
  });

  it('parses clock times', () => {
    expect(parseClock('09:30')).toBe(570);
    expect(parseClock('24:00')).toBe(1440);
  });
});
