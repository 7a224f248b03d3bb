import { describe, expect, it } from 'vitest';
import { DuplicateScope, MatchOrder } from '../../modules/dialer/index.js';
import { DialerRequestError, mergeParams, NESTED_TEXT } from './dialer-params.js';
import { errorBody, insertedBody, toDialerInsertCall } from './insert-lead.mapper.js';

const call = (params: Record<string, string>) =>
  toDialerInsertCall({ auth_token: 'tok', list_id: '12', phone_number: '2135550100', ...params });
const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (error instanceof DialerRequestError) return error.error;
    throw error;
  }
  throw new Error('expected a refusal');
};

describe('dialer insert mapper', () => {
  it('maps defaults, options and lead fields (control parameters are not lead fields)', () => {
    expect(call({})).toEqual({
      authToken: 'tok',
      complete: true,
      request: {
        listId: '12',
        phoneNumber: '2135550100',
        phoneCode: null,
        values: {},
        checkDup: DuplicateScope.NONE,
        checkDupArchive: false,
        checkDnc: false,
        updateIfFound: false,
        searchListId: null,
        searchCampaignId: null,
        matchLeadId: null,
        matchOrder: MatchOrder.NEWEST_FIRST,
        hopper: false,
        hopperPriority: 99,
        hopperExpiresInMinutes: null,
      },
    });
    const full = call({
      phone_code: '1',
      first_name: 'Ada',
      notes: '',
      custom_x: 'y',
      check_dup: '3',
      check_dup_archive: 'true',
      check_dnc: '1',
      update_if_found: '1',
      search_list_id: '7',
      search_campaign_id: '8',
      lead_id: '99',
      update_order_by_last_called_time: 'asc',
      hopper: 'TRUE',
      hopper_priority: '0',
      hopper_expire_in: '15',
      adaptor_id: '',
      filter_phone_code: '1',
    });
    expect(full.request).toMatchObject({
      phoneCode: '1',
      values: { first_name: 'Ada', custom_x: 'y' },
      checkDup: DuplicateScope.CAMPAIGN,
      checkDupArchive: true,
      checkDnc: true,
      updateIfFound: true,
      searchListId: '7',
      searchCampaignId: '8',
      matchLeadId: '99',
      matchOrder: MatchOrder.OLDEST_FIRST,
      hopper: true,
      hopperPriority: 0,
      hopperExpiresInMinutes: 15,
    });
    // The current spelling wins over the older one.
    expect(call({ hopper_expires_in: '20', hopper_expire_in: '15' }).request.hopperExpiresInMinutes).toBe(20);
  });

  it('reads check_dup as 0-3, "true" as 1 and check_dup_list=1 as 2', () => {
    expect(['0', '1', '2', '3', 'true', 'false', ''].map((v) => call({ check_dup: v }).request.checkDup)).toEqual([
      DuplicateScope.NONE,
      DuplicateScope.ACCOUNT,
      DuplicateScope.LIST,
      DuplicateScope.CAMPAIGN,
      DuplicateScope.ACCOUNT,
      DuplicateScope.NONE,
      DuplicateScope.NONE,
    ]);
    expect(call({ check_dup_list: '1' }).request.checkDup).toBe(DuplicateScope.LIST);
    expect(refusal(() => call({ check_dup: '4' }))).toEqual({
      code: 400,
      text: 'check_dup must be 0 (no check), 1 (account), 2 (list) or 3 (campaign)',
    });
  });

  it('says what is missing and refuses unreadable options', () => {
    expect(toDialerInsertCall({ auth_token: 'tok', list_id: ' ' }).complete).toBe(false);
    expect(toDialerInsertCall({ phone_number: '1', list_id: '1' })).toMatchObject({ authToken: null, complete: true });
    expect(refusal(() => call({ check_dnc: 'yes' }))).toEqual({ code: 400, text: 'check_dnc must be 0 or 1' });
    expect(refusal(() => call({ hopper_priority: '9.5' }))).toEqual({
      code: 400,
      text: 'hopper_priority must be a whole number from 0 to 99',
    });
    expect(refusal(() => call({ hopper_expires_in: '301' }))).toEqual({
      code: 400,
      text: 'hopper_expires_in must be a whole number from 0 to 300',
    });
    expect(refusal(() => call({ hopper_expires_in: '-5' }))).toEqual({
      code: 400,
      text: 'hopper_expires_in must be a whole number from 0 to 300',
    });
    expect(refusal(() => call({ update_order_by_last_called_time: 'UP' }))).toEqual({
      code: 400,
      text: 'update_order_by_last_called_time must be ASC or DESC',
    });
    expect(refusal(() => call({ reject_by_carrier_type: 'VOIP' })).text).toMatch(/^reject_by_carrier_type is not supported/);
  });

  it('reads 0 and empty as unset where the reference\'s own request builder sends them for "none"', () => {
    // The query string Convoso's "Test Request" tab builds, with its unset values.
    const built = call({
      adaptor_id: '',
      check_dup: '0',
      check_dup_archive: '0',
      check_dnc: '0',
      check_wireless: '0',
      hopper: '1',
      hopper_priority: '99',
      hopper_expires_in: '0',
      update_if_found: '',
      update_order_by_last_called_time: 'DESC',
      blueinkdigital_token: '',
      reject_by_carrier_type: '',
      filter_phone_code: '',
      lead_id: '0',
      phone_code: '1',
      created_by: '',
      email: '',
      note: '',
      publisher: 'site',
      search_list_id: '0',
      search_campaign_id: '0',
    });
    expect(built.request).toMatchObject({
      hopperExpiresInMinutes: null,
      matchLeadId: null,
      searchListId: null,
      searchCampaignId: null,
      hopper: true,
      hopperPriority: 99,
      updateIfFound: false,
      checkDup: DuplicateScope.NONE,
      checkDnc: false,
      values: { publisher: 'site' },
    });
    expect(call({ hopper_expire_in: '0', hopper_expires_in: '' }).request.hopperExpiresInMinutes).toBeNull();
    expect(call({ lead_id: '42', hopper_expires_in: '15' }).request).toMatchObject({ matchLeadId: '42', hopperExpiresInMinutes: 15 });
  });

  it('merges query and body flat, the body winning, and refuses nesting', () => {
    expect(mergeParams({ a: '1', b: '2' }, { b: 3, c: true, d: null })).toEqual({ a: '1', b: '3', c: 'true' });
    expect(mergeParams({ a: '1' }, undefined)).toEqual({ a: '1' });
    for (const [query, body] of [
      [{}, { a: { b: 1 } }],
      [{}, { a: [1] }],
      [{ 'a[b]': '1' }, {}],
      [{ a: ['1', '2'] }, {}],
      [{}, [1]],
    ] as const) {
      expect(refusal(() => mergeParams(query, body))).toEqual({ code: 400, text: NESTED_TEXT });
    }
    expect(refusal(() => mergeParams({}, 'text'))).toEqual({ code: 400, text: 'The body must be form fields or a flat JSON object' });
  });

  it('renders replies as the reference does: ids as strings, errors with code and text', () => {
    expect(insertedBody(65007347)).toBe('{"success":true,"data":{"lead_id":"65007347"},"id":"65007347"}');
    expect(errorBody({ code: 6009, text: 'The phone number already exists' })).toBe(
      '{"success":false,"code":6009,"text":"The phone number already exists"}',
    );
  });
});
