import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningGateway } from '../src/main.js';
import { createTenant, DRIVER, gql, gqlOk, startTestGateway, SUBMIT, uniquePhone, unique, type Tenant } from './helpers.js';

const CREATE_BUYER = `mutation($i: CreateBuyerInput!) { createBuyer(input: $i) { id } }`;

describe(`marketplace door POST /api/leads, buyers and routing (${DRIVER})`, () => {
  let gw: RunningGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());

  /** A seller with an ACTIVE "Auto Insurance" campaign that routes to buyers. */
  async function seller(settings: Record<string, unknown> = {}): Promise<Tenant & { slug: string }> {
    const t = await createTenant(gw.url, { requiredFields: ['first', 'last', 'phone', 'state'], routing: 'BUYERS', ...settings });
    const { account } = await gqlOk(gw.url, `query($id: ID!) { account(id: $id) { slug } }`, { id: t.accountId }, t.adminKey);
    return { ...t, slug: account.slug };
  }

  const buyer = async (t: Tenant, input: Record<string, unknown>) =>
    (await gqlOk(gw.url, CREATE_BUYER, { i: { name: unique('buyer'), price: 10, ...input } }, t.adminKey)).createBuyer.id as string;

  const lead = (t: Tenant & { slug: string }, extra: Record<string, unknown> = {}) => ({
    seller: t.accountCode,
    category: 'auto insurance',
    firstName: 'John',
    lastName: 'Doe',
    phone: uniquePhone(),
    state: 'TX',
    ...extra,
  });

  async function post(key: string | null, body: unknown, query = '') {
    const res = await fetch(`${gw.url}/api/leads${query}`, {
      method: 'POST',
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(key ? { authorization: `Bearer ${key}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, text: await res.text(), headers: res.headers };
  }

  it('sells a lead at once to the highest-priced eligible buyer', async () => {
    const t = await seller();
    await buyer(t, { price: 30 });
    const best = await buyer(t, { price: 45 });
    const res = await post(t.sourceKey, lead(t));
    expect(res.status).toBe(200);
    expect(res.text).toMatch(
      new RegExp(`^\\{"success":true,"lead_id":"lead_[0-9a-z]+","status":"sold","price":45\\.00,"buyer_ids":\\["${best}"\\]\\}$`),
    );
    const leadId = JSON.parse(res.text).lead_id;
    const { lead: stored } = await gqlOk(
      gw.url,
      `query($id: ID!) { lead(id: $id) { status price door sales { buyerId price } } }`,
      { id: leadId },
      t.adminKey,
    );
    expect(stored).toEqual({ status: 'SOLD', price: 45, door: 'MARKETPLACE', sales: [{ buyerId: best, price: 45 }] });
  });

  it('holds a lead as pending, then sells it when a buyer appears', async () => {
    const t = await seller();
    const res = await post(t.sourceKey, lead(t));
    expect(res.text).toMatch(/^\{"success":true,"lead_id":"lead_[0-9a-z]+","status":"pending"\}$/);
    const leadId = JSON.parse(res.text).lead_id;
    const late = await buyer(t, { price: 20 });
    const { lead: stored } = await gqlOk(
      gw.url,
      `query($id: ID!) { lead(id: $id) { status price sales { buyerId } } }`,
      { id: leadId },
      t.adminKey,
    );
    expect(stored).toEqual({ status: 'SOLD', price: 20, sales: [{ buyerId: late }] });
  });

  it('sells ties round-robin, honours buyer filters and sells up to maxBuyersPerLead', async () => {
    const t = await seller();
    const a = await buyer(t, { price: 40 });
    const b = await buyer(t, { price: 40 });
    const picks = [];
    for (let i = 0; i < 4; i++) picks.push(JSON.parse((await post(t.sourceKey, lead(t))).text).buyer_ids[0]);
    expect(new Set(picks)).toEqual(new Set([a, b]));
    expect(picks[0]).not.toBe(picks[1]);
    expect(picks[2]).toBe(picks[0]);
    expect(picks[3]).toBe(picks[1]);

    const picky = await seller();
    await buyer(picky, { price: 90, filter: { field: 'state', op: 'in', value: ['CA'] } });
    const any = await buyer(picky, { price: 10 });
    expect(JSON.parse((await post(picky.sourceKey, lead(picky, { state: 'TX' }))).text).buyer_ids).toEqual([any]);
    expect(JSON.parse((await post(picky.sourceKey, lead(picky, { state: 'CA' }))).text).price).toBe(90);

    const shared = await seller({ maxBuyersPerLead: 2 });
    const x = await buyer(shared, { price: 25 });
    const y = await buyer(shared, { price: 15 });
    await buyer(shared, { price: 5 });
    const two = JSON.parse((await post(shared.sourceKey, lead(shared))).text);
    expect(two).toMatchObject({ status: 'sold', price: 40, buyer_ids: [x, y] });
  });

  it('100 concurrent leads against a buyer cap of 10 sell exactly 10', async () => {
    const t = await seller();
    await buyer(t, { price: 12, caps: { daily: 10 } });
    const replies = await Promise.all(Array.from({ length: 100 }, () => post(t.sourceKey, lead(t)).then((r) => JSON.parse(r.text))));
    expect(replies.filter((r) => r.status === 'sold')).toHaveLength(10);
    expect(replies.filter((r) => r.status === 'pending')).toHaveLength(90);
  }, 60_000);

  it('finds the seller by code, by slug, and by a renamed slug; body wins over the query', async () => {
    const t = await seller();
    await buyer(t, { price: 5 });
    expect((await post(t.sourceKey, lead(t, { seller: t.accountCode.toLowerCase() }))).status).toBe(200);
    expect((await post(t.sourceKey, lead(t, { seller: t.slug }))).status).toBe(200);
    const renamed = unique('renamed');
    await gqlOk(
      gw.url,
      `mutation($id: ID!, $slug: String!) { updateAccount(id: $id, input: { slug: $slug }) { slug } }`,
      { id: t.accountId, slug: renamed },
      t.adminKey,
    );
    expect((await post(t.sourceKey, lead(t, { seller: t.slug }))).status).toBe(200);
    expect((await post(t.sourceKey, lead(t, { seller: renamed }))).status).toBe(200);

    const phone = uniquePhone();
    const query = `?seller=${t.accountCode}&category=Auto%20Insurance&firstName=Query&lastName=Q&phone=${encodeURIComponent(phone)}&state=TX`;
    const onlyQuery = await post(t.sourceKey, undefined, query);
    expect(onlyQuery.status).toBe(200);
    const mixed = await post(t.sourceKey, { firstName: 'Body', phone: uniquePhone() }, query);
    const { lead: stored } = await gqlOk(
      gw.url,
      `query($id: ID!) { lead(id: $id) { first last } }`,
      { id: JSON.parse(mixed.text).lead_id },
      t.adminKey,
    );
    expect(stored).toEqual({ first: 'Body', last: 'Q' });
  });

  it('answers every error in the door shape with its status', async () => {
    const t = await seller({ requiredFields: ['first', 'last', 'phone', 'state', 'zip'] });
    const other = await seller();
    const expectError = async (res: { status: number; text: string }, status: number, error: string) => {
      expect(res.status, error).toBe(status);
      expect(res.text).toBe(JSON.stringify({ success: false, error }));
    };
    await expectError(await post(null, lead(t)), 401, 'Invalid API Key');
    await expectError(await post('lgk_nope', lead(t)), 401, 'Invalid API Key');
    await expectError(await post(t.adminKey, lead(t)), 401, 'Invalid API Key');
    await expectError(await post(other.sourceKey, lead(t)), 401, 'Invalid API Key');
    await expectError(await post(t.sourceKey, lead(t, { category: 'Solar' })), 400, 'No matching campaign');
    await expectError(await post(t.sourceKey, lead(t, { seller: 'NOSUCH01' })), 400, 'No matching campaign');
    await expectError(
      await post(t.sourceKey, { seller: t.accountCode, category: 'Auto Insurance', lastName: 'D', phone: uniquePhone() }),
      400,
      'Missing required field: firstName, state',
    );
    await expectError(await post(t.sourceKey, lead(t)), 400, 'Missing required field: zip');
    await expectError(await post(t.sourceKey, lead(t, { zip: '1234' })), 400, 'Zip format');
    await expectError(await post(t.sourceKey, '[1]'), 400, 'The body must be a JSON object of lead fields');
    const malformed = await fetch(`${gw.url}/api/leads`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${t.sourceKey}` },
      body: '{"a":',
    });
    expect(malformed.status).toBe(400);
    expect(JSON.parse(await malformed.text())).toMatchObject({ success: false, error: expect.stringMatching(/^Malformed JSON body/) });
    const phone = uniquePhone();
    expect((await post(t.sourceKey, lead(t, { phone, zip: '75001' }))).status).toBe(200);
    await expectError(await post(t.sourceKey, lead(t, { phone, zip: '75001' })), 400, 'Duplicate phone');
    await gqlOk(
      gw.url,
      `mutation($id: ID!) { updateCampaign(id: $id, input: { status: PAUSED }) { id } }`,
      { id: t.campaignId },
      t.adminKey,
    );
    await expectError(await post(t.sourceKey, lead(t, { zip: '75001' })), 400, 'No matching campaign');
  });

  it('limits each key per minute, with the headers on every reply', async () => {
    const t = await seller();
    const { createApiKey } = await gqlOk(
      gw.url,
      `mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { key } }`,
      {
        i: { role: 'SOURCE', sourceId: t.sourceId, rateLimitPerMinute: 2 },
      },
      t.adminKey,
    );
    const first = await post(createApiKey.key, lead(t));
    expect(first.status).toBe(200);
    expect(first.headers.get('x-ratelimit-limit')).toBe('2');
    expect(first.headers.get('x-ratelimit-remaining')).toBe('1');
    expect(Number(first.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
    expect((await post(createApiKey.key, lead(t, { category: 'nope' }))).headers.get('x-ratelimit-remaining')).toBe('0');
    const limited = await post(createApiKey.key, lead(t));
    expect(limited.status).toBe(429);
    expect(limited.text).toBe('{"success":false,"error":"Rate limit exceeded"}');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // The door's budget is its own: GraphQL by the same key spends the key's api budget, counted
    // apart, and the key's own limit (2) replaces that budget's default there too (docs/security.md).
    const viaGraphql = async () => {
      const res = await fetch(`${gw.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${createApiKey.key}` },
        body: JSON.stringify({
          query: SUBMIT,
          variables: { input: { campaignId: t.campaignId, first: 'A', last: 'B', phone: uniquePhone(), state: 'TX' } },
        }),
      });
      const body = (await res.json()) as {
        data?: { submitLead: { status: string } } | null;
        errors?: Array<{ message: string; extensions?: { code?: string } }>;
      };
      return { status: res.status, headers: res.headers, body };
    };
    for (const remaining of ['1', '0']) {
      const accepted = await viaGraphql();
      expect(accepted.status).toBe(200);
      expect(accepted.body.errors).toBeUndefined();
      expect(accepted.body.data!.submitLead.status).toBe('PENDING');
      expect(accepted.headers.get('x-ratelimit-limit')).toBe('2');
      expect(accepted.headers.get('x-ratelimit-remaining')).toBe(remaining);
      expect(Number(accepted.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
      expect(accepted.headers.get('retry-after')).toBeNull();
    }
    const beyond = await viaGraphql();
    expect(beyond.status).toBe(429);
    expect(beyond.body.data ?? null).toBeNull();
    expect(beyond.body.errors).toHaveLength(1);
    expect(beyond.body.errors![0]!.extensions!.code).toBe('RATE_LIMITED');
    expect(beyond.body.errors![0]!.message).toMatch(/^Rate limit exceeded: 2 requests per minute for this API key; retry in \d+ seconds$/);
    expect(beyond.headers.get('x-ratelimit-limit')).toBe('2');
    expect(beyond.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(Number(beyond.headers.get('retry-after'))).toBeGreaterThan(0);
    // Spending the api budget gave the door nothing back: it is still refused.
    expect((await post(createApiKey.key, lead(t))).status).toBe(429);
  });

  it('deletes a buyer that bought nothing; one that did can only be paused', async () => {
    const t = await seller();
    const idle = await buyer(t, { price: 1, filter: { field: 'state', op: 'eq', value: 'ZZ' } });
    const busy = await buyer(t, { price: 5 });
    expect(JSON.parse((await post(t.sourceKey, lead(t))).text).buyer_ids).toEqual([busy]);
    expect((await gqlOk(gw.url, `mutation($id: ID!) { deleteBuyer(id: $id) }`, { id: idle }, t.adminKey)).deleteBuyer).toBe(idle);
    const refused = await gql(gw.url, `mutation($id: ID!) { deleteBuyer(id: $id) }`, { id: busy }, t.adminKey);
    expect(refused.errors?.[0]).toMatchObject({
      message: 'This buyer has bought leads; pause it (status PAUSED) to keep its sales history',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const { buyers } = await gqlOk(gw.url, `{ buyers { id } }`, {}, t.adminKey);
    expect(buyers).toEqual([{ id: busy }]);
  });

  it('GraphQL submitLead returns the sale too', async () => {
    const t = await seller();
    const b = await buyer(t, { price: 33.5 });
    const { submitLead } = await gqlOk(
      gw.url,
      `mutation($input: SubmitLeadInput!) { submitLead(input: $input) { status price buyerIds leadId } }`,
      {
        input: { campaignId: t.campaignId, first: 'A', last: 'B', phone: uniquePhone(), state: 'TX' },
      },
      t.sourceKey,
    );
    expect(submitLead).toMatchObject({ status: 'SOLD', price: 33.5, buyerIds: [b] });
  });
});
