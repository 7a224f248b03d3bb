import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type RunningGateway } from '../src/main.js';
import { createTenant, DRIVER, gqlOk, sampleLead, SUBMIT, TEST_LEAD, testConfig, type Tenant } from './helpers.js';

const HEADER = [
  'id',
  'receivedAt',
  'status',
  'reasonCode',
  'reasonMessage',
  'price',
  'isTest',
  'door',
  'campaignId',
  'campaignName',
  'sourceId',
  'sourceName',
  'first',
  'last',
  'email',
  'phone',
  'address',
  'city',
  'state',
  'zip',
  'ip',
  'subId',
  'affId',
  'trustedFormCertUrl',
  'jornayaLeadId',
  'extra',
];

describe(`GET /leads.csv (${DRIVER})`, () => {
  let gw: RunningGateway;
  let clock = new Date('2026-11-20T18:00:00Z');
  let t: Tenant;
  let readerKey: string;
  let source2: { id: string; key: string };

  const get = async (query: string, key?: string) => {
    const res = await fetch(`${gw.url}/leads.csv${query}`, { headers: key ? { authorization: `Bearer ${key}` } : {} });
    return {
      status: res.status,
      type: res.headers.get('content-type'),
      disposition: res.headers.get('content-disposition'),
      text: await res.text(),
    };
  };
  const rows = (text: string) => parse(text, { columns: true }) as Array<Record<string, string>>;

  beforeAll(async () => {
    gw = await startGateway(testConfig(), { demo: false, print: () => undefined, now: () => clock });
    t = await createTenant(gw.url, { defaultPrice: 12.5 });
    readerKey = (await gqlOk(gw.url, `mutation { createApiKey(input: { role: READER }) { key } }`, {}, t.adminKey)).createApiKey.key;
    const { createSource } = await gqlOk(gw.url, `mutation { createSource(input: { name: "Second" }) { source { id } } }`, {}, t.adminKey);
    const { createApiKey } = await gqlOk(
      gw.url,
      `mutation($s: ID!) { createApiKey(input: { role: SOURCE, sourceId: $s }) { key } }`,
      { s: createSource.source.id },
      t.adminKey,
    );
    source2 = { id: createSource.source.id, key: createApiKey.key };
    await gqlOk(
      gw.url,
      `mutation($i: ApproveSourceInput!) { approveSource(input: $i) { id } }`,
      { i: { sourceId: source2.id, campaignId: t.campaignId } },
      t.adminKey,
    );

    // More than one page (1,000 rows) received at the very same instant: pages must break ties by id.
    for (let i = 0; i < 1030; i += 30) {
      await Promise.all(
        Array.from({ length: Math.min(30, 1030 - i) }, () => gqlOk(gw.url, SUBMIT, { input: sampleLead(t.campaignId) }, t.sourceKey)),
      );
    }
    clock = new Date('2026-11-21T09:30:00Z');
    await gqlOk(gw.url, SUBMIT, { input: sampleLead(t.campaignId, { first: '=HYPERLINK("http://evil")', extra: undefined }) }, source2.key);
    await gqlOk(gw.url, SUBMIT, { input: sampleLead(t.campaignId, { email: 'broken' }) }, source2.key);
    clock = new Date('2026-11-22T10:00:00Z');
    await gqlOk(gw.url, TEST_LEAD, { input: sampleLead(t.campaignId) }, t.sourceKey);
  }, 120_000);
  afterAll(() => gw.close());

  it('streams every lead of the filter, newest first, each once, with every field for an ADMIN key', async () => {
    const res = await get('', t.adminKey);
    expect(res.status).toBe(200);
    expect(res.type).toBe('text/csv; charset=utf-8');
    expect(res.disposition).toBe('attachment; filename="leads.csv"');
    expect(res.text.split('\n')[0]).toBe(HEADER.join(','));
    const all = rows(res.text);
    expect(all).toHaveLength(1032);
    expect(new Set(all.map((r) => r.id)).size).toBe(1032);
    expect(all.map((r) => r.receivedAt).slice(0, 3)).toEqual([
      '2026-11-21T09:30:00.000Z',
      '2026-11-21T09:30:00.000Z',
      '2026-11-20T18:00:00.000Z',
    ]);
    const { leads } = await gqlOk(
      gw.url,
      `{ leads(first: 3) { nodes { id email phone first city state zip status reasonCode price door } } }`,
      {},
      t.adminKey,
    );
    expect(
      all.slice(0, 3).map((r) => ({
        id: r.id,
        email: r.email,
        phone: r.phone,
        first: r.first,
        city: r.city,
        state: r.state,
        zip: r.zip,
        status: r.status,
        reasonCode: r.reasonCode || null,
        price: Number(r.price),
        door: r.door,
      })),
    ).toEqual(
      leads.nodes.map((n: Record<string, unknown>) => ({ ...n, first: n.first === '=HYPERLINK("http://evil")' ? `'${n.first}` : n.first })),
    );
    const hostile = all.find((r) => r.first?.includes('HYPERLINK'))!;
    expect(hostile.first).toBe(`'=HYPERLINK("http://evil")`);
    expect(all.find((r) => r.status === 'ACCEPTED' && r.sourceId === t.sourceId)).toMatchObject({
      price: '12.50',
      isTest: 'false',
      door: 'GRAPHQL',
      campaignId: t.campaignId,
      campaignName: 'Auto',
      sourceName: 'Vendor',
      city: 'Los Angeles',
      state: 'CA',
    });
    expect(all.find((r) => r.status === 'REJECTED')).toMatchObject({
      reasonCode: 'EMAIL_FORMAT',
      reasonMessage: 'Email format',
      price: '0.00',
    });
  });

  it('takes the lead filter as query parameters', async () => {
    expect(rows((await get(`?sourceIds=${source2.id}`, t.adminKey)).text)).toHaveLength(2);
    expect(rows((await get(`?sourceIds=${t.sourceId},${source2.id}&status=rejected`, t.adminKey)).text).map((r) => r.reasonCode)).toEqual([
      'EMAIL_FORMAT',
    ]);
    expect(
      rows((await get(`?campaignIds=${t.campaignId}&campaignIds=${t.campaignId}&from=2026-11-21T00:00:00Z`, t.adminKey)).text),
    ).toHaveLength(2);
    expect(rows((await get('?to=2026-11-21T00:00:00Z', t.adminKey)).text)).toHaveLength(1030);
    const withTest = rows((await get('?includeTest=true&from=2026-11-22T00:00:00Z', t.adminKey)).text);
    expect(withTest.map((r) => [r.status, r.isTest])).toEqual([['TEST', 'true']]);
    const empty = await get('?from=2027-01-01T00:00:00Z', t.adminKey);
    expect(empty.text).toBe(`${HEADER.join(',')}\n`);
  });

  it('masks contact fields for READER keys exactly as GraphQL does, and shows a SOURCE key its own leads only', async () => {
    const masked = rows((await get('?from=2026-11-21T00:00:00Z', readerKey)).text);
    const { leads } = await gqlOk(
      gw.url,
      `{ leads(filter: { from: "2026-11-21T00:00:00Z" }) { nodes {
      id first last email phone address city state zip ip subId affId trustedFormCertUrl jornayaLeadId } } }`,
      {},
      readerKey,
    );
    expect(masked.map((r) => Object.fromEntries(Object.keys(leads.nodes[0]).map((k) => [k, r[k] === '' ? null : r[k]])))).toEqual(
      leads.nodes.map((n: Record<string, string | null>) => ({ ...n, first: n.first?.startsWith('=') ? `'${n.first}` : n.first })),
    );
    expect(masked[1]!.email).toMatch(/^a•••@example\.com$/);
    expect(masked[1]!.phone).toMatch(/^•••\d{4}$/);
    const own = rows((await get('', source2.key)).text);
    expect(own.map((r) => r.sourceId)).toEqual([source2.id, source2.id]);
    expect(own[1]!.email).toMatch(/@example\.com$/);
    expect(own[1]!.email).not.toContain('•');
  });

  it('answers bad requests in the JSON error shape before streaming', async () => {
    const error = async (query: string, key?: string) => {
      const res = await get(query, key);
      return [res.status, JSON.parse(res.text).errors[0].extensions.code];
    };
    expect(await error('')).toEqual([401, 'UNAUTHENTICATED']);
    expect(await error('', 'lgk_not_a_key')).toEqual([401, 'UNAUTHENTICATED']);
    expect(await error('?campaign_id=x', t.adminKey)).toEqual([400, 'BAD_USER_INPUT']);
    expect(await error('?status=MAYBE', t.adminKey)).toEqual([400, 'BAD_USER_INPUT']);
    expect(await error('?from=yesterday', t.adminKey)).toEqual([400, 'BAD_USER_INPUT']);
    expect(await error('?from=2026-11-21T00:00:00Z&from=2026-11-22T00:00:00Z', t.adminKey)).toEqual([400, 'BAD_USER_INPUT']);
    expect(await error(`?sourceIds=${t.sourceId}`, source2.key)).toEqual([404, 'NOT_FOUND']);
    const other = await createTenant(gw.url);
    expect(await error(`?campaignIds=${t.campaignId}`, other.adminKey)).toEqual([404, 'NOT_FOUND']);
    const res = await get('?status=MAYBE', t.adminKey);
    expect(JSON.parse(res.text)).toEqual({
      errors: [{ message: 'status must be one of ACCEPTED, REJECTED, TEST, SOLD, PENDING', extensions: { code: 'BAD_USER_INPUT' } }],
    });
  });
});
