import { describe, expect, it } from 'vitest';
import { alignedSpans, bucketsOf, hoursTile, seriesSpans } from './stat-calendar.js';

const iso = (ms: number) => new Date(ms).toISOString();
const span = (s: { start: number; end: number }) => [iso(s.start), iso(s.end)];

describe('stat calendar', () => {
  it('puts an instant in its local hour, day and month, DST included', () => {
    // 01:30 PDT on the day DST ends in Los Angeles (a 25-hour day).
    const b = bucketsOf(Date.parse('2026-11-01T08:30:00Z'), 'America/Los_Angeles');
    expect(span(b.H)).toEqual(['2026-11-01T08:00:00.000Z', '2026-11-01T09:00:00.000Z']);
    expect(span(b.D)).toEqual(['2026-11-01T07:00:00.000Z', '2026-11-02T08:00:00.000Z']);
    expect(span(b.M)).toEqual(['2026-11-01T07:00:00.000Z', '2026-12-01T08:00:00.000Z']);
    // The repeated 01:00 hour is a bucket of its own.
    expect(span(bucketsOf(Date.parse('2026-11-01T09:30:00Z'), 'America/Los_Angeles').H)).toEqual([
      '2026-11-01T09:00:00.000Z',
      '2026-11-01T10:00:00.000Z',
    ]);
  });

  it('follows half-hour zones and days whose midnight DST skips', () => {
    const kolkata = bucketsOf(Date.parse('2026-06-10T18:40:00Z'), 'Asia/Kolkata');
    expect(span(kolkata.H)).toEqual(['2026-06-10T18:30:00.000Z', '2026-06-10T19:30:00.000Z']);
    expect(span(kolkata.D)).toEqual(['2026-06-10T18:30:00.000Z', '2026-06-11T18:30:00.000Z']);
    // Chile springs forward at midnight: 2026-09-06 starts at 01:00 (04:00Z) and ends at the next midnight.
    const chile = bucketsOf(Date.parse('2026-09-06T12:00:00Z'), 'America/Santiago');
    expect(span(chile.D)).toEqual(['2026-09-06T04:00:00.000Z', '2026-09-07T03:00:00.000Z']);
  });

  it('answers the same from its cache as without it, every quarter hour of a DST week', () => {
    for (let ms = Date.parse('2026-10-30T00:00:00Z'); ms < Date.parse('2026-11-03T00:00:00Z'); ms += 7 * 60_000) {
      const b = bucketsOf(ms, 'America/Los_Angeles');
      for (const g of ['M', 'D', 'H'] as const) {
        expect(b[g].start <= ms && ms < b[g].end).toBe(true);
        expect(bucketsOf(b[g].start, 'America/Los_Angeles')[g]).toEqual(b[g]);
      }
    }
  });

  it('lists the whole spans of a grain inside a range', () => {
    const days = alignedSpans('D', Date.parse('2026-10-31T10:00:00Z'), Date.parse('2026-11-03T08:00:00Z'), 'America/Los_Angeles');
    expect(days.map(span)).toEqual([
      ['2026-11-01T07:00:00.000Z', '2026-11-02T08:00:00.000Z'],
      ['2026-11-02T08:00:00.000Z', '2026-11-03T08:00:00.000Z'],
    ]);
    expect(alignedSpans('M', Date.parse('2026-11-02T00:00:00Z'), Date.parse('2026-11-20T00:00:00Z'), 'UTC')).toEqual([]);
  });

  it('labels series points on the local calendar and refuses too many', () => {
    const weeks = seriesSpans('WEEK', Date.parse('2026-12-30T12:00:00Z'), Date.parse('2027-01-05T00:00:00Z'), 'UTC', 10)!;
    expect(weeks.map((w) => w.label)).toEqual(['2026-W53', '2027-W01']);
    expect(
      seriesSpans('MONTH', Date.parse('2026-01-15T00:00:00Z'), Date.parse('2026-03-01T00:00:00Z'), 'Asia/Kolkata', 10)!.map((m) => m.label),
    ).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(seriesSpans('HOUR', 0, 1000 * 3_600_000, 'UTC', 999)).toBeNull();
  });

  it('knows which zones have hours that tile', () => {
    expect(hoursTile('America/Los_Angeles')).toBe(true);
    expect(hoursTile('Asia/Kolkata')).toBe(true);
    expect(hoursTile('Australia/Lord_Howe')).toBe(false);
  });
});
