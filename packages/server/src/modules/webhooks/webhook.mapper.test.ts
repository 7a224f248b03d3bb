import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import { applyMapping, flattenParams, suggestMapping, WebhookRequestError } from './webhook.mapper.js';

describe('flattenParams', () => {
  it('flattens nested objects and arrays with dotted names; the body wins over the query', () => {
    expect(
      flattenParams(
        { source: 'q', state: 'TX' },
        { contact: { phone: 2135550147, name: { first: 'Ada' } }, tags: ['a', 'b'], state: 'CA', optin: true, none: null },
      ),
    ).toEqual({
      source: 'q',
      state: 'CA',
      'contact.phone': '2135550147',
      'contact.name.first': 'Ada',
      'tags.0': 'a',
      'tags.1': 'b',
      optin: 'true',
      none: '',
    });
  });

  it('takes query parameters alone, and refuses a scalar body or too many parameters', () => {
    expect(flattenParams({ a: '1' }, undefined)).toEqual({ a: '1' });
    expect(() => flattenParams({}, 'text')).toThrow(WebhookRequestError);
    expect(() => flattenParams({}, Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`p${i}`, 'x'])))).toThrow(
      'At most 200 parameters are accepted',
    );
  });
});

describe('suggestMapping', () => {
  it('recognises the usual vendor names', () => {
    const names = [
      'FirstName',
      'lname',
      'phone_1',
      'Email Address',
      'postal_code',
      'xxTrustedFormCertUrl',
      'contact.city',
      'leadid_token',
      'vehicle_year',
      'junk',
    ];
    expect(suggestMapping(names, ['vehicle_year'])).toEqual([
      { field: 'first', from: 'FirstName', constant: null },
      { field: 'last', from: 'lname', constant: null },
      { field: 'email', from: 'Email Address', constant: null },
      { field: 'phone', from: 'phone_1', constant: null },
      { field: 'city', from: 'contact.city', constant: null },
      { field: 'zip', from: 'postal_code', constant: null },
      { field: 'trustedFormCertUrl', from: 'xxTrustedFormCertUrl', constant: null },
      { field: 'jornayaLeadId', from: 'leadid_token', constant: null },
      { field: 'vehicle_year', from: 'vehicle_year', constant: null },
    ]);
  });

  it('uses a parameter once', () => {
    expect(suggestMapping(['phone', 'phone_number'], []).filter((m) => m.field === 'phone')).toEqual([
      { field: 'phone', from: 'phone', constant: null },
    ]);
  });
});

describe('applyMapping', () => {
  it('reads parameters and constants into fields, custom fields and the test flag', () => {
    const mapped = applyMapping({ fname: 'Ada', tel: '2135550147', yr: '2019', is_test: 'TRUE' }, [
      { field: 'first', from: 'fname' },
      { field: 'phone', from: 'tel' },
      { field: 'state', constant: 'TX' },
      { field: 'vehicle_year', from: 'yr' },
      { field: 'zip', from: 'missing' },
      { field: 'test', from: 'is_test' },
    ]);
    expect(mapped).toEqual({ fields: { first: 'Ada', phone: '2135550147', state: 'TX' }, extra: { vehicle_year: '2019' }, test: true });
  });
});
