import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningGateway } from '../src/main.js';
import { DRIVER, gqlOk, uniquePhone } from './helpers.js';
import {
  createDialerTenant,
  DIALER_LEAD,
  dialerDoor,
  DUPLICATE,
  INSERT,
  postDialer,
  startClockedGateway,
  SUCCESS,
  TestClock,
} from './dialer-fixtures.js';

describe(`dialer door POST /v1/leads/insert (${DRIVER})`, () => {
  let gw: RunningGateway;
  const clock = new TestClock();
  beforeAll(async () => {
    gw = await startClockedGateway(clock);
  });
  afterAll(() => gw.close());

  const { insert, base, inserted } = dialerDoor(() => gw.url);

  it('inserts from form fields, the query string or flat JSON, keeping standard and custom fields', async () => {
    const t = await createDialerTenant(gw.url);
    const fields = {
      first_name: 'Ada',
      last_name: 'Lovelace',
      email: 'Ada@Example.com',
      address1: '1 Main St',
      address2: 'Apt 2',
      city: 'Los Angeles',
      state: 'ca',
      postal_code: '90012',
      country: 'US',
      alt_phone_1: '2135550111',
      gender: 'F',
      date_of_birth: '1990-12-10',
      notes: 'call after 5',
      current_coverage: 'none',
    };
    for (const as of ['form', 'query', 'json'] as const) {
      const phone = uniquePhone();
      const id = await inserted({ ...base(t), phone_number: phone, ...fields, update_if_found: '', hopper: '' }, as);
      const { dialerLead } = await gqlOk(gw.url, DIALER_LEAD, { id }, t.adminKey);
      expect(dialerLead).toMatchObject({
        id,
        listId: t.listId,
        lead: { status: 'ACCEPTED', door: 'DIALER', first: 'Ada', last: 'Lovelace', email: 'ada@example.com', zip: '90012' },
      });
      expect(dialerLead.phone).toBe(`+1${phone.replace(/\D/g, '')}`);
      expect(dialerLead.lead.extra).toEqual({
        address2: 'Apt 2',
        country: 'US',
        alt_phone_1: '2135550111',
        gender: 'F',
        date_of_birth: '1990-12-10',
        notes: 'call after 5',
        current_coverage: 'none',
      });
      expect(dialerLead.lead.trace.slice(-2)).toEqual([
        { stage: 'dialer-dnc', outcome: 'PASS' },
        { stage: 'dialer-duplicates', outcome: 'PASS' },
      ]);
    }
  });

  it('lets the body win over the query string', async () => {
    const t = await createDialerTenant(gw.url);
    const phone = uniquePhone();
    const res = await fetch(
      `${gw.url}${INSERT}?auth_token=${t.adminKey}&list_id=999999999&phone_number=${encodeURIComponent(phone)}&first_name=Query`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ list_id: t.listId, first_name: 'Body' }).toString(),
      },
    );
    const text = await res.text();
    expect(text).toMatch(SUCCESS);
    const { dialerLead } = await gqlOk(gw.url, DIALER_LEAD, { id: JSON.parse(text).id }, t.adminKey);
    expect(dialerLead).toMatchObject({ listId: t.listId, lead: { first: 'Body' } });
  });

  it('answers every documented error code with HTTP 200 and the reference text', async () => {
    const t = await createDialerTenant(gw.url);
    const other = await createDialerTenant(gw.url);
    const cases: Array<[Record<string, string | number>, string]> = [
      [
        { auth_token: t.adminKey, list_id: t.listId },
        '{"success":false,"code":6007,"text":"The Lead requires a phone number and list id"}',
      ],
      [
        { auth_token: t.adminKey, phone_number: uniquePhone() },
        '{"success":false,"code":6007,"text":"The Lead requires a phone number and list id"}',
      ],
      [
        { auth_token: t.adminKey, list_id: '', phone_number: '' },
        '{"success":false,"code":6007,"text":"The Lead requires a phone number and list id"}',
      ],
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

  it("answers 6023 for the intake campaign's other required fields, 6100 for its other rules", async () => {
    const t = await createDialerTenant(gw.url);
    await gqlOk(
      gw.url,
      `mutation($id: ID!) { updateCampaign(id: $id, input: { requiredFields: ["phone", "first", "zip"] }) { id } }`,
      { id: t.dialerIntakeCampaignId },
      t.adminKey,
    );
    expect((await insert(base(t, { first_name: 'Ada' }))).raw).toBe('{"success":false,"code":6023,"text":"Required fields are missed"}');
    await inserted(base(t, { first_name: 'Ada', postal_code: '90012' }));
    await gqlOk(
      gw.url,
      `mutation($id: ID!) { updateCampaign(id: $id, input: { status: PAUSED }) { id } }`,
      { id: t.dialerIntakeCampaignId },
      t.adminKey,
    );
    expect((await insert(base(t, { first_name: 'Ada', postal_code: '90012' }))).raw).toBe(
      '{"success":false,"code":6100,"text":"Campaign inactive"}',
    );
  });

  it("accepts a SOURCE key approved for the list's intake campaign, attributing the lead to that source", async () => {
    const t = await createDialerTenant(gw.url);
    await gqlOk(
      gw.url,
      `mutation($i: ApproveSourceInput!) { approveSource(input: $i) { id } }`,
      { i: { sourceId: t.sourceId, campaignId: t.dialerIntakeCampaignId } },
      t.adminKey,
    );
    const id = await inserted(base(t, { auth_token: t.sourceKey }));
    const { dialerLead } = await gqlOk(
      gw.url,
      `query($id: ID!) { dialerLead(id: $id) { lead { sourceId campaignId } } }`,
      { id },
      t.adminKey,
    );
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
    expect((await insert(base(t, { check_dup: 4 }))).raw).toBe(
      '{"success":false,"code":400,"text":"check_dup must be 0 (no check), 1 (account), 2 (list) or 3 (campaign)"}',
    );
    expect((await insert(base(t, { hopper: 1, hopper_priority: 100 }))).raw).toBe(
      '{"success":false,"code":400,"text":"hopper_priority must be a whole number from 0 to 99"}',
    );
    expect((await insert(base(t, { hopper: 1, hopper_expires_in: 301 }))).raw).toBe(
      '{"success":false,"code":400,"text":"hopper_expires_in must be a whole number from 0 to 300"}',
    );
    expect((await insert(base(t, { check_wireless: 1 }))).body).toEqual({
      success: false,
      code: 400,
      text: 'check_wireless is not supported: Leadgate has no carrier data; send 0 or leave it out',
    });
    await inserted(base(t, { check_wireless: 0, adaptor_id: '', filter_phone_code: 1 }));
  });

  it('checks the token first, then refuses unreadable ids, reserved names, long emails and a reused idempotency key', async () => {
    const t = await createDialerTenant(gw.url);
    expect((await insert({ auth_token: 'bad', hopper: 'yes', lead_id: 'x' })).raw).toBe(
      '{"success":false,"code":5001,"text":"Auth token is invalid"}',
    );
    expect((await postDialer(gw.url, '/v1/dnc/insert', { auth_token: 'bad', phone_number: '1' })).raw).toBe(
      '{"success":false,"code":5001,"text":"Auth token is invalid"}',
    );
    expect((await insert(base(t, { update_if_found: 1, lead_id: 'abc' }))).raw).toBe(
      '{"success":false,"code":400,"text":"lead_id must be a dialer lead id (a number)"}',
    );
    for (const [name, why] of [
      ['__proto__', 'is not a valid custom field name'],
      ['constructor', 'is a reserved name; use another name for this custom field'],
    ]) {
      const res = await fetch(`${gw.url}${INSERT}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `auth_token=${t.adminKey}&list_id=${t.listId}&phone_number=${encodeURIComponent(uniquePhone())}&${name}=x`,
      });
      expect(await res.text()).toBe(`{"success":false,"code":400,"text":"\\"${name}\\" ${why}"}`);
    }
    expect((await insert(base(t, { email: `${'a'.repeat(250)}@example.com` }))).raw).toBe(
      '{"success":false,"code":6079,"text":"Invalid Email(s)"}',
    );
    const dncNul = await postDialer(gw.url, '/v1/dnc/insert', { auth_token: t.adminKey, phone_number: '2135550100', notes: 'a\u0000b' });
    expect(dncNul.body).toEqual({ success: false, code: 400, text: 'note must be at most 500 characters, without NUL characters' });
    const params = base(t);
    const post = (p: Record<string, string | number>) =>
      fetch(`${gw.url}${INSERT}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': `k-${params.phone_number.replace(/\D/g, '')}` },
        body: JSON.stringify(p),
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
    expect(await post('{"auth_token":', 'application/json')).toEqual({
      status: 200,
      text: '{"success":false,"code":400,"text":"The body is not valid JSON"}',
    });
    // An empty JSON body with everything in the query string, as some callers send it.
    expect(
      (
        await post(
          '',
          'application/json',
          `?auth_token=${t.adminKey}&list_id=${t.listId}&phone_number=${encodeURIComponent(uniquePhone())}`,
        )
      ).text,
    ).toMatch(SUCCESS);
    const plain = await post('phone_number=1', 'text/plain');
    expect(plain.status).toBe(200);
    expect(JSON.parse(plain.text)).toMatchObject({ success: false, code: 415 });
    const put = await fetch(`${gw.url}${INSERT}?auth_token=${t.adminKey}`, { method: 'PUT' });
    expect({ status: put.status, allow: put.headers.get('allow'), body: await put.text() }).toEqual({
      status: 405,
      allow: 'GET, POST',
      body: '{"success":false,"code":405,"text":"Method Not Allowed: use GET or POST"}',
    });
  });

  it('queues a lead in the hopper with hopper=1, priority and expiry (also spelled hopper_expire_in)', async () => {
    const t = await createDialerTenant(gw.url);
    const a = await inserted(base(t, { hopper: 1 }));
    const b = await inserted(base(t, { hopper: 1, hopper_priority: 5, hopper_expire_in: 10 }));
    await inserted(base(t, { hopper: 0 }));
    const { hopper } = await gqlOk(
      gw.url,
      `query($l: ID!) { hopper(listId: $l) { dialerLeadId priority expiresAt insertedAt } }`,
      { l: t.listId },
      t.adminKey,
    );
    expect(hopper.map((e: { dialerLeadId: string; priority: number }) => [e.dialerLeadId, e.priority])).toEqual([
      [a, 99],
      [b, 5],
    ]);
    expect(new Date(hopper[1].expiresAt).getTime() - new Date(hopper[1].insertedAt).getTime()).toBe(10 * 60_000);
  });
});
