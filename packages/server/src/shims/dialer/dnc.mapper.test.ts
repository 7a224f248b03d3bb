import { describe, expect, it } from 'vitest';
import { DialerRequestError } from './dialer-params.js';
import { DNC_CODES, toDncDelete, toDncInsert, toDncSearch } from './dnc.mapper.js';

const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (error instanceof DialerRequestError) return error.error;
    throw error;
  }
  throw new Error('expected a refusal');
};

describe('dialer DNC mapper', () => {
  it('reads an insert: number, list (0 account-wide, -1 purpose, else a dialer campaign), reason, purpose and notes', () => {
    expect(
      toDncInsert({
        auth_token: 't',
        phone_number: '2135550100',
        phone_code: '1',
        campaign_id: '0',
        reason: 'DNC',
        purpose: 'TELEMKT',
        notes: 'asked',
      }),
    ).toEqual({
      authToken: 't',
      target: { phone: '2135550100', dialerCampaignId: '0', note: 'asked', reason: 'DNC', purpose: 'TELEMKT' },
    });
    expect(toDncInsert({ phone_number: '2135550100', campaign_id: '-1' }).target).toMatchObject({
      dialerCampaignId: '-1',
      reason: null,
      purpose: null,
    });
    expect(toDncInsert({ phone_number: '2135550100', campaign_id: '17', phone_code: '+1' }).target.dialerCampaignId).toBe('17');
    expect(toDncInsert({ phone_number: '2135550100', campaign_id: '' }).target.dialerCampaignId).toBe('0');
  });

  it("refuses an insert with the reference's DNC codes", () => {
    expect(refusal(() => toDncInsert({}))).toEqual(DNC_CODES.INVALID_PHONE);
    expect(refusal(() => toDncInsert({ phone_number: '555' }))).toEqual({ code: 6007, text: 'Invalid Phone Number' });
    expect(refusal(() => toDncInsert({ phone_number: '2071838750', phone_code: '44' }))).toEqual({
      code: 6026,
      text: 'Missing or Invalid Country Code',
    });
    expect(refusal(() => toDncInsert({ phone_number: '2135550100', campaign_id: 'abc' }))).toEqual({
      code: 6006,
      text: 'Invalid Campaign ID',
    });
    expect(refusal(() => toDncInsert({ phone_number: '2135550100', campaign_id: '-2' }))).toEqual({
      code: 6006,
      text: 'Invalid Campaign ID',
    });
    expect(refusal(() => toDncInsert({ phone_number: '2135550100', reason: 'x'.repeat(101) }))).toEqual({
      code: 6058,
      text: 'Invalid Reason Provided',
    });
    expect(refusal(() => toDncInsert({ phone_number: '2135550100', purpose: 'x'.repeat(101) }))).toEqual({
      code: 6057,
      text: 'Invalid Purpose Provided',
    });
  });

  it('reads a delete; a number that cannot be listed has no target (not found)', () => {
    expect(toDncDelete({ auth_token: 't', phone_number: '2135550100', phone_code: '1', campaign_id: '0' })).toEqual({
      authToken: 't',
      target: { phone: '2135550100', dialerCampaignId: '0' },
    });
    expect(toDncDelete({ phone_number: '555' }).target).toBeNull();
    expect(toDncDelete({ phone_number: '2071838750', phone_code: '44' }).target).toBeNull();
    expect(refusal(() => toDncDelete({ phone_code: '1' }))).toEqual({ code: 6002, text: 'Missing Phone Number' });
  });

  it('reads a search without a phone number, with paging, filters and defaults', () => {
    expect(toDncSearch({ auth_token: 't' })).toEqual({
      authToken: 't',
      search: { dialerCampaignId: undefined, id: null, phone: null, insertDate: null, reason: null, purpose: null, offset: 0, limit: 1000 },
    });
    expect(
      toDncSearch({
        campaign_id: '0',
        offset: '100',
        limit: '5000',
        reason: '-BLANK-',
        purpose: '-NOTBLANK-',
        id: '7',
        insert_date: '2026-03-03 10:30:00',
      }).search,
    ).toEqual({
      dialerCampaignId: '0',
      id: 7,
      phone: null,
      insertDate: '2026-03-03 10:30:00',
      reason: 'BLANK',
      purpose: 'NOT_BLANK',
      offset: 100,
      limit: 1000,
    });
    expect(toDncSearch({ reason: 'DNC', id: 'x' }).search).toMatchObject({ reason: { equals: 'DNC' }, id: -1 });
    expect(refusal(() => toDncSearch({ offset: '-1' }))).toEqual({ code: 7231, text: 'Invalid offset value' });
    expect(refusal(() => toDncSearch({ offset: '100001' }))).toEqual({ code: 7231, text: 'Invalid offset value' });
    expect(refusal(() => toDncSearch({ limit: '0' }))).toEqual({ code: 7230, text: 'Invalid limit value' });
    expect(refusal(() => toDncSearch({ limit: 'ten' }))).toEqual({ code: 7230, text: 'Invalid limit value' });
    expect(refusal(() => toDncSearch({ phone_number: '12' }))).toEqual({ code: 6007, text: 'Invalid Phone Number' });
  });
});
