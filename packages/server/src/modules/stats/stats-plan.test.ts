import { describe, expect, it } from 'vitest';
import { planSpans } from './stats-plan.js';

const at = (s: string) => Date.parse(s);
const show = (pieces: Array<{ start: number; end: number; t: number }>) =>
  pieces.map((p) => [new Date(p.start).toISOString(), new Date(p.end).toISOString(), p.t]);
const LA = 'America/Los_Angeles';

describe('planSpans', () => {
  it('answers whole months, days and hours from counters and only the edges from leads', async () => {
    const plan = await planSpans([{ start: at('2026-10-30T20:10:00Z'), end: at('2026-12-02T09:15:00Z'), t: 0 }], LA);
    expect(show(plan.runs.M)).toEqual([['2026-11-01T07:00:00.000Z', '2026-12-01T08:00:00.000Z', 0]]);
    expect(show(plan.runs.D)).toEqual([
      ['2026-10-31T07:00:00.000Z', '2026-11-01T07:00:00.000Z', 0],
      ['2026-12-01T08:00:00.000Z', '2026-12-02T08:00:00.000Z', 0],
    ]);
    expect(show(plan.runs.H)).toEqual([
      ['2026-10-30T21:00:00.000Z', '2026-10-31T07:00:00.000Z', 0],
      ['2026-12-02T08:00:00.000Z', '2026-12-02T09:00:00.000Z', 0],
    ]);
    expect(show(plan.rest)).toEqual([
      ['2026-10-30T20:10:00.000Z', '2026-10-30T21:00:00.000Z', 0],
      ['2026-12-02T09:00:00.000Z', '2026-12-02T09:15:00.000Z', 0],
    ]);
  });

  it('keeps series points apart', async () => {
    const plan = await planSpans(
      [
        { start: at('2026-11-01T07:00:00Z'), end: at('2026-11-02T08:00:00Z'), t: 0 },
        { start: at('2026-11-02T08:00:00Z'), end: at('2026-11-03T08:00:00Z'), t: 1 },
      ],
      LA,
    );
    expect(show(plan.runs.D).map((r) => r[2])).toEqual([0, 1]);
    expect(plan.runs.H).toEqual([]);
    expect(plan.rest).toEqual([]);
  });

  it('moves the time of a bucket that crosses a run edge to the next finer grain', async () => {
    // A day bucket written in UTC (before the account moved to Los Angeles) crosses the local
    // midnight between two points of a daily series: both days are then read by the hour.
    const utcDay = { start: at('2026-11-02T00:00:00Z'), end: at('2026-11-03T00:00:00Z') };
    const checked: Array<[string, number]> = [];
    const plan = await planSpans(
      [
        { start: at('2026-11-01T07:00:00Z'), end: at('2026-11-02T08:00:00Z'), t: 0 },
        { start: at('2026-11-02T08:00:00Z'), end: at('2026-11-03T08:00:00Z'), t: 1 },
      ],
      LA,
      ['M', 'D', 'H'],
      async (grain, points) => {
        checked.push([grain, points.length]);
        return grain === 'D' && points.some((p) => p > utcDay.start && p < utcDay.end) ? [utcDay] : [];
      },
    );
    expect(plan.runs.D).toEqual([]);
    expect(show(plan.runs.H)).toEqual([
      ['2026-11-01T07:00:00.000Z', '2026-11-02T08:00:00.000Z', 0],
      ['2026-11-02T08:00:00.000Z', '2026-11-03T08:00:00.000Z', 1],
    ]);
    expect(plan.rest).toEqual([]);
    expect(checked.map(([g]) => g)).toEqual(['D', 'H']);
  });

  it('counts a crossing bucket inside one target with its run', async () => {
    // The same UTC day bucket as above crosses the local midnight 2026-11-02T08:00Z, but here that
    // midnight is inside one target: the bucket lies wholly in the run of days, so it is counted
    // with it (its leads are in the target either way) and nothing falls to hours or lead rows.
    const utcDay = { start: at('2026-11-02T00:00:00Z'), end: at('2026-11-03T00:00:00Z') };
    const straddle = async (grain: string, points: number[]) =>
      grain === 'D' && points.some((p) => p > utcDay.start && p < utcDay.end) ? [utcDay] : [];
    // Asked about the midnight it crosses, the check reports it.
    expect(await straddle('D', [at('2026-11-02T08:00:00Z')])).toEqual([utcDay]);
    const target = { start: at('2026-11-01T07:00:00Z'), end: at('2026-11-03T08:00:00Z'), t: 0 };
    const checked: Array<[string, number[]]> = [];
    const plan = await planSpans([target], LA, ['M', 'D', 'H'], async (grain, points) => {
      checked.push([grain, [...points]]);
      return straddle(grain, points);
    });
    expect(show(plan.runs.D)).toEqual([['2026-11-01T07:00:00.000Z', '2026-11-03T08:00:00.000Z', 0]]);
    expect(plan.runs.D[0]!.start).toBeLessThan(utcDay.start);
    expect(plan.runs.D[0]!.end).toBeGreaterThan(utcDay.end);
    expect(plan.runs.M).toEqual([]);
    expect(plan.runs.H).toEqual([]);
    expect(plan.rest).toEqual([]);
    // Only the run's own edges were checked, not the local midnights inside it.
    expect(checked).toEqual([['D', [target.start, target.end]]]);
  });
});
