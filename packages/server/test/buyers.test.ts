import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningGateway } from '../src/main.js';
import { Sale } from '../src/modules/buyers/sale.entity.js';
import { newId } from '../src/shared/ids.js';
import { createTenant, DRIVER, newApiKey, gql, gqlOk, PLATFORM_KEY, sampleLead, startTestGateway, SUBMIT, type Tenant } from './helpers.js';

const BUYER = `id accountId name status price priceCents priceRules { condition price priceCents } filter
  caps { daily weekly monthly total } schedule { days start end } createdAt updatedAt`;
const CREATE = `mutation($i: CreateBuyerInput!) { createBuyer(input: $i) { ${BUYER} } }`;
const UPDATE = `mutation($id: ID!, $i: UpdateBuyerInput!) { updateBuyer(id: $id, input: $i) { ${BUYER} } }`;
const GET = `query($id: ID!) { buyer(id: $id) { ${BUYER} } }`;
const LIST = `query($accountId: ID) { buyers(accountId: $accountId) { id accountId name } }`;

const CA_OR_TX = { field: 'state', op: 'in', value: ['CA', 'TX'] };

describe(`buyers and sellers over GraphQL (${DRIVER})`, () => {
  let gw: RunningGateway;
  let t: Tenant;
  let other: Tenant;
  let readerKey: string;

  const createBuyer = async (input: Record<string, unknown> = {}, key = t.adminKey) =>
    (await gqlOk(gw.url, CREATE, { i: { name: 'Buyer', price: 10, ...input } }, key)).createBuyer;

  beforeAll(async () => {
    gw = await startTestGateway();
    [t, other] = await Promise.all([createTenant(gw.url), createTenant(gw.url)]);
    readerKey = await newApiKey(gw.url, { role: 'READER' }, t.adminKey);
  });
  afterAll(() => gw.close());

  describe('buyers', () => {
    it('creates a buyer with every setting and reads it back', async () => {
      const input = {
        name: '  Acme Insurance  ',
        price: 45.5,
        status: 'ACTIVE',
        priceRules: [
          {
            condition: {
              all: [
                { field: 'state', op: 'in', value: ['CA', ' ca ', 'TX'] },
                { field: 'homeowner', op: 'eq', value: true },
              ],
            },
            price: 60,
          },
          { condition: { field: 'zip', op: 'startsWith', value: '900' }, price: 50.25 },
        ],
        filter: { any: [CA_OR_TX, { field: 'zip', op: 'in', value: ['10001', '10002'] }] },
        caps: { daily: 10, weekly: 50, monthly: 150, total: 1000 },
        schedule: [
          { days: ['MON', 'TUE', 'MON'], start: '09:00', end: '17:00' },
          { days: ['FRI'], start: '22:00', end: '02:00' },
        ],
      };
      const buyer = await createBuyer(input);
      expect(buyer.id).toMatch(/^buy_[0-9a-z]+$/);
      expect(buyer).toMatchObject({
        accountId: t.accountId,
        name: 'Acme Insurance',
        status: 'ACTIVE',
        price: 45.5,
        priceCents: 4550,
        priceRules: [
          // Validated and normalized: repeated list values dropped (the first kept as given).
          {
            condition: {
              all: [
                { field: 'state', op: 'in', value: ['CA', 'TX'] },
                { field: 'homeowner', op: 'eq', value: true },
              ],
            },
            price: 60,
            priceCents: 6000,
          },
          { condition: { field: 'zip', op: 'startsWith', value: '900' }, price: 50.25, priceCents: 5025 },
        ],
        filter: input.filter,
        caps: { daily: 10, weekly: 50, monthly: 150, total: 1000 },
        schedule: [
          { days: ['MON', 'TUE'], start: '09:00', end: '17:00' },
          { days: ['FRI'], start: '22:00', end: '02:00' },
        ],
      });
      const { buyer: read } = await gqlOk(gw.url, GET, { id: buyer.id }, t.adminKey);
      expect(read).toEqual(buyer);
    });

    it('defaults: ACTIVE, no price rules, no filter, no caps, always open', async () => {
      const buyer = await createBuyer({ price: 0 });
      expect(buyer).toMatchObject({
        status: 'ACTIVE',
        price: 0,
        priceCents: 0,
        priceRules: [],
        filter: null,
        caps: { daily: null, weekly: null, monthly: null, total: null },
        schedule: [],
      });
    });

    it('updates: omitted fields keep their value, null clears optional ones, name and price keep on null', async () => {
      const buyer = await createBuyer({
        priceRules: [{ condition: CA_OR_TX, price: 20 }],
        filter: CA_OR_TX,
        caps: { daily: 5 },
        schedule: [{ days: ['SAT'], start: '10:00', end: '12:00' }],
      });
      const { updateBuyer: renamed } = await gqlOk(
        gw.url,
        UPDATE,
        { id: buyer.id, i: { name: 'Renamed', price: 12.34, status: 'PAUSED' } },
        t.adminKey,
      );
      expect(renamed).toMatchObject({
        name: 'Renamed',
        price: 12.34,
        priceCents: 1234,
        status: 'PAUSED',
        priceRules: buyer.priceRules,
        filter: buyer.filter,
        caps: buyer.caps,
        schedule: buyer.schedule,
        createdAt: buyer.createdAt,
      });
      expect(new Date(renamed.updatedAt).getTime()).toBeGreaterThan(new Date(buyer.updatedAt).getTime());
      const { updateBuyer: cleared } = await gqlOk(
        gw.url,
        UPDATE,
        {
          id: buyer.id,
          i: { name: null, price: null, status: null, priceRules: null, filter: null, caps: null, schedule: null },
        },
        t.adminKey,
      );
      expect(cleared).toMatchObject({
        name: 'Renamed',
        priceCents: 1234,
        status: 'ACTIVE',
        priceRules: [],
        filter: null,
        caps: { daily: null, weekly: null, monthly: null, total: null },
        schedule: [],
      });
      const { updateBuyer: replaced } = await gqlOk(
        gw.url,
        UPDATE,
        {
          id: buyer.id,
          i: { priceRules: [{ condition: { field: 'state', op: 'eq', value: 'NY' }, price: 7 }], caps: { weekly: 3 } },
        },
        t.adminKey,
      );
      expect(replaced).toMatchObject({
        priceRules: [{ condition: { field: 'state', op: 'eq', value: 'NY' }, price: 7, priceCents: 700 }],
        caps: { daily: null, weekly: 3 },
      });
    });

    it("lists the account's buyers, oldest first; the platform key lists any account's", async () => {
      const own = await createTenant(gw.url);
      const first = await createBuyer({ name: 'First' }, own.adminKey);
      const second = await createBuyer({ name: 'Second' }, own.adminKey);
      const { buyers } = await gqlOk(gw.url, LIST, {}, own.adminKey);
      expect(buyers).toEqual([
        { id: first.id, accountId: own.accountId, name: 'First' },
        { id: second.id, accountId: own.accountId, name: 'Second' },
      ]);
      expect((await gqlOk(gw.url, LIST, { accountId: own.accountId }, PLATFORM_KEY)).buyers).toEqual(buyers);
      const all = (await gqlOk(gw.url, LIST, {}, PLATFORM_KEY)).buyers.map((b: { id: string }) => b.id);
      expect(all).toEqual(expect.arrayContaining([first.id, second.id]));
      const { buyers: theirs } = await gqlOk(gw.url, LIST, {}, t.adminKey);
      expect(theirs.every((b: { accountId: string }) => b.accountId === t.accountId)).toBe(true);
    });

    it('refuses bad buyer input with a clear BAD_USER_INPUT, storing nothing', async () => {
      const rule = (condition: unknown, price = 10) => ({
        priceRules: [
          { condition: CA_OR_TX, price: 1 },
          { condition, price },
        ],
      });
      const cases: Array<[Record<string, unknown>, string | RegExp]> = [
        [{ name: '   ' }, 'name must not be empty'],
        [{ name: 'x'.repeat(201) }, 'name must be at most 200 characters'],
        [{ price: -1 }, 'price must be between 0 and 10000000'],
        [{ price: 1.005 }, 'price must have at most two decimals'],
        [{ price: 10_000_000.01 }, 'price must be between 0 and 10000000'],
        [rule(CA_OR_TX, 2.345), 'priceRules[1].price must have at most two decimals'],
        [rule(CA_OR_TX, -5), 'priceRules[1].price must be between 0 and 10000000'],
        [
          rule({ field: 'state', op: 'in', value: [] }),
          'priceRules[1].condition: value: must be a non-empty array of strings, numbers or booleans for in (got an array)',
        ],
        [rule({}), 'priceRules[1].condition: condition: must have exactly one of all, any, not or field (found none)'],
        [
          rule({ field: 'contact.state', op: 'eq', value: 'CA' }),
          'priceRules[1].condition: "contact.state" is not a lead field name (a letter, then letters, digits or _)',
        ],
        [{ priceRules: Array.from({ length: 51 }, () => ({ condition: CA_OR_TX, price: 1 })) }, 'priceRules may hold at most 50 rules'],
        [{ filter: {} }, 'filter: condition: must have exactly one of all, any, not or field (found none)'],
        [{ filter: { field: 'state' } }, /^filter: op: is required \(use one of eq, ne, in/],
        [
          { filter: { field: 'state', op: 'eq', value: 'CA', any: [CA_OR_TX] } },
          'filter: condition: must have exactly one of all, any, not or field (found any, field)',
        ],
        [{ filter: { field: 'email', op: 'matches', value: '(a)\\1' } }, /^filter: value: is not a valid regular expression/],
        [{ filter: { field: 'age', op: 'gt', value: 'old' } }, 'filter: value: must be a number or a numeric string for gt (got "old")'],
        [
          { filter: { all: [CA_OR_TX, { not: { field: 'contact.age', op: 'gte', value: 18 } }] } },
          'filter: "contact.age" is not a lead field name (a letter, then letters, digits or _)',
        ],
        [{ caps: { daily: -1 } }, 'caps.daily must be a whole number from 0 to 1000000000'],
        [{ caps: { total: 1_000_000_001 } }, 'caps.total must be a whole number from 0 to 1000000000'],
        [
          { schedule: [{ days: ['MON'], start: '9am', end: '17:00' }] },
          'schedule[0].start must be a time as HH:MM, 00:00 to 24:00 (got "9am")',
        ],
        [
          { schedule: [{ days: ['MON'], start: '09:00', end: '24:01' }] },
          'schedule[0].end must be a time as HH:MM, 00:00 to 24:00 (got "24:01")',
        ],
        [{ schedule: [{ days: [], start: '09:00', end: '17:00' }] }, 'schedule[0].days must name at least one day'],
        [{ schedule: [{ days: ['MON'], start: '09:00', end: '09:00' }] }, 'schedule[0] opens and closes at the same time'],
      ];
      const before = (await gqlOk(gw.url, LIST, {}, t.adminKey)).buyers.length;
      for (const [input, message] of cases) {
        const res = await gql(gw.url, CREATE, { i: { name: 'Bad', price: 10, ...input } }, t.adminKey);
        expect(res.errors?.[0]?.extensions?.code, JSON.stringify(input).slice(0, 200)).toBe('BAD_USER_INPUT');
        if (typeof message === 'string') expect(res.errors?.[0]?.message).toBe(message);
        else expect(res.errors?.[0]?.message).toMatch(message);
      }
      expect((await gqlOk(gw.url, LIST, {}, t.adminKey)).buyers.length).toBe(before);

      const enumWrong = await gql(gw.url, CREATE, { i: { name: 'x', price: 1, status: 'RUNNING' } }, t.adminKey);
      expect(enumWrong.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      const opWrong = await gql(
        gw.url,
        CREATE,
        { i: { name: 'x', price: 1, filter: { field: 'state', op: 'equals', value: 'CA' } } },
        t.adminKey,
      );
      expect(opWrong.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      const missingPrice = await gql(gw.url, `mutation { createBuyer(input: { name: "x" }) { id } }`, {}, t.adminKey);
      expect(missingPrice.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    });

    it('a refused update changes nothing', async () => {
      const buyer = await createBuyer({ filter: CA_OR_TX, caps: { daily: 3 } });
      const res = await gql(
        gw.url,
        UPDATE,
        {
          id: buyer.id,
          i: { name: 'Changed', status: 'PAUSED', caps: { daily: 9 }, schedule: [{ days: ['MON'], start: 'x', end: '10:00' }] },
        },
        t.adminKey,
      );
      expect(res.errors?.[0]).toMatchObject({
        message: 'schedule[0].start must be a time as HH:MM, 00:00 to 24:00 (got "x")',
        extensions: { code: 'BAD_USER_INPUT' },
      });
      const { buyer: after } = await gqlOk(gw.url, GET, { id: buyer.id }, t.adminKey);
      expect(after).toEqual(buyer);
      const blank = await gql(gw.url, UPDATE, { id: buyer.id, i: { name: ' ' } }, t.adminKey);
      expect(blank.errors?.[0]).toMatchObject({ message: 'name must not be empty', extensions: { code: 'BAD_USER_INPUT' } });
      const missing = await gql(gw.url, UPDATE, { id: 'buy_nope', i: { name: 'x' } }, t.adminKey);
      expect(missing.errors?.[0]).toMatchObject({ message: 'Buyer not found', extensions: { code: 'NOT_FOUND' } });
      const missingRead = await gql(gw.url, GET, { id: 'buy_nope' }, t.adminKey);
      expect(missingRead.errors?.[0]).toMatchObject({ message: 'Buyer not found', extensions: { code: 'NOT_FOUND' } });
    });

    it('READER keys read buyers and change nothing; SOURCE keys see no buyers', async () => {
      const buyer = await createBuyer({ name: 'Visible' });
      expect((await gqlOk(gw.url, GET, { id: buyer.id }, readerKey)).buyer).toEqual(buyer);
      expect((await gqlOk(gw.url, LIST, {}, readerKey)).buyers.map((b: { id: string }) => b.id)).toContain(buyer.id);
      const create = await gql(gw.url, CREATE, { i: { name: 'x', price: 1 } }, readerKey);
      expect(create.errors?.[0]).toMatchObject({ message: 'This operation needs an ADMIN key', extensions: { code: 'FORBIDDEN' } });
      const update = await gql(gw.url, UPDATE, { id: buyer.id, i: { name: 'x' } }, readerKey);
      expect(update.errors?.[0]).toMatchObject({ message: 'This operation needs an ADMIN key', extensions: { code: 'FORBIDDEN' } });
      for (const [query, variables] of [
        [GET, { id: buyer.id }],
        [LIST, {}],
        [CREATE, { i: { name: 'x', price: 1 } }],
      ] as const) {
        const res = await gql(gw.url, query, variables, t.sourceKey);
        expect(res.errors?.[0]?.extensions?.code, query.slice(0, 30)).toBe('FORBIDDEN');
      }
      expect((await gql(gw.url, LIST, {}, t.sourceKey)).errors?.[0]?.message).toBe('Buyers are visible to ADMIN and READER keys only');
      const anonymous = await gql(gw.url, LIST, {});
      expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });

    it("another account's buyers are NOT_FOUND; another account cannot be named", async () => {
      const theirs = await createBuyer({ name: 'Theirs' }, other.adminKey);
      for (const key of [t.adminKey, readerKey]) {
        const read = await gql(gw.url, GET, { id: theirs.id }, key);
        expect(read.errors?.[0]).toMatchObject({ message: 'Buyer not found', extensions: { code: 'NOT_FOUND' } });
      }
      const update = await gql(gw.url, UPDATE, { id: theirs.id, i: { name: 'stolen' } }, t.adminKey);
      expect(update.errors?.[0]).toMatchObject({ message: 'Buyer not found', extensions: { code: 'NOT_FOUND' } });
      const create = await gql(gw.url, CREATE, { i: { accountId: other.accountId, name: 'x', price: 1 } }, t.adminKey);
      expect(create.errors?.[0]).toMatchObject({ message: 'This API key belongs to another account', extensions: { code: 'FORBIDDEN' } });
      const list = await gql(gw.url, LIST, { accountId: other.accountId }, t.adminKey);
      expect(list.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
      expect((await gqlOk(gw.url, GET, { id: theirs.id }, other.adminKey)).buyer.name).toBe('Theirs');
    });

    it('the platform key must name the account', async () => {
      const res = await gql(gw.url, CREATE, { i: { name: 'x', price: 1 } }, PLATFORM_KEY);
      expect(res.errors?.[0]).toMatchObject({
        message: 'accountId is required when calling with a platform admin key',
        extensions: { code: 'BAD_USER_INPUT' },
      });
      const buyer = await createBuyer({ accountId: t.accountId, name: 'By platform' }, PLATFORM_KEY);
      expect(buyer.accountId).toBe(t.accountId);
      const unknown = await gql(gw.url, CREATE, { i: { accountId: 'acc_nope', name: 'x', price: 1 } }, PLATFORM_KEY);
      expect(unknown.errors?.[0]).toMatchObject({ message: 'Account not found', extensions: { code: 'NOT_FOUND' } });
      const { updateBuyer } = await gqlOk(gw.url, UPDATE, { id: buyer.id, i: { status: 'PAUSED' } }, PLATFORM_KEY);
      expect(updateBuyer.status).toBe('PAUSED');
    });
  });

  describe('sales', () => {
    it('Sale has id, leadId, buyerId, price, priceCents and createdAt', async () => {
      const { __type } = await gqlOk(gw.url, `{ __type(name: "Sale") { fields { name } } }`);
      expect(__type.fields.map((f: { name: string }) => f.name).sort()).toEqual([
        'buyerId',
        'createdAt',
        'id',
        'leadId',
        'price',
        'priceCents',
      ]);
    });

    it('a lead that was not sold has no sales, for every key that may read it', async () => {
      const { submitLead } = await gqlOk(gw.url, SUBMIT, { input: sampleLead(t.campaignId) }, t.sourceKey);
      expect(submitLead.leadId).toBeTruthy();
      for (const key of [t.adminKey, readerKey, t.sourceKey, PLATFORM_KEY]) {
        const { lead } = await gqlOk(
          gw.url,
          `query($id: ID!) { lead(id: $id) { id sales { id leadId buyerId price priceCents createdAt } } }`,
          { id: submitLead.leadId },
          key,
        );
        expect(lead).toEqual({ id: submitLead.leadId, sales: [] });
      }
      const { leads } = await gqlOk(gw.url, `{ leads(first: 50) { nodes { id sales { id } } } }`, {}, t.adminKey);
      expect(leads.nodes.length).toBeGreaterThan(0);
      expect(leads.nodes.every((n: { sales: unknown[] }) => n.sales.length === 0)).toBe(true);
    });
  });

  describe('sold leads', () => {
    it('list their sales, oldest first, for ADMIN and READER keys; SOURCE keys see none', async () => {
      const submit = async () =>
        (await gqlOk(gw.url, SUBMIT, { input: sampleLead(t.campaignId) }, t.sourceKey)).submitLead.leadId as string;
      const [sold, unsold] = [await submit(), await submit()];
      const [b1, b2] = [await createBuyer({ name: 'One' }), await createBuyer({ name: 'Two' })];
      // The router stores sales; here they are written directly.
      const at = Date.now();
      await gw.orm.em.fork().insertMany(Sale, [
        { id: newId('sale'), lead: sold, buyer: b2.id, priceCents: 4500, createdAt: new Date(at) },
        { id: newId('sale'), lead: sold, buyer: b1.id, priceCents: 3050, createdAt: new Date(at + 1000) },
      ]);
      const QUERY = `{ leads(filter: { campaignId: "${t.campaignId}" }, first: 500) { nodes { id sales { leadId buyerId price priceCents createdAt } } } }`;
      for (const key of [t.adminKey, readerKey]) {
        const { leads } = await gqlOk(gw.url, QUERY, {}, key);
        const byId = new Map(leads.nodes.map((n: { id: string; sales: unknown[] }) => [n.id, n.sales]));
        expect(byId.get(sold)).toEqual([
          { leadId: sold, buyerId: b2.id, price: 45, priceCents: 4500, createdAt: new Date(at).toISOString() },
          { leadId: sold, buyerId: b1.id, price: 30.5, priceCents: 3050, createdAt: new Date(at + 1000).toISOString() },
        ]);
        expect(byId.get(unsold)).toEqual([]);
      }
      const { lead } = await gqlOk(gw.url, `query($id: ID!) { lead(id: $id) { sales { buyerId } } }`, { id: sold }, t.sourceKey);
      expect(lead.sales).toEqual([]);
    });
  });
});
