import { localTime } from '../../shared/local-time.js';

/** A seeded pseudo-random generator (mulberry32): the same seed makes the same history. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One lead of the demo history, to be posted through the intake at `at`. */
export interface HistoricLead {
  at: Date;
  /** Index into the demo's campaigns (0: auto insurance, 1: home insurance). */
  campaign: 0 | 1;
  /** Index into the demo's sources (0: Demo vendor, 1: Summit Media). */
  source: 0 | 1;
  fields: Record<string, string>;
  test: boolean;
}

/** Options for {@link demoHistory}. */
export interface DemoHistoryOptions {
  /** The end of the history (leads are before it), default now. */
  now?: Date;
  /** Days of history, default `30`. */
  days?: number;
  /** Leads on an average weekday at the start, default `20`; the volume grows about 1% a day. */
  perDay?: number;
  /** The account's time zone (volume follows its business hours), default `America/Los_Angeles`. */
  timeZone?: string;
  seed?: number;
}

const FIRST = [
  'Maria',
  'James',
  'Aisha',
  'Wei',
  'Carlos',
  'Emily',
  'Darnell',
  'Priya',
  'Lucas',
  'Sofia',
  'Noah',
  'Hannah',
  'Mateo',
  'Grace',
  'Omar',
  'Chloe',
  'Ethan',
  'Layla',
  'Diego',
  'Nora',
];
const LAST = [
  'Garcia',
  'Johnson',
  'Nguyen',
  'Patel',
  'Smith',
  'Kim',
  'Martinez',
  'Brown',
  'Lopez',
  'Davis',
  'Chen',
  'Wilson',
  'Rivera',
  'Clark',
  'Hughes',
  'Reyes',
  'Foster',
  'Shah',
  'Morgan',
  'Bennett',
];
/** City, state, a ZIP there, and an area code. */
const PLACES: Array<[string, string, string, string]> = [
  ['Los Angeles', 'CA', '90012', '213'],
  ['San Diego', 'CA', '92101', '619'],
  ['San Jose', 'CA', '95113', '408'],
  ['Sacramento', 'CA', '95814', '916'],
  ['Houston', 'TX', '77002', '713'],
  ['Austin', 'TX', '78701', '512'],
  ['Dallas', 'TX', '75201', '214'],
  ['Phoenix', 'AZ', '85004', '602'],
  ['Las Vegas', 'NV', '89101', '702'],
  ['Portland', 'OR', '97204', '503'],
  ['Seattle', 'WA', '98101', '206'],
  ['Miami', 'FL', '33130', '305'],
  ['Orlando', 'FL', '32801', '407'],
  ['Denver', 'CO', '80202', '303'],
  ['New York', 'NY', '10001', '212'],
  ['Chicago', 'IL', '60601', '312'],
];
/** Share of the day's leads per local hour: quiet nights, a morning and an evening peak. */
const HOURLY = [1, 0.5, 0.3, 0.3, 0.4, 0.8, 1.6, 3, 4.5, 5.5, 6, 6, 5.5, 5.5, 5.8, 6, 6.2, 6.5, 6.8, 6.2, 5, 3.8, 2.6, 1.6];

/**
 * About a month of realistic traffic for the demo account, oldest first: weekday and business-hour
 * peaks, a slow rise, two sources and two campaigns, and the usual share of bad posts (missing
 * and malformed fields, repeats, out-of-area states, test posts), so every dashboard view has
 * something to show. Pure: the leads are only described here; the demo posts them through the intake.
 */
export function demoHistory(options: DemoHistoryOptions = {}): HistoricLead[] {
  const now = options.now ?? new Date();
  const days = options.days ?? 30;
  const perDay = options.perDay ?? 20;
  const timeZone = options.timeZone ?? 'America/Los_Angeles';
  const random = seededRandom(options.seed ?? 20261127);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const leads: HistoricLead[] = [];
  const earlier: HistoricLead[] = [];
  const dayMs = 86_400_000;
  const peak = Math.max(...HOURLY);
  for (let day = days - 1; day >= 0; day--) {
    // Each day is the 24 hours ending `day` days before now, so the last one fills up to the present.
    const end = now.getTime() - day * dayMs;
    const weekday = localTime(new Date(end - dayMs / 2), timeZone).weekday;
    const weekend = weekday === 'SAT' || weekday === 'SUN';
    const volume = perDay * (1 + (days - day) * 0.01) * (weekend ? 0.55 : 1) * (0.8 + random() * 0.4);
    const count = Math.floor(volume) + (random() < volume % 1 ? 1 : 0);
    const times: number[] = [];
    while (times.length < count) {
      // Busy at lunch and after work, quiet at night, on the account's clock.
      const at = end - Math.floor(random() * dayMs);
      const hour = Math.floor(localTime(new Date(at), timeZone).minutes / 60);
      if (random() * peak < HOURLY[hour]!) times.push(at);
    }
    for (const at of times.sort((a, b) => a - b)) {
      const lead = makeLead(new Date(at));
      leads.push(lead);
      earlier.push(lead);
    }
  }

  function makeLead(at: Date): HistoricLead {
    const campaign = random() < 0.55 ? 0 : 1;
    const source = random() < 0.62 ? 0 : 1;
    const [city, state, zip, area] = pick(PLACES);
    const first = pick(FIRST);
    const last = pick(LAST);
    const n = leads.length;
    // example.org mailboxes and 555-01xx-free numbers: never the banner's example lead.
    const fields: Record<string, string> = {
      first,
      last,
      email: `${first}.${last}.${n}@example.org`.toLowerCase(),
      phone: `(${area}) 555-${String(2000 + (n % 7000)).padStart(4, '0')}`,
      address: `${100 + (n % 900)} ${pick(['Oak', 'Maple', 'Cedar', 'Pine', 'Elm', 'Lake', 'Hill'])} ${pick(['St', 'Ave', 'Blvd', 'Rd'])}`,
      city,
      state,
      zip,
      ip: `${pick([24, 67, 73, 98, 104, 172])}.${Math.floor(random() * 250)}.${Math.floor(random() * 250)}.${1 + Math.floor(random() * 250)}`,
      subId: `${source === 0 ? 'dv' : 'sm'}-${pick(['search', 'social', 'email', 'display'])}`,
    };
    const flaw = random();
    if (flaw < 0.05) delete fields[pick(['zip', 'last', 'phone'])];
    else if (flaw < 0.08) fields.phone = `${area}-555-01`;
    else if (flaw < 0.1) fields.zip = zip.slice(0, 4);
    else if (flaw < 0.11) fields.email = `${first}.${last}.at.example.org`;
    else if (flaw < 0.17 && earlier.length > 20) {
      // A lead posted again (by the same vendor or another): the duplicate check refuses it.
      const again = earlier[earlier.length - 1 - Math.floor(random() * Math.min(earlier.length, 200))]!;
      return { at, campaign: again.campaign, source: (1 - again.source) as 0 | 1, fields: { ...again.fields }, test: false };
    } else if (flaw < 0.21 && campaign === 1) {
      fields.state = pick(['NY', 'IL', 'NJ', 'MA']);
    }
    return { at, campaign, source, fields, test: random() < 0.012 };
  }
  return leads;
}
