import type { StandardField } from '../fields/lead-fields.js';
import type { NamedRule } from '../campaigns/named-rule.js';
import { ConsentRequirement, CustomFieldType, ListMode, RuleKind } from '../campaigns/requirement-enums.js';
import type { CustomField, StateTargeting } from '../campaigns/requirements.js';
import { US_STATES } from '../campaigns/us-states.js';

/** The name each standard field is posted under at `/ca/submit` (the Opta contract's spelling). */
export const POSTED_NAMES: Readonly<Record<StandardField, string>> = {
  first: 'first',
  last: 'last',
  email: 'email',
  phone: 'phone',
  address: 'address',
  city: 'city',
  state: 'state',
  zip: 'zip',
  ip: 'ip',
  subId: 'subid',
  affId: 'affid',
  trustedFormCertUrl: 'trustedform_cert_url',
  jornayaLeadId: 'jornaya_leadid',
};

/** Other names `/ca/submit` also reads for a standard field. */
export const POSTED_ALIASES: Readonly<Partial<Record<StandardField, readonly string[]>>> = {
  first: ['first_name'],
  last: ['last_name'],
  phone: ['phone_1', 'phone1'],
  address: ['address1'],
  zip: ['postal_code', 'zip_code'],
  ip: ['ip_address'],
  subId: ['sub_id'],
  affId: ['aff_id'],
  trustedFormCertUrl: ['tf', 'trustedform', 'xxTrustedFormCertUrl', 'trusted_form_cert_url'],
  jornayaLeadId: ['universal_leadid', 'leadid_token'],
};

/** The posted name of a field named as Leadgate stores it (custom fields keep their name). */
export const postedName = (field: string): string => (Object.hasOwn(POSTED_NAMES, field) ? POSTED_NAMES[field as StandardField] : field);

/** A city and a ZIP code in each state, for sample leads: the capital, or the largest city. */
const PLACES: ReadonlyArray<readonly [state: string, city: string, zip: string]> = [
  ['CA', 'Los Angeles', '90012'],
  ['TX', 'Austin', '78701'],
  ['FL', 'Miami', '33130'],
  ['NY', 'New York', '10001'],
  ['IL', 'Chicago', '60601'],
  ['PA', 'Philadelphia', '19107'],
  ['OH', 'Columbus', '43215'],
  ['GA', 'Atlanta', '30303'],
  ['NC', 'Raleigh', '27601'],
  ['MI', 'Detroit', '48226'],
  ['AZ', 'Phoenix', '85004'],
  ['WA', 'Seattle', '98101'],
  ['AL', 'Montgomery', '36104'],
  ['AK', 'Anchorage', '99501'],
  ['AR', 'Little Rock', '72201'],
  ['CO', 'Denver', '80202'],
  ['CT', 'Hartford', '06103'],
  ['DE', 'Dover', '19901'],
  ['DC', 'Washington', '20001'],
  ['HI', 'Honolulu', '96813'],
  ['ID', 'Boise', '83702'],
  ['IN', 'Indianapolis', '46204'],
  ['IA', 'Des Moines', '50309'],
  ['KS', 'Topeka', '66603'],
  ['KY', 'Louisville', '40202'],
  ['LA', 'New Orleans', '70112'],
  ['ME', 'Portland', '04101'],
  ['MD', 'Baltimore', '21202'],
  ['MA', 'Boston', '02108'],
  ['MN', 'Minneapolis', '55401'],
  ['MS', 'Jackson', '39201'],
  ['MO', 'Kansas City', '64106'],
  ['MT', 'Helena', '59601'],
  ['NE', 'Omaha', '68102'],
  ['NV', 'Las Vegas', '89101'],
  ['NH', 'Concord', '03301'],
  ['NJ', 'Newark', '07102'],
  ['NM', 'Albuquerque', '87102'],
  ['ND', 'Bismarck', '58501'],
  ['OK', 'Oklahoma City', '73102'],
  ['OR', 'Portland', '97204'],
  ['RI', 'Providence', '02903'],
  ['SC', 'Columbia', '29201'],
  ['SD', 'Sioux Falls', '57104'],
  ['TN', 'Nashville', '37219'],
  ['UT', 'Salt Lake City', '84111'],
  ['VT', 'Burlington', '05401'],
  ['VA', 'Richmond', '23219'],
  ['WV', 'Charleston', '25301'],
  ['WI', 'Milwaukee', '53202'],
  ['WY', 'Cheyenne', '82001'],
  ['PR', 'San Juan', '00901'],
  ['GU', 'Hagatna', '96910'],
  ['VI', 'Charlotte Amalie', '00802'],
  ['AS', 'Pago Pago', '96799'],
  ['MP', 'Saipan', '96950'],
];

/** A place (state, city, zip) for sample leads. */
export interface SamplePlace {
  state: string;
  city: string;
  zip: string;
}

/** Places in the states the targeting lets through, most familiar first. */
export function candidatePlaces(targeting: StateTargeting | null): SamplePlace[] {
  const listed = new Set(targeting?.states ?? []);
  const allowed = (state: string) => !targeting || (targeting.mode === ListMode.INCLUDE ? listed.has(state) : !listed.has(state));
  return PLACES.filter(([state]) => US_STATES.has(state) && allowed(state)).map(([state, city, zip]) => ({ state, city, zip }));
}

/**
 * A place that passes the campaign's state and zip targeting where it can: `listed` are the
 * candidates' zips found in the campaign's zip list, `firstListedZip` the list's first entry.
 */
export function pickPlace(
  candidates: readonly SamplePlace[],
  zipMode: ListMode | null,
  listed: ReadonlySet<string>,
  firstListedZip: string | null,
): SamplePlace {
  const fallback = candidates[0] ?? { state: 'CA', city: 'Los Angeles', zip: '90012' };
  if (zipMode === ListMode.INCLUDE) {
    const inList = candidates.find((p) => listed.has(p.zip));
    return inList ?? (firstListedZip ? { ...fallback, zip: firstListedZip } : fallback);
  }
  if (zipMode === ListMode.EXCLUDE) return candidates.find((p) => !listed.has(p.zip)) ?? fallback;
  return fallback;
}

/** Example values of the standard fields; all pass the format checks (and a US-only IP check). */
export function standardExamples(place: SamplePlace): Record<StandardField, string> {
  return {
    first: 'John',
    last: 'Doe',
    email: 'john.doe@example.com',
    phone: '5551234567',
    address: '123 Main St',
    city: place.city,
    state: place.state,
    zip: place.zip,
    ip: '8.8.8.8',
    subId: 'sub-1001',
    affId: 'aff-42',
    trustedFormCertUrl: 'https://cert.trustedform.com/0123456789abcdef0123456789abcdef01234567',
    jornayaLeadId: '01234567-89ab-4cde-8f01-23456789abcd',
  };
}

/** An example value of a custom field. */
export const customExample = (field: Pick<CustomField, 'type'> | undefined): string =>
  field?.type === CustomFieldType.URL ? 'https://example.com/landing-page' : 'example';

/** The consent fields a campaign's requirement makes a sample lead carry. */
export function consentFields(consent: ConsentRequirement): StandardField[] {
  switch (consent) {
    case ConsentRequirement.TRUSTEDFORM:
    case ConsentRequirement.EITHER:
      return ['trustedFormCertUrl'];
    case ConsentRequirement.JORNAYA:
      return ['jornayaLeadId'];
    case ConsentRequirement.BOTH:
      return ['trustedFormCertUrl', 'jornayaLeadId'];
    default:
      return [];
  }
}

/**
 * A value of `field` that a campaign CONDITION asks for, when one says so simply (a leaf, or a
 * leaf of a top-level `all`: `eq`, `in`, `gte`, `gt`, ...), so the sample lead meets it too.
 */
export function exampleFromConditions(rules: readonly NamedRule[], field: string): string | null {
  for (const rule of rules) {
    if (rule.kind !== RuleKind.CONDITION) continue;
    const leaves = 'all' in rule.condition ? rule.condition.all : [rule.condition];
    for (const leaf of leaves) {
      if (!('field' in leaf) || leaf.field !== field) continue;
      const value = leaf.value;
      if (Array.isArray(value)) {
        if (leaf.op === 'in' && value.length > 0) return String(value[0]);
        continue;
      }
      if (value === undefined) continue;
      const n = typeof value === 'number' ? value : Number.NaN;
      switch (leaf.op) {
        case 'eq':
        case 'gte':
        case 'lte':
        case 'startsWith':
        case 'endsWith':
        case 'contains':
          return String(value);
        case 'gt':
          if (Number.isFinite(n)) return String(Math.floor(n) + 1);
          break;
        case 'lt':
          if (Number.isFinite(n)) return String(Math.ceil(n) - 1);
          break;
        default:
          break;
      }
    }
  }
  return null;
}
