import { loadConfig, startGateway, type RunningGateway } from '@leadgate/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  createClient,
  InvalidInputError,
  LeadgateError,
  NotFoundError,
  PermissionError,
  type LeadgateClient,
  type LeadgateClientOptions,
} from '../src/index.js';
import { tempDatabase } from './temp-database.js';

/** The platform admin key the gateway under test starts with (no account of its own). */
const PLATFORM_KEY = 'lgk_test_platform_admin_key_0123456789';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

let gateway: RunningGateway;
let endpoint: string;
/** Every request the clients below send, to tell a retried call from a single one. */
const sent: Array<{ operationName: string; idempotencyKey: string | null }> = [];

const countingFetch: typeof fetch = async (input, init) => {
  const body = JSON.parse(String(init?.body)) as { operationName: string };
  sent.push({ operationName: body.operationName, idempotencyKey: new Headers(init?.headers).get('idempotency-key') });
  return fetch(input, init);
};

function client(apiKey: string, options: Partial<LeadgateClientOptions> = {}): LeadgateClient {
  return createClient({ url: endpoint, apiKey, fetch: countingFetch, ...options });
}

/** Runs `call` and returns what it rejected with; fails if it resolved. */
async function rejection(call: Promise<unknown>): Promise<unknown> {
  return call.then(
    (value) => {
      throw new Error(`expected a rejection, got ${JSON.stringify(value)}`);
    },
    (error: unknown) => error,
  );
}

beforeAll(async () => {
  gateway = await startGateway(
    {
      ...loadConfig({}),
      port: 0,
      host: '127.0.0.1',
      adminKey: PLATFORM_KEY,
      logLevel: 'silent',
      database: tempDatabase(),
    },
    { demo: false, print: () => undefined },
  );
  endpoint = `${gateway.url}/graphql`;
});

afterAll(async () => {
  await gateway?.close();
});

// One tenant's whole slice, in order: each step uses what the previous ones created.
describe('the SDK against a running gateway', () => {
  let platform: LeadgateClient;
  let source: LeadgateClient;
  let accountId: string;
  let campaignId: string;
  let sourceId: string;
  let acceptedLeadId: string;
  let sourceKeyId: string;
  let sourceKey: string;

  const lead = (extra: Record<string, unknown> = {}) => ({
    campaignId,
    first: 'Ada',
    last: 'Lovelace',
    email: 'Ada.Lovelace@Example.com',
    phone: '(213) 555-0147',
    city: 'Los Angeles',
    state: 'ca',
    zip: '90012',
    ...extra,
  });

  it('creates an account with the platform key', async () => {
    platform = client(PLATFORM_KEY);
    const account = await platform.createAccount({ input: { name: 'Acme Insurance', timeZone: 'America/New_York' } });
    expect(account).toMatchObject({ name: 'Acme Insurance', slug: 'acme-insurance', timeZone: 'America/New_York' });
    expect(account.code).toMatch(/^[A-Z0-9]{8}$/);
    expect(account.createdAt).toMatch(ISO_INSTANT);
    accountId = account.id;

    expect((await platform.account({ id: accountId })).name).toBe('Acme Insurance');
    expect((await platform.accounts()).map((a) => a.id)).toContain(accountId);
  });

  it('creates a campaign, with prices in dollars and cents', async () => {
    const campaign = await platform.createCampaign({
      input: { accountId, name: 'Auto CA', category: 'Auto Insurance', requiredFields: ['first', 'last', 'phone'], defaultPrice: 12.5 },
    });
    expect(campaign).toMatchObject({
      accountId,
      name: 'Auto CA',
      category: 'Auto Insurance',
      status: 'ACTIVE',
      defaultPrice: 12.5,
      defaultPriceCents: 1250,
      requiredFields: ['first', 'last', 'phone'],
      timeZone: 'America/New_York',
    });
    campaignId = campaign.id;
    expect(await platform.campaign({ id: campaignId })).toEqual(campaign);
    expect((await platform.campaigns({ accountId })).map((c) => c.id)).toEqual([campaignId]);
  });

  it('creates a source, shows its auth key once, and approves it for the campaign', async () => {
    const { source: created, authKey } = await platform.createSource({ input: { accountId, name: 'Vendor One' } });
    expect(created).toMatchObject({ accountId, name: 'Vendor One' });
    expect(authKey.startsWith(created.authKeyPreview.replace(/…$/, ''))).toBe(true);
    sourceId = created.id;

    const approval = await platform.approveSource({ input: { sourceId, campaignId } });
    expect(approval).toMatchObject({ sourceId, campaignId, active: true, price: null, priceCents: null });

    const [listed, ...others] = await platform.sources({ accountId });
    expect(others).toEqual([]);
    expect(listed).toMatchObject({ id: sourceId, campaigns: [{ id: approval.id, campaignId, active: true }] });
  });

  it('issues a SOURCE key and submits as that source: ACCEPTED, with the price', async () => {
    const { apiKey, key } = await platform.createApiKey({ input: { accountId, role: 'SOURCE', sourceId } });
    expect(apiKey).toMatchObject({ accountId, role: 'SOURCE', sourceId, revokedAt: null });
    expect(key.startsWith(apiKey.preview.replace(/…$/, ''))).toBe(true);
    sourceKeyId = apiKey.id;
    sourceKey = key;
    source = client(key);

    const decision = await source.submitLead({ input: lead() });
    expect(decision).toMatchObject({ status: 'ACCEPTED', reasonCode: null, message: '', price: 12.5, priceCents: 1250, isTest: false });
    expect(decision.leadId).toEqual(expect.any(String));
    acceptedLeadId = decision.leadId!;
  });

  it('reads the stored lead back, normalized, with its trace', async () => {
    const stored = await platform.lead({ id: acceptedLeadId });
    expect(stored).toMatchObject({
      id: acceptedLeadId,
      accountId,
      campaignId,
      sourceId,
      door: 'GRAPHQL',
      status: 'ACCEPTED',
      price: 12.5,
      priceCents: 1250,
      phone: '+12135550147',
      email: 'ada.lovelace@example.com',
      state: 'CA',
      extra: {},
    });
    expect(stored.receivedAt).toMatch(ISO_INSTANT);
    expect(stored.trace.length).toBeGreaterThan(0);
    expect(stored.trace.every((entry) => entry.outcome === 'PASS')).toBe(true);
  });

  it('submits a test lead: status TEST, never priced', async () => {
    const decision = await source.testLead({ input: lead({ first: 'Test' }) });
    expect(decision).toMatchObject({ status: 'TEST', isTest: true, reasonCode: null, price: 0, priceCents: 0 });
    expect(decision.leadId).toEqual(expect.any(String));
  });

  it('returns a rejection as data: REJECTED, MISSING_FIELDS, "Missing phone"', async () => {
    const decision = await source.submitLead({ input: lead({ phone: undefined }) });
    expect(decision).toMatchObject({ status: 'REJECTED', reasonCode: 'MISSING_FIELDS', message: 'Missing phone', price: 0, priceCents: 0 });
    const stored = await platform.lead({ id: decision.leadId! });
    expect(stored).toMatchObject({ status: 'REJECTED', reasonCode: 'MISSING_FIELDS', reasonMessage: 'Missing phone' });
    expect(stored.trace.at(-1)).toMatchObject({ stage: 'required-fields', outcome: 'REJECT', reasonCode: 'MISSING_FIELDS' });
  });

  it('lists leads newest first, test leads only with includeTest', async () => {
    const live = await platform.leads({ filter: { campaignId } });
    expect(live.totalCount).toBe(2);
    expect(live.nodes.map((l) => l.status)).toEqual(['REJECTED', 'ACCEPTED']);
    expect(live.pageInfo.hasNextPage).toBe(false);

    const all = await platform.leads({ filter: { campaignId, includeTest: true } });
    expect(all.totalCount).toBe(3);
    expect(all.nodes.map((l) => l.status)).toEqual(['REJECTED', 'TEST', 'ACCEPTED']);

    const firstPage = await platform.leads({ filter: { campaignId, includeTest: true }, first: 2 });
    expect(firstPage.pageInfo).toMatchObject({ hasNextPage: true, endCursor: expect.any(String) });
    const secondPage = await platform.leads({ filter: { campaignId, includeTest: true }, first: 2, after: firstPage.pageInfo.endCursor });
    expect(secondPage.nodes.map((l) => l.status)).toEqual(['ACCEPTED']);
  });

  it('serves dashboard stats over the same filter', async () => {
    const stats = await platform.leadStats({ filter: { campaignId } });
    expect(stats).toMatchObject({ total: 2, accepted: 1, rejected: 1, test: 0, revenue: 12.5, revenueCents: 1250 });
    expect(stats.byReason).toEqual([{ key: 'MISSING_FIELDS', count: 1 }]);
    const withTest = await platform.leadStats({ filter: { campaignId, includeTest: true } });
    expect(withTest.test).toBe(1);
  });

  it('replays the first decision when a submitLead is retried with the same idempotency key', async () => {
    const input = lead({ first: 'Grace', email: 'grace@example.com', phone: '(213) 555-0199' });
    const first = await source.submitLead({ input }, { idempotencyKey: 'vendor-order-1' });
    const again = await source.submitLead({ input }, { idempotencyKey: 'vendor-order-1' });
    expect(first.status).toBe('ACCEPTED');
    expect(again).toEqual(first);
    expect((await platform.leads({ filter: { campaignId } })).totalCount).toBe(3);
  });

  it('explains a lead stage by stage without storing it', async () => {
    const { decision, stages } = await source.explainLead({ input: lead() });
    expect(decision).toMatchObject({ status: 'REJECTED', leadId: null, price: 0 });
    expect(['DUPLICATE_EMAIL', 'DUPLICATE_PHONE']).toContain(decision.reasonCode);
    expect(stages.find((s) => s.outcome === 'REJECT')).toMatchObject({ reasonCode: decision.reasonCode, message: decision.message });
    expect(stages.some((s) => s.stage === 'required-fields' && s.outcome === 'PASS')).toBe(true);
    expect((await platform.leads({ filter: { campaignId } })).totalCount).toBe(3);
  });

  it('blocks and unblocks a phone account-wide', async () => {
    expect(await platform.blockValues({ accountId, kind: 'PHONE', values: ['(213) 555-0177'] })).toBe(1);
    expect(await platform.blockedValues({ accountId })).toMatchObject([{ accountId, kind: 'PHONE', value: '+12135550177' }]);

    const decision = await source.submitLead({ input: lead({ email: 'blocked@example.com', phone: '213.555.0177' }) });
    expect(decision).toMatchObject({ status: 'REJECTED', reasonCode: 'PHONE_BLOCKED', message: 'Phone blocked' });

    expect(await platform.unblockValues({ accountId, kind: 'PHONE', values: ['+1 213 555 0177'] })).toBe(1);
    expect(await platform.blockedValues({ accountId, kind: 'PHONE' })).toEqual([]);
  });

  it('sets and clears zip targeting', async () => {
    const targeted = await platform.setZipTargeting({ campaignId, mode: 'INCLUDE', zips: ['90012', '90013'] });
    expect(targeted).toMatchObject({ id: campaignId, zipMode: 'INCLUDE', zipCount: 2 });
    const cleared = await platform.clearZipTargeting({ campaignId });
    expect(cleared).toMatchObject({ zipMode: null, zipCount: 0 });
  });

  it('updates a campaign, nested inputs included', async () => {
    const paused = await platform.updateCampaign({
      id: campaignId,
      input: {
        status: 'PAUSED',
        defaultPrice: 20,
        caps: { daily: 100 },
        schedule: [{ days: ['MON', 'TUE'], start: '09:00', end: '17:00' }],
      },
    });
    expect(paused).toMatchObject({
      id: campaignId,
      name: 'Auto CA',
      status: 'PAUSED',
      defaultPrice: 20,
      defaultPriceCents: 2000,
      caps: { daily: 100, weekly: null, monthly: null, total: null },
      schedule: [{ days: ['MON', 'TUE'], start: '09:00', end: '17:00' }],
    });
  });

  it('routes to buyers: a pending lead is sold when a buyer is created', async () => {
    const marketplace = await platform.createCampaign({
      input: { accountId, name: 'Solar market', category: 'Solar', routing: 'BUYERS', requiredFields: ['phone'] },
    });
    await platform.approveSource({ input: { sourceId, campaignId: marketplace.id } });
    const pending = await source.submitLead({ input: { campaignId: marketplace.id, phone: '(312) 555-0177' } });
    expect(pending).toMatchObject({ status: 'PENDING', buyerIds: [], price: 0 });
    const buyer = await platform.createBuyer({
      input: { accountId, name: 'Sun Corp', price: 45, filter: { field: 'phone', op: 'exists' } },
    });
    expect(buyer).toMatchObject({ name: 'Sun Corp', status: 'ACTIVE', price: 45, priceCents: 4500 });
    expect(await platform.lead({ id: pending.leadId! })).toMatchObject({ status: 'SOLD', price: 45 });
    const sold = await source.submitLead({ input: { campaignId: marketplace.id, phone: '(312) 555-0178' } });
    expect(sold).toMatchObject({ status: 'SOLD', buyerIds: [buyer.id], price: 45 });
    expect((await platform.buyers({ accountId })).map((b) => b.id)).toEqual([buyer.id]);
  });

  it('runs a dialer: a campaign, a list, inserts with duplicate checks, the hopper and DNC', async () => {
    const dialer = await platform.createDialerCampaign({ input: { accountId, name: 'Outbound' } });
    const list = await platform.createDialerList({ input: { dialerCampaignId: dialer.id, name: 'Fresh' } });
    expect(list).toMatchObject({ dialerCampaignId: dialer.id, archived: false, leadCount: 0 });
    const first = await platform.insertDialerLead({
      input: { listId: list.id, phoneNumber: '(415) 555-0190', firstName: 'Ada', hopper: true, hopperPriority: 40 },
    });
    expect(first).toMatchObject({ success: true, outcome: 'INSERTED', code: null });
    const duplicate = await platform.insertDialerLead({ input: { listId: list.id, phoneNumber: '4155550190', checkDup: 'LIST' } });
    expect(duplicate).toMatchObject({ success: false, outcome: 'REJECTED', code: 6009, text: 'The phone number already exists' });
    const [entry] = await platform.hopper({ listId: list.id });
    expect(entry).toMatchObject({
      id: first.hopperEntryId,
      priority: 40,
      status: 'WAITING',
      dialerLead: { id: first.dialerLeadId, phone: '+14155550190' },
    });
    expect((await platform.removeFromHopper({ id: entry!.id })).status).toBe('REMOVED');
    await platform.addDncNumber({ input: { accountId, phone: '415-555-0191' } });
    expect(await platform.checkDnc({ input: { accountId, phone: '4155550191' } })).toMatchObject({ listed: true, phone: '+14155550191' });
    const refused = await platform.insertDialerLead({ input: { listId: list.id, phoneNumber: '4155550191', checkDnc: true } });
    expect(refused).toMatchObject({ success: false, code: 6102, reasonCode: 'PHONE_DNC' });
  });

  it('throws AuthenticationError (UNAUTHENTICATED) for a wrong API key, without retrying', async () => {
    const before = sent.length;
    const error = await rejection(client('lgk_not_a_real_key_000000000000').campaigns());
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toBeInstanceOf(LeadgateError);
    expect(error).toMatchObject({ code: 'UNAUTHENTICATED', operationName: 'campaigns' });
    expect((error as AuthenticationError).requestId).toEqual(expect.any(String));
    expect(sent.length - before).toBe(1);
  });

  it('throws NotFoundError (NOT_FOUND) for a campaign that does not exist', async () => {
    const error = await rejection(platform.campaign({ id: 'cmp_doesnotexist0000000000' }));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ code: 'NOT_FOUND', message: 'Campaign not found' });
  });

  it('throws InvalidInputError (BAD_USER_INPUT) naming the field, once, with its idempotency key', async () => {
    const before = sent.length;
    const error = await rejection(platform.createApiKey({ input: { accountId, role: 'SOURCE' } }));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'sourceId' });
    expect(sent.slice(before)).toEqual([{ operationName: 'createApiKey', idempotencyKey: expect.stringMatching(/^[0-9a-f-]{36}$/) }]);
  });

  it('throws PermissionError (FORBIDDEN) when a SOURCE key tries to administer', async () => {
    const error = await rejection(source.createCampaign({ input: { name: 'Nope', category: 'Auto Insurance' } }));
    expect(error).toBeInstanceOf(PermissionError);
    expect(error).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('lists and revokes API keys; a revoked key is UNAUTHENTICATED', async () => {
    expect((await platform.apiKeys({ accountId })).map((k) => k.id)).toContain(sourceKeyId);
    const revoked = await platform.revokeApiKey({ id: sourceKeyId });
    expect(revoked.revokedAt).toMatch(ISO_INSTANT);
    await expect(client(sourceKey).campaigns()).rejects.toBeInstanceOf(AuthenticationError);
  });

  it('sends an Idempotency-Key with mutations only, a new one per call', () => {
    const ours = (r: (typeof sent)[number]) => r.idempotencyKey !== 'vendor-order-1';
    const mutations = sent.filter(
      (r) => ['createAccount', 'createCampaign', 'submitLead', 'testLead'].includes(r.operationName) && ours(r),
    );
    const queries = sent.filter((r) => ['account', 'accounts', 'campaign', 'leads', 'lead', 'explainLead'].includes(r.operationName));
    expect(mutations.length).toBeGreaterThanOrEqual(5);
    expect(queries.length).toBeGreaterThanOrEqual(5);
    expect(mutations.every((r) => r.idempotencyKey !== null)).toBe(true);
    expect(new Set(mutations.map((r) => r.idempotencyKey)).size).toBe(mutations.length);
    expect(queries.every((r) => r.idempotencyKey === null)).toBe(true);
  });
});
