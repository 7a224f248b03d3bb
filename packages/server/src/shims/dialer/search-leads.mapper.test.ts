import { describe, expect, it } from 'vitest';
import { DialerRequestError } from './dialer-params.js';
import { toLeadSearch } from './search-leads.mapper.js';

const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (error instanceof DialerRequestError) return error.error;
    throw error;
  }
  throw new Error('expected a refusal');
};

describe('dialer lead search mapper', () => {
  it('reads the common filters, paging and defaults', () => {
    expect(toLeadSearch({ auth_token: 't' })).toEqual({
      authToken: 't',
      search: {
        id: null,
        listId: null,
        phone: null,
        email: null,
        first: null,
        last: null,
        city: null,
        state: null,
        zip: null,
        createdFrom: null,
        createdTo: null,
        updatedFrom: null,
        updatedTo: null,
        offset: 0,
        limit: 10,
      },
    });
    expect(
      toLeadSearch({
        lead_id: '5',
        list_id: '7',
        phone_number: '2135550100',
        email: 'a@b.co',
        first_name: 'Ada',
        last_name: 'L',
        city: 'LA',
        state: 'CA',
        postal_code: '90012',
        created_at_start_date: '2026-01-01 00:00:00',
        created_at_end_date: '2026-01-31',
        updated_at_start_date: '2026-02-01',
        updated_at_end_date: '2026-02-02',
        offset: '20',
        limit: '5000',
        status: 'NEW',
      }).search,
    ).toEqual({
      id: 5,
      listId: 7,
      phone: '2135550100',
      email: 'a@b.co',
      first: 'Ada',
      last: 'L',
      city: 'LA',
      state: 'CA',
      zip: '90012',
      createdFrom: '2026-01-01 00:00:00',
      createdTo: '2026-01-31',
      updatedFrom: '2026-02-01',
      updatedTo: '2026-02-02',
      offset: 20,
      limit: 2000,
    });
  });

  it('reads 0 as "any" and an impossible id as one that matches nothing', () => {
    expect(toLeadSearch({ lead_id: '0', list_id: '' }).search).toMatchObject({ id: null, listId: null });
    expect(toLeadSearch({ lead_id: 'abc', list_id: '-3' }).search).toMatchObject({ id: -1, listId: -1 });
  });

  it("refuses unreadable paging with the reference's codes", () => {
    expect(refusal(() => toLeadSearch({ limit: '0' }))).toEqual({ code: 7230, text: 'Invalid limit value' });
    expect(refusal(() => toLeadSearch({ limit: '1.5' }))).toEqual({ code: 7230, text: 'Invalid limit value' });
    expect(refusal(() => toLeadSearch({ offset: '-1' }))).toEqual({ code: 7231, text: 'Invalid offset value' });
  });
});
