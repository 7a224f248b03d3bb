/**
 * Lead data for the benchmark: the campaign's targeting lists and a generator of leads that pass
 * every rule, each with a unique email and phone (the duplicate rule would reject a repeat).
 */
import { randomBytes } from 'node:crypto';

/** The ~20 states the campaign targets (INCLUDE) and its "Licensed state" condition lists. */
export const TARGET_STATES = [
  'AZ',
  'CA',
  'CO',
  'FL',
  'GA',
  'IL',
  'IN',
  'MA',
  'MD',
  'MI',
  'MN',
  'MO',
  'NC',
  'NJ',
  'NY',
  'OH',
  'PA',
  'TN',
  'TX',
  'VA',
  'WA',
] as const;

/** Size of the campaign's zip INCLUDE list. */
export const ZIP_COUNT = 40_000;

/** The zip INCLUDE list: 40,000 distinct 5-digit zips (10000, 10002, ... 89998). */
export function zipList(count = ZIP_COUNT): string[] {
  return Array.from({ length: count }, (_, i) => String(10_000 + i * 2));
}

/** The zip list as the CSV a customer would upload (header, one zip per line). */
export const zipCsv = (zips: readonly string[]): string => `zip\n${zips.join('\n')}\n`;

/** US IPv4 addresses to try (Google's ranges); setup keeps those the gateway places in the US. */
export const CANDIDATE_IPS = ['8.8.8.8', '8.8.4.4', '8.8.8.42', '173.194.32.10', '173.194.44.77', '173.194.100.5'];

/** Sub ids the source's approval blocks; generated leads never use them. */
export const BLOCKED_SUB_IDS = ['sub-blocked-1', 'sub-blocked-2', 'sub-blocked-3', 'fraud-7', 'fraud-9'];

const FIRST = ['Ada', 'Grace', 'Alan', 'Edsger', 'Barbara', 'Donald', 'Frances', 'Ken', 'Margaret', 'Dennis'];
const LAST = ['Lovelace', 'Hopper', 'Turing', 'Dijkstra', 'Liskov', 'Knuth', 'Allen', 'Thompson', 'Hamilton', 'Ritchie'];

/** The fields of one generated lead, with Leadgate's (GraphQL) names. */
export interface BenchLead {
  first: string;
  last: string;
  email: string;
  phone: string;
  state: string;
  zip: string;
  ip: string;
  subId: string;
  trustedFormCertUrl: string;
  /** Custom fields: a TEXT `age` and a URL `landing_page`. */
  extra: { age: string; landing_page: string };
}

/**
 * A NANP phone number for index `n`, 10 digits: area code and exchange both start with 2-9.
 * `areaBase` separates number spaces: 300 for live traffic (300-999), 200 for preloaded rows
 * (200-299), so the two never collide. Unique for n < 8,000,000 x the area codes in the space.
 */
export function phoneDigits(n: number, areaBase = 300, areaSpan = 700): string {
  const line = n % 10_000;
  const exchange = 200 + (Math.floor(n / 10_000) % 800);
  const area = areaBase + (Math.floor(n / 8_000_000) % areaSpan);
  return `${area}${exchange}${String(line).padStart(4, '0')}`;
}

/** Generates leads that every rule of the bench campaign accepts, each with its own email and phone. */
export class LeadFactory {
  private n = 0;
  private readonly tag = randomBytes(3).toString('hex');

  constructor(
    private readonly zips: readonly string[],
    private readonly ips: readonly string[],
  ) {
    if (zips.length === 0 || ips.length === 0) throw new Error('LeadFactory needs at least one zip and one IP');
  }

  /** Leads generated so far. */
  get count(): number {
    return this.n;
  }

  next(): BenchLead {
    const n = this.n++;
    const digits = phoneDigits(n);
    return {
      first: FIRST[n % FIRST.length]!,
      last: LAST[(n >> 3) % LAST.length]!,
      // Mixed case and a formatted phone exercise the normalization a vendor's post goes through.
      email: `Lead.${this.tag}.${n}@Example.com`,
      phone: n % 2 ? `(${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6)}` : digits,
      state: TARGET_STATES[n % TARGET_STATES.length]!,
      zip: this.zips[(n * 7919) % this.zips.length]!,
      ip: this.ips[n % this.ips.length]!,
      subId: `sub-${n % 50}`,
      trustedFormCertUrl: `https://cert.trustedform.com/${randomBytes(20).toString('hex')}`,
      extra: { age: String(18 + (n % 60)), landing_page: `https://quotes.example.com/auto?utm_source=bench&v=${n % 7}` },
    };
  }
}
