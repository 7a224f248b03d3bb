import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningGateway } from '../src/main.js';
import { createTenant, DRIVER, gqlOk, uniquePhone } from './helpers.js';
import { createDialerTenant, postDialer, startClockedGateway, TestClock, type DialerTenant } from './dialer-fixtures.js';

const INSERT = '/v1/leads/insert';
const SUCCESS = /^\{"success":true,"data":\{"lead_id":"(\d+)"\},"id":"\1"\}$/;
const DUPLICATE = '{"success":false,"code":6009,"text":"The phone number already exists"}';
const DIALER_LEAD = `query($id: ID!) { dialerLead(id: $id) { id listId phone lead { id status door first last email zip extra trace { stage outcome } } } }`;

describe(`dialer door POST /v1/leads/insert (${DRIVER})`, () => {
  let gw: RunningGateway;
  const clock = new TestClock();
  beforeAll(async () => {
    gw = await startClockedGateway(clock);
  });
  afterAll(() => gw.close());

  const insert = (params: Record<string, string | number | boolean>, as: 'form' | 'json' | 'query' = 'form') => postDialer(gw.url, INSERT, params, as);
  const base = (t: DialerTenant, extra: Record<string, string | number | boolean> = {}) => ({
    auth_token: t.adminKey, list_id: t.listId, phone_number: uniquePhone(), ...extra,
  });
  const inserted = async (params: Record<string, string | number | boolean>, as: 'form' | 'json' | 'query' = 'form') => {
    const res = await insert(params, as);
    expect(res.status).toBe(200);
    expect(res.raw).toMatch(SUCCESS);
    return res.body.id!;
  };

  it('inserts from form fields, the query string or flat JSON, keeping standard and custom fields', async () => {
    const t = await createDialerTenant(gw.url);
    const fields = {
      first_name: 'Ada', last_name: 'Lovelace', email: 'Ada@Example.com', address1: '1 Main St', address2: 'Apt 2', city: 'Los Angeles',
      state: 'ca', postal_code: '90012', country: 'US', alt_phone_1: '2135550111', gender: 'F', date_of_birth: '1990-12-10', notes: 'call after 5',
      current_coverage: 'none',
    };
    for (const as of ['form', 'query', 'json'] as const) {
      const phone = uniquePhone();
      const id = await inserted({ ...base(t), phone_number: phone, ...fields, update_if_found: '', hopper: '' }, as);
      const { dialerLead } = await gqlOk(gw.url, DIALER_LEAD, { id }, t.adminKey);
      expect(dialerLead).toMatchObject({ id, listId: t.listId, lead: { status: 'ACCEPTED', door: 'DIALER', first: 'Ada', last: 'Lovelace', email: 'ada@example.com', zip: '90012' } });
      expect(dialerLead.phone).toBe(`+1${phone.replace(/\D/g, '')}`);
      expect(dialerLead.lead.extra).toEqual({
        address2: 'Apt 2', country: 'US', alt_phone_1: '2135550111', gender: 'F', date_of_birth: '1990-12-10', notes: 'call after 5', current_coverage: 'none',
      });
      expect(dialerLead.lead.trace.slice(-2)).toEqual([{ stage: 'dialer-dnc', outcome: 'PASS' }, { stage: 'dialer-duplicates', outcome: 'PASS' }]);
    }
  });

  it('lets the body win over the query string', async () => {
    const t = await createDialerTenant(gw.url);
    const phone = uniquePhone();
    const res = await fetch(`${gw.url}${INSERT}?auth_token=${t.adminKey}&list_id=999999999&phone_number=${encodeURIComponent(phone)}&first_name=Query`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ list_id: t.listId, first_name: 'Body' }).toString(),
    });
    const text = await res.text();
    expect(text).toMatch(SUCCESS);
    const { dialerLead } = await gqlOk(gw.url, DIALER_LEAD, { id: JSON.parse(text).id }, t.adminKey);
    expect(dialerLead).toMatchObject({ listId: t.listId, lead: { first: 'Body' } });
  });

  it('answers every documented error code with HTTP 200 and the reference text', async () => {
    const t = await createDialerTenant(gw.url);
    const other = await createDialerTenant(gw.url);
    const cases: Array<[Record<string, string | number>, string]> = [
      [{ auth_token: t.adminKey, list_id: t.listId }, '{"success":false,"code":6007,"text":"The Lead requires a phone number and list id"}'],
      [{ auth_token: t.adminKey, phone_number: uniquePhone() }, '{"success":false,"code":6007,"text":"The Lead requires a phone number and list id"}'],
      [{ auth_token: t.adminKey, list_id: '', phone_number: '' }, '{"success":false,"code":6007,"text":"The Lead requires a phone number and list id"}'],
      [base(t, { list_id: 987654321 }), '{"success":false,"code":6002,"text":"No such List"}'],
      [base(t, { list_id: 'abc' }), '{"success":false,"code":6002,"text":"No such List"}'],
      [base(t, { list_id: other.listId }), '{"success":false,"code":6002,"text":"No such List"}'],
      [base(t, { phone_number: '555-01' }), '{"success":false,"code":6008,"text":"The phone number is invalid"}'],
      [base(t, { phone_code: '44', phone_number: '2071838750' }), '{"success":false,"code":6008,"text":"The phone number is invalid"}'],
      [base(t, { email: 'not-an-email' }), '{"success":false,"code":6079,"text":"Invalid Email(s)"}'],
      [base(t, { auth_token: '' }), '{"success":false,"code":5001,"text":"Auth token is invalid"}'],
      [base(t, { auth_token: 'lgk_not_a_real_key' }), '{"success":false,"code":5001,"text":"Auth token is invalid"}'],
      [base(t, { auth_token: t.readerKey }), '{"success":false,"code":403,"text":"Forbidden"}'],
      // A SOURCE key not approved for the list's intake campaign.
      [base(t, { auth_token: t.sourceKey }), '{"success":false,"code":403,"text":"Forbidden"}'],
    ];
    for (const [params, expected] of cases) {
      const res = await insert(params);
      expect({ params, status: res.status, raw: res.raw }).toEqual({ params, status: 200, raw: expected });
    }
    // The token is checked before anything else about the lead.
    const { raw } = await insert({ auth_token: 'nope' });
    expect(raw).toBe('{"success":false,"code":5001,"text":"Auth token is invalid"}');
  });

  it('answers 6023 for the intake campaign\'s other required fields, 6100 for its other rules', async () => {
    const t = await createDialerTenant(gw.url);
    await gqlOk(gw.url, `mutation($id: ID!) { updateCampaign(id: $id, input: { requiredFields: ["phone", "first", "zip"] }) { id } }`, { id: t.dialerIntakeCampaignId }, t.adminKey);
    expect((await insert(base(t, { first_name: 'Ada' }))).raw).toBe('{"success":false,"code":6023,"text":"Required fields are missed"}');
    await inserted(base(t, { first_name: 'Ada', postal_code: '90012' }));
    await gqlOk(gw.url, `mutation($id: ID!) { updateCampaign(id: $id, input: { status: PAUSED }) { id } }`, { id: t.dialerIntakeCampaignId }, t.adminKey);
    expect((await insert(base(t, { first_name: 'Ada', postal_code: '90012' }))).raw).toBe('{"success":false,"code":6100,"text":"Campaign inactive"}');
  });

  it('accepts a SOURCE key approved for the list\'s intake campaign, attributing the lead to that source', async () => {
    const t = await createDialerTenant(gw.url);
    await gqlOk(gw.url, `mutation($i: ApproveSourceInput!) { approveSource(input: $i) { id } }`, { i: { sourceId: t.sourceId, campaignId: t.dialerIntakeCampaignId } }, t.adminKey);
    const id = await inserted(base(t, { auth_token: t.sourceKey }));
    const { dialerLead } = await gqlOk(gw.url, `query($id: ID!) { dialerLead(id: $id) { lead { sourceId campaignId } } }`, { id }, t.adminKey);
    expect(dialerLead.lead).toEqual({ sourceId: t.sourceId, campaignId: t.dialerIntakeCampaignId });
  });

  it('reads booleans as 0/1, true/false or empty (unset) and refuses anything else', async () => {
    const t = await createDialerTenant(gw.url);
    const phone = uniquePhone();
    await inserted(base(t, { phone_number: phone, check_dup: '' }));
    expect((await insert(base(t, { phone_number: phone, check_dup: 'true' }))).raw).toBe(DUPLICATE);
    await inserted(base(t, { phone_number: phone, check_dup: 'false', check_dnc: 'false', hopper: '0' }));
    const bad = await insert(base(t, { hopper: 'yes' }));
    expect(bad.raw).toBe('{"success":false,"code":400,"text":"hopper must be 0 or 1"}');
    expect((await insert(base(t, { check_dup: 4 }))).raw).toBe('{"success":false,"code":400,"text":"check_dup must be 0 (no check), 1 (account), 2 (list) or 3 (campaign)"}');
    expect((await insert(base(t, { hopper: 1, hopper_priority: 100 }))).raw).toBe('{"success":false,"code":400,"text":"hopper_priority must be a whole number from 0 to 99"}');
    expect((await insert(base(t, { hopper: 1, hopper_expires_in: 301 }))).raw).toBe('{"success":false,"code":400,"text":"hopper_expires_in must be a whole number from 1 to 300"}');
    expect((await insert(base(t, { check_wireless: 1 }))).body).toEqual({ success: false, code: 400, text: 'check_wireless is not supported: Leadgate has no carrier data; send 0 or leave it out' });
    await inserted(base(t, { check_wireless: 0, adaptor_id: '', filter_phone_code: 1 }));
  });

  it('checks the token first, then refuses unreadable ids, reserved names, long emails and a reused idempotency key', async () => {
    const t = await createDialerTenant(gw.url);
    expect((await insert({ auth_token: 'bad', hopper: 'yes', lead_id: 'x' })).raw).toBe('{"success":false,"code":5001,"text":"Auth token is invalid"}');
    expect((await postDialer(gw.url, '/v1/dnc/insert', { auth_token: 'bad', phone_number: '1' })).raw).toBe('{"success":false,"code":5001,"text":"Auth token is invalid"}');
    expect((await insert(base(t, { update_if_found: 1, lead_id: 'abc' }))).raw).toBe('{"success":false,"code":400,"text":"lead_id must be a dialer lead id (a number)"}');
    for (const [name, why] of [['__proto__', 'is not a valid custom field name'], ['constructor', 'is a reserved name; use another name for this custom field']]) {
      const res = await fetch(`${gw.url}${INSERT}`, {
        method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `auth_token=${t.adminKey}&list_id=${t.listId}&phone_number=${encodeURIComponent(uniquePhone())}&${name}=x`,
      });
      expect(await res.text()).toBe(`{"success":false,"code":400,"text":"\\"${name}\\" ${why}"}`);
    }
    expect((await insert(base(t, { email: `${'a'.repeat(250)}@example.com` }))).raw).toBe('{"success":false,"code":6079,"text":"Invalid Email(s)"}');
    const dncNul = await postDialer(gw.url, '/v1/dnc/insert', { auth_token: t.adminKey, phone_number: '2135550100', notes: 'a\u0000b' });
    expect(dncNul.body).toEqual({ success: false, code: 400, text: 'note must be at most 500 characters, without NUL characters' });
    const params = base(t);
    const post = (p: Record<string, string | number>) => fetch(`${gw.url}${INSERT}`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': `k-${params.phone_number.replace(/\D/g, '')}` }, body: JSON.stringify(p),
    }).then((r) => r.text());
    const first = await post(params);
    expect(await post(params)).toBe(first);
    expect(JSON.parse(await post({ ...params, list_id: t.siblingListId, hopper: 1 }))).toMatchObject({ success: false, code: 409 });
  });

  it('refuses nested parameters, arrays, repeated keys and malformed bodies in its own shape', async () => {
    const t = await createDialerTenant(gw.url);
    const nested = '{"success":false,"code":400,"text":"We do not support nested parameters or multilevel arrays"}';
    const post = async (body: string, type: string, query = '') => {
      const res = await fetch(`${gw.url}${INSERT}${query}`, { method: 'POST', headers: { 'content-type': type }, body });
      return { status: res.status, text: await res.text() };
    };
    const json = (extra: unknown) => JSON.stringify({ auth_token: t.adminKey, list_id: t.listId, phone_number: uniquePhone(), extra });
    expect(await post(json({ a: 1 }), 'application/json')).toEqual({ status: 200, text: nested });
    expect(await post(json([1, 2]), 'application/json')).toEqual({ status: 200, text: nested });
    expect(await post('[1,2]', 'application/json')).toEqual({ status: 200, text: nested });
    const form = `auth_token=${t.adminKey}&list_id=${t.listId}&phone_number=2135550100`;
    expect(await post(`${form}&custom[a]=1`, 'application/x-www-form-urlencoded')).toEqual({ status: 200, text: nested });
    expect(await post(`${form}&notes=a&notes=b`, 'application/x-www-form-urlencoded')).toEqual({ status: 200, text: nested });
    expect(await post('', 'application/x-www-form-urlencoded', `?${form}&tags[]=x`)).toEqual({ status: 200, text: nested });
    expect(await post('{"auth_token":', 'application/json')).toEqual({ status: 200, text: '{"success":false,"code":400,"text":"The body is not valid JSON"}' });
    // An empty JSON body with everything in the query string, as some callers send it.
    expect((await post('', 'application/json', `?auth_token=${t.adminKey}&list_id=${t.listId}&phone_number=${encodeURIComponent(uniquePhone())}`)).text).toMatch(SUCCESS);
    const plain = await post('phone_number=1', 'text/plain');
    expect(plain.status).toBe(200);
    expect(JSON.parse(plain.text)).toMatchObject({ success: false, code: 415 });
    const get = await fetch(`${gw.url}${INSERT}?auth_token=${t.adminKey}`);
    expect({ status: get.status, allow: get.headers.get('allow'), body: await get.text() })
      .toEqual({ status: 405, allow: 'POST', body: '{"success":false,"code":405,"text":"Method Not Allowed: use POST"}' });
  });

  describe('check_dup scopes', () => {
    it('0 (or absent) inserts a number again; 2 checks the list only', async () => {
      const t = await createDialerTenant(gw.url);
      const phone = uniquePhone();
      const first = await inserted(base(t, { phone_number: phone }));
      const again = await inserted(base(t, { phone_number: phone, check_dup: 0 }));
      expect(again).not.toBe(first);
      expect((await insert(base(t, { phone_number: phone, check_dup: 2 }))).raw).toBe(DUPLICATE);
      // The same number in another list of the same campaign is not a list duplicate.
      await inserted(base(t, { list_id: t.siblingListId, phone_number: phone, check_dup: 2 }));
    });

    it('1 checks every list of the account', async () => {
      const t = await createDialerTenant(gw.url);
      const phone = uniquePhone();
      await inserted(base(t, { list_id: t.otherCampaignListId, phone_number: phone }));
      expect((await insert(base(t, { phone_number: phone, check_dup: 1 }))).raw).toBe(DUPLICATE);
      // Another account's lists never count.
      const stranger = await createDialerTenant(gw.url);
      await inserted(base(stranger, { phone_number: phone, check_dup: 1 }));
    });

    it('3 checks the lists of the target list\'s dialer campaign', async () => {
      const t = await createDialerTenant(gw.url);
      const phone = uniquePhone();
      await inserted(base(t, { list_id: t.siblingListId, phone_number: phone }));
      expect((await insert(base(t, { phone_number: phone, check_dup: 3 }))).raw).toBe(DUPLICATE);
      await inserted(base(t, { list_id: t.otherCampaignListId, phone_number: phone, check_dup: 3 }));
    });

    it('leaves archived lists out unless check_dup_archive=1, and refuses inserts into them', async () => {
      const t = await createDialerTenant(gw.url);
      const phone = uniquePhone();
      await inserted(base(t, { list_id: t.siblingListId, phone_number: phone }));
      await gqlOk(gw.url, `mutation($id: ID!) { archiveList(id: $id) { archived } }`, { id: t.siblingListId }, t.adminKey);
      expect((await insert(base(t, { list_id: t.siblingListId }))).raw).toBe('{"success":false,"code":6002,"text":"No such List"}');
      await inserted(base(t, { phone_number: phone, check_dup: 1 }));
      const again = uniquePhone();
      await gqlOk(gw.url, `mutation($id: ID!) { archiveList(id: $id, archived: false) { archived } }`, { id: t.siblingListId }, t.adminKey);
      await inserted(base(t, { list_id: t.siblingListId, phone_number: again }));
      await gqlOk(gw.url, `mutation($id: ID!) { archiveList(id: $id) { archived } }`, { id: t.siblingListId }, t.adminKey);
      expect((await insert(base(t, { list_id: t.otherCampaignListId, phone_number: again, check_dup: 1, check_dup_archive: 1 }))).raw).toBe(DUPLICATE);
      expect((await insert(base(t, { list_id: t.otherCampaignListId, phone_number: again, check_dup_archive: 'true' }))).raw).toBe(DUPLICATE);
      await inserted(base(t, { list_id: t.otherCampaignListId, phone_number: again, check_dup: 3 }));
    });

    it('stores a refused duplicate as a rejected lead with the reason, counted in stats', async () => {
      const t = await createDialerTenant(gw.url);
      const phone = uniquePhone();
      await inserted(base(t, { phone_number: phone }));
      expect((await insert(base(t, { phone_number: phone, check_dup: 2 }))).raw).toBe(DUPLICATE);
      const { leadStats } = await gqlOk(gw.url, `query($f: LeadFilter) { leadStats(filter: $f) { total accepted rejected byReason { key count } } }`, {
        f: { campaignId: t.dialerIntakeCampaignId },
      }, t.adminKey);
      expect(leadStats).toEqual({ total: 2, accepted: 1, rejected: 1, byReason: [{ key: 'DUPLICATE_PHONE', count: 1 }] });
    });

    it('inserts exactly one of 100 concurrent inserts of one number with check_dup=2', async () => {
      const t = await createDialerTenant(gw.url);
      const phone = uniquePhone();
      const replies = await Promise.all(Array.from({ length: 100 }, (_, i) => insert(base(t, { phone_number: phone, check_dup: 2, first_name: `n${i}` }), i % 2 ? 'json' : 'form')));
      expect(replies.filter((r) => r.body.success)).toHaveLength(1);
      expect(replies.filter((r) => r.raw === DUPLICATE)).toHaveLength(99);
      const { dialerLeads } = await gqlOk(gw.url, `query($l: ID!, $p: String) { dialerLeads(listId: $l, phone: $p) { id } }`, { l: t.listId, p: phone }, t.adminKey);
      expect(dialerLeads).toHaveLength(1);
    });
  });

  describe('DNC', () => {
    it('refuses numbers on the account-wide or the list campaign\'s DNC list with check_dnc=1', async () => {
      const t = await createDialerTenant(gw.url);
      const globalPhone = uniquePhone();
      const campaignPhone = uniquePhone();
      const dnc = (params: Record<string, string>, action = 'insert') => postDialer(gw.url, `/v1/dnc/${action}`, { auth_token: t.adminKey, ...params });
      const added = await dnc({ phone_number: globalPhone.replace(/\D/g, '') });
      expect(added.body).toMatchObject({ success: true, data: { phone_number: globalPhone.replace(/\D/g, ''), phone_code: '1', campaign_id: '0' } });
      expect((await dnc({ phone_number: campaignPhone, campaign_id: t.otherDialerCampaignId })).body.success).toBe(true);
      const refused = '{"success":false,"code":6090,"text":"The phone number is in the DNC list"}';
      expect((await insert(base(t, { phone_number: globalPhone, check_dnc: 1 }))).raw).toBe(refused);
      expect((await insert(base(t, { list_id: t.otherCampaignListId, phone_number: campaignPhone, check_dnc: 1 }))).raw).toBe(refused);
      // Another campaign's DNC list does not apply; without check_dnc nothing is checked.
      await inserted(base(t, { phone_number: campaignPhone, check_dnc: 1 }));
      await inserted(base(t, { phone_number: globalPhone }));
      const search = await dnc({ phone_number: campaignPhone, campaign_id: t.otherDialerCampaignId }, 'search');
      expect(search.body).toMatchObject({ success: true, data: { listed: true, entries: [{ campaign_id: t.otherDialerCampaignId }] } });
      expect((await dnc({ phone_number: globalPhone }, 'delete')).raw).toBe('{"success":true,"data":{"deleted":true}}');
      expect((await dnc({ phone_number: globalPhone }, 'delete')).raw).toBe('{"success":false,"code":404,"text":"The phone number is not in the DNC list"}');
      expect((await dnc({ phone_number: globalPhone }, 'search')).body).toEqual({ success: true, data: { listed: false, entries: [] } });
      await inserted(base(t, { phone_number: globalPhone, check_dnc: 1 }));
    });

    it('answers DNC door errors in the door\'s shape', async () => {
      const t = await createDialerTenant(gw.url);
      const other = await createTenant(gw.url);
      const dnc = (params: Record<string, string>, action = 'insert') => postDialer(gw.url, `/v1/dnc/${action}`, params);
      expect((await dnc({ auth_token: t.adminKey })).body).toEqual({ success: false, code: 400, text: 'phone_number is required' });
      expect((await dnc({ auth_token: t.adminKey, phone_number: '12' })).raw).toBe('{"success":false,"code":6008,"text":"The phone number is invalid"}');
      expect((await dnc({ auth_token: 'bad', phone_number: '2135550100' })).body).toMatchObject({ code: 5001 });
      expect((await dnc({ auth_token: t.readerKey, phone_number: '2135550100' })).body).toMatchObject({ code: 403, text: 'Forbidden' });
      expect((await dnc({ auth_token: t.readerKey, phone_number: '2135550100' }, 'search')).body).toMatchObject({ success: true });
      expect((await dnc({ auth_token: other.adminKey, phone_number: '2135550100', campaign_id: t.dialerCampaignId })).raw)
        .toBe('{"success":false,"code":6101,"text":"No such Campaign"}');
    });
  });

  describe('update_if_found', () => {
    it('updates the matching lead instead of inserting and returns its id', async () => {
      const t = await createDialerTenant(gw.url);
      const phone = uniquePhone();
      const id = await inserted(base(t, { phone_number: phone, first_name: 'Old', notes: 'first call' }));
      const again = await inserted(base(t, { list_id: t.siblingListId, phone_number: phone, update_if_found: 1, first_name: 'New', city: 'Austin' }));
      expect(again).toBe(id);
      const { dialerLead } = await gqlOk(gw.url, DIALER_LEAD, { id }, t.adminKey);
      expect(dialerLead).toMatchObject({ listId: t.listId, lead: { first: 'New', extra: { notes: 'first call' } } });
      const { dialerLeads } = await gqlOk(gw.url, `query($l: ID!) { dialerLeads(listId: $l) { id } }`, { l: t.siblingListId }, t.adminKey);
      expect(dialerLeads).toEqual([]);
    });

    it('searches search_list_id first, then search_campaign_id, and inserts when nothing matches there', async () => {
      const t = await createDialerTenant(gw.url);
      const phone = uniquePhone();
      const inOther = await inserted(base(t, { list_id: t.otherCampaignListId, phone_number: phone }));
      const inserts = await inserted(base(t, { phone_number: phone, update_if_found: 1, search_list_id: t.listId }));
      expect(inserts).not.toBe(inOther);
      expect(await inserted(base(t, { phone_number: phone, update_if_found: 1, search_campaign_id: t.otherDialerCampaignId }))).toBe(inOther);
      expect(await inserted(base(t, { phone_number: phone, update_if_found: 1, search_list_id: t.listId, search_campaign_id: t.otherDialerCampaignId }))).toBe(inserts);
      expect((await insert(base(t, { update_if_found: 1, search_list_id: 999999 }))).raw).toBe('{"success":false,"code":6002,"text":"No such List"}');
      expect((await insert(base(t, { update_if_found: 1, search_campaign_id: 999999 }))).raw).toBe('{"success":false,"code":6101,"text":"No such Campaign"}');
    });

    it('matches lead_id when given, taking the posted phone, and picks by update_order_by_last_called_time', async () => {
      const t = await createDialerTenant(gw.url);
      const phone = uniquePhone();
      const older = await inserted(base(t, { phone_number: phone }));
      const newer = await inserted(base(t, { phone_number: phone }));
      expect(await inserted(base(t, { phone_number: phone, update_if_found: 1, search_list_id: t.listId }))).toBe(newer);
      expect(await inserted(base(t, { phone_number: phone, update_if_found: 1, update_order_by_last_called_time: 'ASC' }))).toBe(older);
      const moved = uniquePhone();
      expect(await inserted(base(t, { phone_number: moved, update_if_found: 1, lead_id: older }))).toBe(older);
      const { dialerLead } = await gqlOk(gw.url, `query($id: ID!) { dialerLead(id: $id) { phone lead { phone } } }`, { id: older }, t.adminKey);
      expect(dialerLead.phone).toBe(dialerLead.lead.phone);
      expect(dialerLead.phone).toBe(`+1${moved.replace(/\D/g, '')}`);
    });

    it('lets a SOURCE key update only its own leads, and only when approved', async () => {
      const t = await createDialerTenant(gw.url);
      const phone = uniquePhone();
      const adminLead = await inserted(base(t, { phone_number: phone, first_name: 'Admin' }));
      const forbidden = await insert(base(t, { auth_token: t.sourceKey, phone_number: phone, update_if_found: 1, first_name: 'Hacked' }));
      expect(forbidden.raw).toBe('{"success":false,"code":403,"text":"Forbidden"}');
      await gqlOk(gw.url, `mutation($i: ApproveSourceInput!) { approveSource(input: $i) { id } }`, { i: { sourceId: t.sourceId, campaignId: t.dialerIntakeCampaignId } }, t.adminKey);
      const own = await inserted(base(t, { auth_token: t.sourceKey, phone_number: phone, update_if_found: 1, first_name: 'Vendor' }));
      expect(own).not.toBe(adminLead);
      // Naming the ADMIN's lead finds nothing of the source's own, so it inserts.
      const second = await inserted(base(t, { auth_token: t.sourceKey, phone_number: phone, update_if_found: 1, lead_id: adminLead, first_name: 'Hacked' }));
      expect([adminLead, own]).not.toContain(second);
      expect(await inserted(base(t, { auth_token: t.sourceKey, phone_number: phone, update_if_found: 1, search_list_id: t.listId, update_order_by_last_called_time: 'ASC' }))).toBe(own);
      const { dialerLead } = await gqlOk(gw.url, DIALER_LEAD, { id: adminLead }, t.adminKey);
      expect(dialerLead.lead.first).toBe('Admin');
    });

    it('applies check_dnc and check_dup to the number an update would give the lead', async () => {
      const t = await createDialerTenant(gw.url);
      const phone = uniquePhone();
      const other = uniquePhone();
      const id = await inserted(base(t, { phone_number: phone }));
      await inserted(base(t, { phone_number: other }));
      await postDialer(gw.url, '/v1/dnc/insert', { auth_token: t.adminKey, phone_number: phone });
      expect((await insert(base(t, { phone_number: phone, update_if_found: 1, check_dnc: 1, hopper: 1 }))).raw)
        .toBe('{"success":false,"code":6090,"text":"The phone number is in the DNC list"}');
      const { hopper } = await gqlOk(gw.url, `query($l: ID!) { hopper(listId: $l) { id } }`, { l: t.listId }, t.adminKey);
      expect(hopper).toEqual([]);
      expect((await insert(base(t, { phone_number: other, update_if_found: 1, lead_id: id, check_dup: 2 }))).raw).toBe(DUPLICATE);
      expect(await inserted(base(t, { phone_number: phone, update_if_found: 1, lead_id: id, check_dup: 2 }))).toBe(id);
    });

    it('keeps one lead when concurrent update_if_found inserts of a new number race', async () => {
      const t = await createDialerTenant(gw.url);
      const phone = uniquePhone();
      const replies = await Promise.all(Array.from({ length: 20 }, () => insert(base(t, { phone_number: phone, update_if_found: 1 }))));
      expect(new Set(replies.map((r) => r.body.id)).size).toBe(1);
      expect(replies.every((r) => SUCCESS.test(r.raw))).toBe(true);
    });
  });

  it('queues a lead in the hopper with hopper=1, priority and expiry (also spelled hopper_expire_in)', async () => {
    const t = await createDialerTenant(gw.url);
    const a = await inserted(base(t, { hopper: 1 }));
    const b = await inserted(base(t, { hopper: 1, hopper_priority: 5, hopper_expire_in: 10 }));
    await inserted(base(t, { hopper: 0 }));
    const { hopper } = await gqlOk(gw.url, `query($l: ID!) { hopper(listId: $l) { dialerLeadId priority expiresAt insertedAt } }`, { l: t.listId }, t.adminKey);
    expect(hopper.map((e: { dialerLeadId: string; priority: number }) => [e.dialerLeadId, e.priority])).toEqual([[a, 99], [b, 5]]);
    expect(new Date(hopper[1].expiresAt).getTime() - new Date(hopper[1].insertedAt).getTime()).toBe(10 * 60_000);
  });
});
