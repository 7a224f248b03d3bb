import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningGateway } from '../src/main.js';
import { DRIVER, gqlOk, uniquePhone } from './helpers.js';
import { createDialerTenant, DIALER_LEAD, SUCCESS, startClockedGateway, TestClock, type DialerTenant } from './dialer-fixtures.js';

/**
 * The dialer doors called exactly as public clients of the reference call them (see
 * docs/migration-research.md): the fixtures are ours, written from what those clients send.
 */
describe(`dialer doors as real clients call them (${DRIVER})`, () => {
  let gw: RunningGateway;
  const clock = new TestClock();
  beforeAll(async () => {
    gw = await startClockedGateway(clock);
  });
  afterAll(() => gw.close());

  const digits = (phone: string) => phone.replace(/\D/g, '');
  /** A call with every parameter in the query string, as a GET (no body, no content type) unless told otherwise. */
  const call = async (path: string, params: Record<string, string>, init: RequestInit = {}) => {
    const res = await fetch(`${gw.url}${path}?${new URLSearchParams(params)}`, init);
    const raw = await res.text();
    return { status: res.status, raw, body: JSON.parse(raw) };
  };
  /** A form-encoded POST with the token in the body, as the form-posting SDKs send it. */
  const form = async (path: string, params: Record<string, string>) => {
    const res = await fetch(`${gw.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(params).toString(),
    });
    const raw = await res.text();
    return { status: res.status, raw, body: JSON.parse(raw) };
  };
  /** The query string the reference's "Test Request" tab builds: every field, unset ones as 0 or empty. */
  const builderQuery = (t: DialerTenant, lead: Record<string, string>) => ({
    auth_token: t.adminKey,
    adaptor_id: '',
    list_id: t.listId,
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
    last_modified_by: '',
    owner_id: '',
    first_name: '',
    last_name: '',
    phone_number: '',
    alt_phone_1: '',
    alt_phone_2: '',
    address1: '',
    address2: '',
    city: '',
    state: '',
    province: '',
    postal_code: '',
    country: '',
    gender: '',
    date_of_birth: '',
    note: '',
    publisher: '',
    ...lead,
  });

  it("inserts by GET with the builder's full query string: hopper_expires_in=0 never expires, lead_id=0 matches nothing", async () => {
    const t = await createDialerTenant(gw.url);
    const phone = uniquePhone();
    const res = await call(
      '/v1/leads/insert',
      builderQuery(t, {
        first_name: 'Ada',
        last_name: 'Lovelace',
        email: 'ada@example.com',
        phone_number: phone,
        address1: '1 Main St',
        postal_code: '90012',
        date_of_birth: '12/10/1990',
        publisher: 'healthquotepros',
        ip_address: '203.0.113.9',
      }),
    );
    expect(res.status).toBe(200);
    expect(res.raw).toMatch(SUCCESS);
    const { dialerLead } = await gqlOk(gw.url, DIALER_LEAD, { id: res.body.id }, t.adminKey);
    expect(dialerLead).toMatchObject({ listId: t.listId, lead: { status: 'ACCEPTED', first: 'Ada', zip: '90012' } });
    expect(dialerLead.lead.extra).toEqual({ date_of_birth: '12/10/1990', publisher: 'healthquotepros', ip_address: '203.0.113.9' });
    const { hopper } = await gqlOk(
      gw.url,
      `query($l: ID!) { hopper(listId: $l) { dialerLeadId priority expiresAt } }`,
      { l: t.listId },
      t.adminKey,
    );
    expect(hopper).toEqual([{ dialerLeadId: res.body.id, priority: 99, expiresAt: null }]);
  });

  it('answers GET and POST alike, with the token in the query and an empty JSON body or a JSON body of lead fields', async () => {
    const t = await createDialerTenant(gw.url);
    // An SDK that sends every call as GET with Content-Type: application/json and no body; booleans as true/false.
    const sdk = await call(
      '/v1/leads/insert',
      {
        auth_token: t.adminKey,
        list_id: t.listId,
        phone_number: digits(uniquePhone()),
        check_dup: '2',
        hopper: 'true',
        check_dnc: 'false',
      },
      {
        headers: { 'content-type': 'application/json' },
      },
    );
    expect(sdk.raw).toMatch(SUCCESS);
    // A site function: POST, the builder's query string with empty lead fields, and the lead in a JSON body (the body wins).
    const phone = uniquePhone();
    const site = await call('/v1/leads/insert', builderQuery(t, {}), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ first_name: 'Body', phone_number: phone, email: 'body@example.com' }),
    });
    expect(site.raw).toMatch(SUCCESS);
    // The same duplicate answer by GET as by POST.
    const again = { auth_token: t.adminKey, list_id: t.listId, phone_number: phone, check_dup: '2' };
    const byGet = await call('/v1/leads/insert', again);
    const byPost = await form('/v1/leads/insert', again);
    expect(byGet).toEqual(byPost);
    expect(byGet.raw).toBe('{"success":false,"code":6009,"text":"The phone number already exists"}');
    expect((await call('/v1/leads/insert', { auth_token: 'wrong', list_id: t.listId, phone_number: phone })).raw).toBe(
      '{"success":false,"code":5001,"text":"Auth token is invalid"}',
    );
  });

  it("refuses a DNC number with a code in none of the reference's tables", async () => {
    const t = await createDialerTenant(gw.url);
    const phone = digits(uniquePhone());
    expect(
      (
        await call('/v1/dnc/insert', {
          auth_token: t.adminKey,
          phone_number: phone,
          phone_code: '1',
          campaign_id: '0',
          reason: 'DNC',
          purpose: 'TELEMKT',
        })
      ).raw,
    ).toMatch(/^\{"success":true,"id":\d+\}$/);
    const refused = await call('/v1/leads/insert', builderQuery(t, { phone_number: phone, check_dnc: '1' }));
    expect(refused.raw).toBe('{"success":false,"code":6102,"text":"The phone number is in the DNC list"}');
  });

  it('keeps DNC numbers the way the DNC API clients expect: numeric ids, reason and purpose, search without a phone, paging', async () => {
    const t = await createDialerTenant(gw.url);
    const phones = [uniquePhone(), uniquePhone(), uniquePhone()].map(digits);
    // Form posts with the token in the body.
    const first = await form('/v1/dnc/insert', {
      auth_token: t.adminKey,
      phone_number: phones[0]!,
      phone_code: '1',
      campaign_id: '0',
      reason: 'Customer Request',
    });
    expect(first.raw).toMatch(/^\{"success":true,"id":\d+\}$/);
    expect(typeof first.body.id).toBe('number');
    // GET with Content-Type: application/json; campaign_id -1 is the purpose list.
    const json = { headers: { 'content-type': 'application/json' } };
    const second = await call(
      '/v1/dnc/insert',
      {
        auth_token: t.adminKey,
        phone_number: phones[1]!,
        phone_code: '1',
        campaign_id: '-1',
        reason: 'ConsentRevoked',
        purpose: 'TELEMKT',
      },
      json,
    );
    const third = await call(
      '/v1/dnc/insert',
      { auth_token: t.adminKey, phone_number: phones[2]!, phone_code: '1', campaign_id: t.dialerCampaignId },
      json,
    );
    expect(second.body.id).toBeGreaterThan(first.body.id);
    expect(third.body.id).toBeGreaterThan(second.body.id);
    expect(
      (await form('/v1/dnc/insert', { auth_token: t.adminKey, phone_number: phones[0]!, phone_code: '1', campaign_id: '0' })).raw,
    ).toBe('{"success":false,"code":6008,"text":"The phone number already exists"}');

    const all = await form('/v1/dnc/search', { auth_token: t.adminKey });
    expect(all.body.success).toBe(true);
    expect(all.body.data).toMatchObject({ offset: 0, limit: 1000, total: 3 });
    expect(all.body.data.entries[0]).toEqual({
      id: String(first.body.id),
      phone_number: phones[0],
      campaign_id: '0',
      insert_date: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
      phone_code: '1',
      campaign_uid: '0',
      campaign_name: 'Global DNC',
      reason: 'Customer Request',
      purpose: '',
    });
    expect(all.body.data.entries.map((e: { campaign_id: string }) => e.campaign_id)).toEqual(['0', '-1', t.dialerCampaignId]);
    expect(all.body.data.entries[1]).toMatchObject({ campaign_name: 'Purpose DNC', reason: 'ConsentRevoked', purpose: 'TELEMKT' });
    expect(all.body.data.entries[2]).toMatchObject({ campaign_name: 'Outbound' });

    // Paging as an auto-paginating client walks it: offset and limit, total unchanged.
    const pages = [];
    for (let offset = 0; ; offset += 2) {
      const page = await call('/v1/dnc/search', { auth_token: t.adminKey, offset: String(offset), limit: '2' }, json);
      expect(page.body.data).toMatchObject({ offset, limit: 2, total: 3 });
      pages.push(...page.body.data.entries.map((e: { id: string }) => e.id));
      if (page.body.data.entries.length < 2) break;
    }
    expect(pages).toEqual(all.body.data.entries.map((e: { id: string }) => e.id));
    expect((await form('/v1/dnc/search', { auth_token: t.adminKey, campaign_id: '0' })).body.data.total).toBe(1);
    expect((await form('/v1/dnc/search', { auth_token: t.adminKey, campaign_id: '-1' })).body.data.entries[0].phone_number).toBe(phones[1]);
    expect((await form('/v1/dnc/search', { auth_token: t.adminKey, reason: '-BLANK-' })).body.data.total).toBe(1);
    expect((await form('/v1/dnc/search', { auth_token: t.adminKey, reason: '-NOTBLANK-' })).body.data.total).toBe(2);
    expect((await form('/v1/dnc/search', { auth_token: t.adminKey, purpose: 'TELEMKT' })).body.data.total).toBe(1);
    expect(
      (await form('/v1/dnc/search', { auth_token: t.adminKey, phone_number: phones[2]!, phone_code: '1' })).body.data.entries,
    ).toHaveLength(1);
    expect((await form('/v1/dnc/search', { auth_token: t.adminKey, id: String(second.body.id) })).body.data.entries[0].id).toBe(
      String(second.body.id),
    );
    expect((await form('/v1/dnc/search', { auth_token: t.adminKey, insert_date: '2999-01-01 00:00:00' })).body.data.total).toBe(0);
    expect((await form('/v1/dnc/search', { auth_token: t.adminKey, offset: '100001' })).raw).toBe(
      '{"success":false,"code":7231,"text":"Invalid offset value"}',
    );

    // Deleting: the reference's codes for a number that is not on the list.
    const del = (params: Record<string, string>) => form('/v1/dnc/delete', { auth_token: t.adminKey, phone_code: '1', ...params });
    expect((await del({ phone_number: phones[1]!, campaign_id: '0' })).raw).toBe(
      '{"success":false,"code":6003,"text":"Phone Number Not Found"}',
    );
    expect((await del({ phone_number: phones[1]!, campaign_id: '-1' })).raw).toBe('{"success":true}');
    expect((await del({ phone_number: phones[1]!, campaign_id: '-1' })).raw).toBe(
      '{"success":false,"code":6003,"text":"Phone Number Not Found"}',
    );
    expect((await del({ campaign_id: '0' })).raw).toBe('{"success":false,"code":6002,"text":"Missing Phone Number"}');
    expect(
      (await call('/v1/dnc/delete', { auth_token: t.adminKey, phone_number: phones[0]!, phone_code: '1', campaign_id: '0' }, json)).raw,
    ).toBe('{"success":true}');
  });

  it("searches leads in the reference's reply shape, by GET or POST, a SOURCE key seeing its own leads only", async () => {
    const t = await createDialerTenant(gw.url);
    const phone = uniquePhone();
    const inserted = await call(
      '/v1/leads/insert',
      builderQuery(t, {
        first_name: 'Grace',
        last_name: 'Hopper',
        email: 'Grace@Example.com',
        phone_number: phone,
        city: 'Arlington',
        state: 'va',
        postal_code: '22201',
        gender: 'F',
      }),
    );
    const id = inserted.body.id as string;
    await call('/v1/leads/insert', builderQuery(t, { first_name: 'Alan', phone_number: uniquePhone() }));
    // A site helper: GET with lead_id, offset 0 and limit 1, reading data.entries[0].
    const byId = await call('/v1/leads/search', { auth_token: t.adminKey, lead_id: id, offset: '0', limit: '1' });
    expect(byId.body).toEqual({
      success: true,
      data: {
        offset: 0,
        limit: 1,
        total: '1',
        entries: [
          {
            id,
            lead_id: id,
            created_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
            modified_at: expect.any(String),
            list_id: t.listId,
            phone_code: '1',
            phone_number: digits(phone),
            first_name: 'Grace',
            last_name: 'Hopper',
            email: 'grace@example.com',
            address1: '',
            city: 'Arlington',
            state: 'VA',
            postal_code: '22201',
            status: '',
            owner_id: '',
            alt_phone_1: '',
            alt_phone_2: '',
            address2: '',
            province: '',
            country: '',
            gender: 'F',
            date_of_birth: '',
            notes: '',
          },
        ],
      },
    });
    // A Go client: a form post with lead_id; a Python one: a form post with phone_number.
    expect(
      (await form('/v1/leads/search', { auth_token: t.adminKey, lead_id: id })).body.data.entries.map((e: { id: string }) => e.id),
    ).toEqual([id]);
    expect((await form('/v1/leads/search', { auth_token: t.adminKey, phone_number: digits(phone) })).body.data.total).toBe('1');
    const listed = await call(
      '/v1/leads/search',
      { auth_token: t.adminKey, list_id: t.listId, limit: '100' },
      { method: 'POST', headers: { 'content-type': 'application/json' } },
    );
    expect(listed.body.data).toMatchObject({ offset: 0, limit: 100, total: '2' });
    expect((await form('/v1/leads/search', { auth_token: t.readerKey, email: 'GRACE@example.com', state: 'VA' })).body.data.total).toBe(
      '1',
    );
    expect((await form('/v1/leads/search', { auth_token: t.adminKey, created_at_start_date: '2999-01-01 00:00:00' })).body.data.total).toBe(
      '0',
    );
    expect((await form('/v1/leads/search', { auth_token: t.adminKey })).body.data.limit).toBe(10);
    expect((await form('/v1/leads/search', { auth_token: t.adminKey, limit: '0' })).raw).toBe(
      '{"success":false,"code":7230,"text":"Invalid limit value"}',
    );
    expect((await form('/v1/leads/search', { auth_token: t.adminKey, created_at_end_date: 'yesterday' })).body).toMatchObject({
      success: false,
      code: 400,
    });
    // The SOURCE key inserted nothing here.
    expect((await form('/v1/leads/search', { auth_token: t.sourceKey })).body.data.total).toBe('0');
    const other = await createDialerTenant(gw.url);
    expect((await form('/v1/leads/search', { auth_token: other.adminKey, lead_id: id })).body.data.total).toBe('0');
  });
});
