import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors/app-error.js';
import { LeadDoor } from '../leads/lead-enums.js';
import type { LeadDraft } from '../intake/lead-draft.js';
import { normalizeLead, normalizePhone, normalizeZip } from './normalize.js';

const draft = (fields: LeadDraft['fields'], extra: LeadDraft['extra'] = {}): LeadDraft => ({
  campaignId: 'cmp',
  fields,
  extra,
  test: false,
  door: LeadDoor.GRAPHQL,
});

describe('normalizeLead', () => {
  it('trims, lower-cases email, upper-cases state, makes the phone E.164 and the zip 5 digits', () => {
    const lead = normalizeLead(
      draft({ first: '  Ada ', email: ' Ada@Example.COM ', state: 'ca', phone: '(213) 555-0147', zip: '90012-1234', city: '' }),
    );
    expect(lead.fields).toMatchObject({
      first: 'Ada',
      email: 'ada@example.com',
      state: 'CA',
      phone: '+12135550147',
      zip: '90012',
      city: null,
      last: null,
    });
  });

  it('keeps what it cannot read as posted, for the format rules to judge', () => {
    expect(normalizePhone('12')).toBe('12');
    expect(normalizePhone('+1 213 555 0147')).toBe('+12135550147');
    // Bare and punctuated digits take a shortcut that must agree with libphonenumber.
    for (const raw of [
      '(213) 555-0147',
      '213-555-0147',
      '213.555.0147',
      '1 (213) 555-0147',
      '+1 (213) 555-0147',
      '1-213-555-0147',
      '+1.213.555.0147',
      '(213)555-0147',
      '213 - 555 - 0147',
      '(123) 555-0147',
      '(213) 555-014',
      '(213) 555-01477',
      '+2 (213) 555-0147',
      '2135550147',
      '12135550147',
      '+12135550147',
      '1235550147',
      '0135550147',
      '+2135550147',
      '213555014',
      '121355501478',
    ]) {
      const parsed = parsePhoneNumberFromString(raw, 'US');
      expect([raw, normalizePhone(raw)]).toEqual([raw, parsed?.isPossible() ? parsed.number : raw]);
    }
    expect(normalizeZip('9001')).toBe('9001');
    expect(normalizeZip('900121234')).toBe('90012');
  });

  it('turns numbers and booleans into strings and drops blank custom fields', () => {
    const lead = normalizeLead(draft({ zip: 90012 }, { age: 42, homeowner: true, note: '  ' }));
    expect(lead.fields.zip).toBe('90012');
    expect(lead.extra).toEqual({ age: '42', homeowner: 'true' });
  });

  it.each([
    [draft({ first: 'x'.repeat(101) }), 'first must be at most 100 characters'],
    [draft({ first: { a: 1 } }), 'first must be a string, number or boolean'],
    [draft({}, { 'bad name': 'x' }), '"bad name" is not a valid custom field name'],
    [draft({}, { email: 'x' }), 'email is a standard field; send it as such, not as a custom field'],
    [draft({}, { note: 'x'.repeat(2001) }), 'note must be at most 2000 characters'],
    [draft({}, Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`f${i}`, 'x']))), 'at most 100 custom fields are allowed'],
  ])('refuses what the database would not store: %#', (input, message) => {
    let error: unknown;
    try {
      normalizeLead(input);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', message });
  });
});
