import { describe, expect, it } from 'vitest';
import { localTime } from '../../shared/local-time.js';
import { demoHistory } from './demo-history.js';

describe('demo history', () => {
  const now = new Date('2026-11-27T18:00:00Z');
  const leads = demoHistory({ now });

  it('spans the last 30 days, oldest first, nothing in the future, the same every time', () => {
    expect(leads.length).toBeGreaterThan(400);
    expect(leads.length).toBeLessThan(1200);
    expect(
      leads.every((l, i) => l.at < now && l.at.getTime() >= now.getTime() - 30 * 86_400_000 && (i === 0 || l.at >= leads[i - 1]!.at)),
    ).toBe(true);
    const days = new Set(leads.map((l) => localTime(l.at, 'America/Los_Angeles').date));
    expect(days.size).toBeGreaterThanOrEqual(30);
    expect(demoHistory({ now })).toEqual(leads);
  });

  it('looks like real traffic: both campaigns and sources, busy days and hours, some bad posts', () => {
    expect(new Set(leads.map((l) => `${l.campaign}/${l.source}`)).size).toBe(4);
    const hour = (l: (typeof leads)[number]) => Math.floor(localTime(l.at, 'America/Los_Angeles').minutes / 60);
    expect(leads.filter((l) => hour(l) >= 9 && hour(l) < 19).length).toBeGreaterThan(leads.filter((l) => hour(l) < 6).length * 4);
    const weekday = (l: (typeof leads)[number]) => localTime(l.at, 'America/Los_Angeles').weekday;
    const weekend = leads.filter((l) => weekday(l) === 'SAT' || weekday(l) === 'SUN').length;
    expect(weekend / leads.length).toBeLessThan(2 / 7);
    expect(leads.filter((l) => !l.fields.zip || !l.fields.last || !l.fields.phone).length).toBeGreaterThan(10);
    const emails = leads.map((l) => l.fields.email);
    expect(new Set(emails).size).toBeLessThan(emails.length);
    expect(leads.some((l) => l.test)).toBe(true);
    // Never the banner's example lead, whose curl must be accepted.
    expect(emails).not.toContain('ada@example.com');
    expect(leads.some((l) => l.fields.phone === '(213) 555-0147')).toBe(false);
  });
});
