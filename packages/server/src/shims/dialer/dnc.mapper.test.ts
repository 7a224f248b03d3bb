import { describe, expect, it } from 'vitest';
import { DialerRequestError } from './dialer-params.js';
import { toDncCall } from './dnc.mapper.js';

describe('dialer DNC mapper', () => {
  it('reads the number, its country code and the list it is about', () => {
    expect(toDncCall({ auth_token: 't', phone_number: '2135550100', campaign_id: '0', notes: 'asked' })).toEqual({
      authToken: 't', target: { phone: '2135550100', phoneCode: null, dialerCampaignId: null, note: 'asked' },
    });
    expect(toDncCall({ phone_number: '2135550100', phone_code: '1', campaign_id: '17' }).target).toMatchObject({ phoneCode: '1', dialerCampaignId: '17' });
  });

  it('refuses a missing or impossible number and a campaign id that is not one', () => {
    const errorOf = (params: Record<string, string>) => {
      try {
        toDncCall(params);
      } catch (error) {
        if (error instanceof DialerRequestError) return error.error;
        throw error;
      }
      return null;
    };
    expect(errorOf({})).toEqual({ code: 400, text: 'phone_number is required' });
    expect(errorOf({ phone_number: '555' })).toEqual({ code: 6008, text: 'The phone number is invalid' });
    expect(errorOf({ phone_number: '2071838750', phone_code: '44' })).toEqual({ code: 6008, text: 'The phone number is invalid' });
    expect(errorOf({ phone_number: '2135550100', campaign_id: 'abc' })).toEqual({ code: 400, text: 'campaign_id must be a dialer campaign id, or 0 for the account-wide list' });
  });
});
