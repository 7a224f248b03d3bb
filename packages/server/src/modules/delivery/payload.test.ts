import { describe, expect, it } from 'vitest';
import { DestinationFormat, FieldFormat } from './delivery-enums.js';
import { encodeBody, outboundFields, type OutboundLead } from './payload.js';

const lead: OutboundLead = {
  leadId: 'lead_1',
  campaignId: 'cmp_1',
  sourceId: 'src_1',
  receivedAt: new Date('2026-11-23T12:00:00Z'),
  status: 'ACCEPTED',
  price: 12.5,
  fields: { first: 'Ada', last: null, phone: '+12135550100' },
  extra: { plan: 'gold', home: '1 213 555 0199' },
};

describe('outbound payload', () => {
  it('sends our names without a mapping, leaving out empty fields', () => {
    expect(outboundFields(lead, [])).toEqual({
      leadId: 'lead_1',
      campaignId: 'cmp_1',
      sourceId: 'src_1',
      receivedAt: '2026-11-23T12:00:00.000Z',
      status: 'ACCEPTED',
      price: '12.50',
      first: 'Ada',
      phone: '+12135550100',
      plan: 'gold',
      home: '1 213 555 0199',
    });
  });

  it('maps fields, constants and formats; absent values are left out', () => {
    expect(
      outboundFields(lead, [
        { to: 'phone10', from: 'phone', format: FieldFormat.PHONE_10 },
        { to: 'home', from: 'home', format: FieldFormat.E164 },
        { to: 'name', from: 'first', format: FieldFormat.UPPERCASE },
        { to: 'src', value: 'LG', format: FieldFormat.LOWERCASE },
        { to: 'last', from: 'last' },
        { to: 'nope', from: 'unknown' },
      ]),
    ).toEqual({ phone10: '2135550100', home: '+12135550199', name: 'ADA', src: 'lg' });
  });

  it('encodes JSON or form fields', () => {
    expect(encodeBody({ a: '1', b: 'x y' }, DestinationFormat.JSON)).toEqual({
      body: '{"a":"1","b":"x y"}',
      contentType: 'application/json',
    });
    expect(encodeBody({ a: '1', b: 'x y' }, DestinationFormat.FORM)).toEqual({
      body: 'a=1&b=x+y',
      contentType: 'application/x-www-form-urlencoded',
    });
  });
});
