import { loadConfig, startGateway, type RunningGateway } from '@leadgate/server';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { createClient, type LeadFieldsFragment, type LeadgateClient } from '../src/index.js';
import { PAGINATION } from '../src/_generated/operation-policy.js';
import { tempDatabase } from './temp-database.js';

const PLATFORM_KEY = 'lgk_test_paginate_platform_key_0123456789';

let gateway: RunningGateway;
/** The variables of every request sent, by operation, to count pages. */
const pages: Array<{ operationName: string; variables: Record<string, unknown> }> = [];
let client: LeadgateClient;
let campaignId: string;
let accountId: string;
const phones = ['2135550101', '2135550102', '2135550103', '2135550104', '2135550105', '2135550106', '2135550107'];

beforeAll(async () => {
  gateway = await startGateway(
    {
      ...loadConfig({}),
      port: 0,
      host: '127.0.0.1',
      adminKey: PLATFORM_KEY,
      logLevel: 'silent',
      rateLimitPerMinute: 100_000,
      database: tempDatabase(),
    },
    { demo: false, print: () => undefined },
  );
  client = createClient({
    url: gateway.url,
    apiKey: PLATFORM_KEY,
    fetch: async (input, init) => {
      pages.push(JSON.parse(String(init?.body)) as (typeof pages)[number]);
      return fetch(input, init);
    },
  });
  accountId = (await client.createAccount({ input: { name: 'Paging Co', timeZone: 'America/Chicago' } })).id;
  campaignId = (await client.createCampaign({ input: { accountId, name: 'Paging', category: 'Auto', requiredFields: ['phone'] } })).id;
  const { source } = await client.createSource({ input: { accountId, name: 'Pager' } });
  await client.approveSource({ input: { sourceId: source.id, campaignId } });
  for (const phone of phones) {
    await client.submitLead({ input: { campaignId, sourceId: source.id, phone } });
    await client.addDncNumber({ input: { accountId, phone } });
  }
  pages.length = 0;
});

afterAll(async () => {
  await gateway?.close();
});

const sent = (operationName: string) => pages.filter((p) => p.operationName === operationName).map((p) => p.variables);

describe('client.paginate', () => {
  it('walks a cursor connection page by page, newest first', async () => {
    const seen: string[] = [];
    for await (const lead of client.paginate.leads({ filter: { campaignId } }, { pageSize: 3 })) {
      expectTypeOf(lead).toEqualTypeOf<LeadFieldsFragment>();
      seen.push(lead.phone!);
    }
    expect(seen).toEqual(phones.map((p) => `+1${p}`).reverse());
    const requests = sent('leads');
    expect(requests.map((v) => v.first)).toEqual([3, 3, 3]);
    expect(requests[0]).toEqual({ filter: { campaignId }, first: 3 });
    expect(requests[1]!.after).toEqual(expect.any(String));
    expect(requests[2]!.after).not.toBe(requests[1]!.after);
  });

  it('stops fetching when the loop breaks', async () => {
    pages.length = 0;
    let count = 0;
    for await (const _lead of client.paginate.leads({ filter: { campaignId } }, { pageSize: 2 })) {
      if (++count === 3) break;
    }
    expect(count).toBe(3);
    expect(sent('leads')).toHaveLength(2);
  });

  it('stops at limit, asking the last page for only what is left', async () => {
    pages.length = 0;
    const phonesSeen: string[] = [];
    for await (const lead of client.paginate.leads({ filter: { campaignId } }, { pageSize: 4, limit: 5 })) phonesSeen.push(lead.phone!);
    expect(phonesSeen).toHaveLength(5);
    expect(sent('leads').map((v) => v.first)).toEqual([4, 1]);
  });

  it('walks an offset list until a short page', async () => {
    pages.length = 0;
    const numbers: string[] = [];
    for await (const entry of client.paginate.dncNumbers({ accountId }, { pageSize: 2 })) numbers.push(entry.phone);
    expect(numbers).toEqual(phones.map((p) => `+1${p}`));
    expect(sent('dncNumbers').map((v) => [v.first, v.offset])).toEqual([
      [2, 0],
      [2, 2],
      [2, 4],
      [2, 6],
    ]);
  });

  it('yields a whole list from one request', async () => {
    pages.length = 0;
    const names: string[] = [];
    for await (const campaign of client.paginate.campaigns({ accountId })) names.push(campaign.name);
    expect(names).toEqual(['Paging']);
    expect(sent('campaigns')).toEqual([{ accountId }]);
  });

  it('refuses a page size above the query limit the schema states', () => {
    expect(PAGINATION.leads).toMatchObject({ kind: 'cursor', maxPageSize: 500 });
    expect(() => client.paginate.leads({}, { pageSize: 501 })).toThrow('leads: pageSize must be an integer from 1 to 500');
  });

  it('has an iterator for every list and connection query, with required variables still required', () => {
    expect(Object.keys(client.paginate).sort()).toEqual(Object.keys(PAGINATION).sort());
    // @ts-expect-error listId is required
    expectTypeOf(client.paginate.dialerLeads).toBeCallableWith();
    expectTypeOf(client.paginate.dialerLeads).toBeCallableWith({ listId: '1' }, { pageSize: 10 });
  });
});
