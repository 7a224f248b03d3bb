import { describe, expect, it } from 'vitest';
import type { Condition } from '../../rules/index.js';
import { localTime } from '../../shared/local-time.js';
import { Weekday } from '../campaigns/requirement-enums.js';
import type { ScheduleWindow } from '../campaigns/requirements.js';
import { buyerAdmits, buyerPriceCents, type BuyerRules } from './buyer-match.js';
import { inSchedule } from './schedule.js';

let counter = 0;
const buyer = (rules: Partial<BuyerRules> = {}): BuyerRules => ({
  id: `buy_test${++counter}`,
  updatedAt: new Date('2026-11-23T10:00:00Z'),
  priceCents: 1000,
  priceRules: [],
  filter: null,
  schedule: [],
  ...rules,
});
const lead =
  (fields: Record<string, string>) =>
  (field: string): string | null =>
    fields[field] ?? null;
const at = (weekday: Weekday, hhmm: string) => ({ weekday, minutes: Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3)) });

const CA: Condition = { field: 'state', op: 'eq', value: 'CA' };
const TX_OR_NY: Condition = { field: 'state', op: 'in', value: ['TX', 'NY'] };
const ALWAYS_NOON = at(Weekday.WED, '12:00');

describe('buyerPriceCents', () => {
  it('takes the first rule whose condition holds, in order, else the default price', () => {
    const b = buyer({
      priceRules: [
        { condition: { all: [CA, { field: 'homeowner', op: 'eq', value: true }] }, priceCents: 4500 },
        { condition: CA, priceCents: 3000 },
        { condition: { any: [CA, TX_OR_NY] }, priceCents: 2000 },
      ],
    });
    expect(buyerPriceCents(b, lead({ state: 'ca', homeowner: 'TRUE' }))).toBe(4500);
    expect(buyerPriceCents(b, lead({ state: 'CA' }))).toBe(3000);
    expect(buyerPriceCents(b, lead({ state: 'ny' }))).toBe(2000);
    expect(buyerPriceCents(b, lead({ state: 'FL' }))).toBe(1000);
    expect(buyerPriceCents(b, lead({}))).toBe(1000);
  });

  it('is the default price without rules', () => {
    expect(buyerPriceCents(buyer({ priceCents: 1234 }), lead({ state: 'CA' }))).toBe(1234);
  });

  it('compiles once per buyer version: same id and updatedAt reuse it, a newer updatedAt recompiles', () => {
    const first = buyer({ priceRules: [{ condition: CA, priceCents: 5000 }] });
    expect(buyerPriceCents(first, lead({ state: 'CA' }))).toBe(5000);
    // Same version: the compiled rules are reused even if this copy says otherwise.
    const sameVersion = { ...first, priceRules: [{ condition: TX_OR_NY, priceCents: 7000 }] };
    expect(buyerPriceCents(sameVersion, lead({ state: 'CA' }))).toBe(5000);
    const newer = { ...sameVersion, updatedAt: new Date(first.updatedAt.getTime() + 1) };
    expect(buyerPriceCents(newer, lead({ state: 'CA' }))).toBe(1000);
    expect(buyerPriceCents(newer, lead({ state: 'TX' }))).toBe(7000);
  });

  it('a stored rule that no longer compiles never holds (fails closed)', () => {
    const broken = buyer({
      priceRules: [
        { condition: { field: 'state', op: 'bogus' } as unknown as Condition, priceCents: 9900 },
        { condition: CA, priceCents: 3000 },
      ],
    });
    expect(buyerPriceCents(broken, lead({ state: 'CA' }))).toBe(3000);
  });
});

describe('buyerAdmits', () => {
  it('takes every lead at any time without a filter or schedule', () => {
    expect(buyerAdmits(buyer(), lead({}), ALWAYS_NOON)).toBe(true);
  });

  it('needs the filter to hold', () => {
    const b = buyer({
      filter: { all: [{ field: 'state', op: 'in', value: ['CA', 'TX'] }, { not: { field: 'zip', op: 'startsWith', value: '900' } }] },
    });
    expect(buyerAdmits(b, lead({ state: 'tx', zip: '75001' }), ALWAYS_NOON)).toBe(true);
    expect(buyerAdmits(b, lead({ state: 'CA', zip: '90012' }), ALWAYS_NOON)).toBe(false);
    expect(buyerAdmits(b, lead({ state: 'NY', zip: '10001' }), ALWAYS_NOON)).toBe(false);
    expect(buyerAdmits(b, lead({}), ALWAYS_NOON)).toBe(false);
  });

  it('needs the local time inside the schedule, and the filter', () => {
    const b = buyer({ filter: CA, schedule: [{ days: [Weekday.MON, Weekday.TUE], start: '09:00', end: '17:00' }] });
    expect(buyerAdmits(b, lead({ state: 'CA' }), at(Weekday.MON, '09:00'))).toBe(true);
    expect(buyerAdmits(b, lead({ state: 'CA' }), at(Weekday.MON, '17:00'))).toBe(false);
    expect(buyerAdmits(b, lead({ state: 'CA' }), at(Weekday.WED, '10:00'))).toBe(false);
    expect(buyerAdmits(b, lead({ state: 'TX' }), at(Weekday.TUE, '10:00'))).toBe(false);
  });

  it('a stored filter that no longer compiles admits nothing', () => {
    const b = buyer({ filter: { field: 'state' } as unknown as Condition });
    expect(buyerAdmits(b, lead({ state: 'CA' }), ALWAYS_NOON)).toBe(false);
  });

  it('reads the wall clock it is given (the account time zone)', () => {
    const b = buyer({ schedule: [{ days: [Weekday.MON], start: '08:00', end: '09:00' }] });
    const instant = new Date('2026-11-23T16:30:00Z'); // Monday 08:30 in Los Angeles, 16:30 in UTC
    expect(buyerAdmits(b, lead({}), localTime(instant, 'America/Los_Angeles'))).toBe(true);
    expect(buyerAdmits(b, lead({}), localTime(instant, 'UTC'))).toBe(false);
  });
});

describe('inSchedule', () => {
  const overnight: ScheduleWindow[] = [{ days: [Weekday.FRI], start: '22:00', end: '02:00' }];

  it('is always open without windows', () => {
    expect(inSchedule([], at(Weekday.SUN, '03:00'))).toBe(true);
  });

  it('opens at start and closes at end, exclusive; 24:00 is midnight', () => {
    const windows: ScheduleWindow[] = [{ days: [Weekday.SAT], start: '18:00', end: '24:00' }];
    expect(inSchedule(windows, at(Weekday.SAT, '17:59'))).toBe(false);
    expect(inSchedule(windows, at(Weekday.SAT, '18:00'))).toBe(true);
    expect(inSchedule(windows, at(Weekday.SAT, '23:59'))).toBe(true);
    expect(inSchedule(windows, at(Weekday.SUN, '00:00'))).toBe(false);
  });

  it('runs an overnight window past midnight into the next day', () => {
    expect(inSchedule(overnight, at(Weekday.FRI, '21:59'))).toBe(false);
    expect(inSchedule(overnight, at(Weekday.FRI, '22:00'))).toBe(true);
    expect(inSchedule(overnight, at(Weekday.SAT, '01:59'))).toBe(true);
    expect(inSchedule(overnight, at(Weekday.SAT, '02:00'))).toBe(false);
    expect(inSchedule(overnight, at(Weekday.FRI, '01:00'))).toBe(false); // Thursday night was not listed
    expect(inSchedule(overnight, at(Weekday.SAT, '23:00'))).toBe(false);
  });

  it('wraps Sunday night into Monday morning', () => {
    const sunday: ScheduleWindow[] = [{ days: [Weekday.SUN], start: '20:00', end: '06:00' }];
    expect(inSchedule(sunday, at(Weekday.MON, '05:00'))).toBe(true);
    expect(inSchedule(sunday, at(Weekday.MON, '07:00'))).toBe(false);
  });

  it('is open when any window is', () => {
    const windows: ScheduleWindow[] = [{ days: [Weekday.MON], start: '09:00', end: '10:00' }, ...overnight];
    expect(inSchedule(windows, at(Weekday.MON, '09:30'))).toBe(true);
    expect(inSchedule(windows, at(Weekday.SAT, '01:00'))).toBe(true);
    expect(inSchedule(windows, at(Weekday.MON, '11:00'))).toBe(false);
  });
});
