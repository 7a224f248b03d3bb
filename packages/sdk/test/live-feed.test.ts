import { loadConfig, startGateway, type RunningGateway } from '@leadgate/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  createClient,
  liveFeedUrl,
  NotFoundError,
  subscribeToLeads,
  type LeadFeedEvent,
  type LeadgateError,
  type LiveFeed,
} from '../src/index.js';
import { tempDatabase } from './temp-database.js';

const PLATFORM_KEY = 'lgk_test_platform_admin_key_0123456789';

let gateway: RunningGateway;
let endpoint: string;
const feeds: LiveFeed[] = [];

beforeAll(async () => {
  gateway = await startGateway(
    { ...loadConfig({}), port: 0, host: '127.0.0.1', adminKey: PLATFORM_KEY, logLevel: 'silent', database: tempDatabase() },
    { demo: false, print: () => undefined },
  );
  endpoint = `${gateway.url}/graphql`;
});

afterAll(async () => {
  await Promise.all(feeds.map((f) => f.close()));
  await gateway?.close();
});

/** Resolves once `check()` holds; fails after `timeoutMs`. */
async function until(check: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the live feed');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('subscribeToLeads against a running gateway', () => {
  it('pushes each decision of the account, typed and masked, until closed', async () => {
    const platform = createClient({ url: endpoint, apiKey: PLATFORM_KEY });
    const account = await platform.createAccount({ input: { name: 'Feed Co', timeZone: 'America/Chicago' } });
    const campaign = await platform.createCampaign({
      input: { accountId: account.id, name: 'Auto', category: 'Auto Insurance', requiredFields: ['first', 'phone'], defaultPrice: 9 },
    });
    const { source } = await platform.createSource({ input: { accountId: account.id, name: 'Vendor' } });
    await platform.approveSource({ input: { sourceId: source.id, campaignId: campaign.id } });
    const { key: reader } = await platform.createApiKey({ input: { accountId: account.id, role: 'READER' } });
    const { key: sourceKey } = await platform.createApiKey({ input: { accountId: account.id, role: 'SOURCE', sourceId: source.id } });
    const vendor = createClient({ url: endpoint, apiKey: sourceKey });

    const events: LeadFeedEvent[] = [];
    let connected = 0;
    const feed = await subscribeToLeads({
      url: gateway.url,
      apiKey: reader,
      onEvent: (e) => events.push(e),
      onConnected: () => connected++,
    });
    feeds.push(feed);
    // The subscription is live once the gateway has checked it; the protocol does not say when.
    await until(() => connected === 1);
    let probe = 0;
    while (events.length === 0 && probe++ < 50) {
      await vendor.submitLead({ input: { campaignId: campaign.id, first: 'Probe', phone: `(312) 555-${String(1000 + probe)}` } });
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    events.length = 0;

    const accepted = await vendor.submitLead({
      input: { campaignId: campaign.id, first: 'Ada', last: 'Lovelace', email: 'ada@example.com', phone: '(312) 555-0147', zip: '60601' },
    });
    const rejected = await vendor.submitLead({ input: { campaignId: campaign.id, last: 'Nofirst', phone: '(312) 555-0148' } });
    await until(() => events.length >= 2);
    expect(events[0]).toMatchObject({
      kind: 'DECIDED',
      leadId: accepted.leadId,
      accountId: account.id,
      campaignId: campaign.id,
      sourceId: source.id,
      status: 'ACCEPTED',
      reasonCode: null,
      price: 9,
      priceCents: 900,
      isTest: false,
      door: 'GRAPHQL',
      contact: { first: 'A•••', last: 'L•••', email: 'a•••@example.com', phone: '•••0147', zip: '606••' },
    });
    expect(events[1]).toMatchObject({
      leadId: rejected.leadId,
      status: 'REJECTED',
      reasonCode: 'MISSING_FIELDS',
      message: 'Missing first',
    });

    await feed.close();
    await feed.close();
    await vendor.submitLead({ input: { campaignId: campaign.id, first: 'After', phone: '(312) 555-0149' } });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(events).toHaveLength(2);
  });

  it("reports a refused key or filter once, as the SDK's typed errors", async () => {
    const refusals: LeadgateError[] = [];
    feeds.push(
      await subscribeToLeads({ url: endpoint, apiKey: 'lgk_not_a_key', onEvent: () => undefined, onError: (e) => refusals.push(e) }),
    );
    feeds.push(
      await subscribeToLeads({
        url: endpoint,
        apiKey: PLATFORM_KEY,
        filter: { accountId: 'acc_missing', campaignIds: ['cmp_missing'] },
        onEvent: () => undefined,
        onError: (e) => refusals.push(e),
      }),
    );
    await until(() => refusals.length === 2);
    const [auth, missing] = [refusals.find((e) => e instanceof AuthenticationError), refusals.find((e) => e instanceof NotFoundError)];
    expect(auth).toMatchObject({
      code: 'UNAUTHENTICATED',
      operationName: 'leadDecided',
      message: 'Invalid API key: it is unknown or revoked',
    });
    expect(missing).toMatchObject({ code: 'NOT_FOUND', message: 'Campaign not found' });
  });

  it('checks its options and maps the endpoint to its WebSocket URL', async () => {
    expect(liveFeedUrl('http://127.0.0.1:4000')).toBe('ws://127.0.0.1:4000/graphql');
    expect(liveFeedUrl('https://leads.example.com/graphql')).toBe('wss://leads.example.com/graphql');
    expect(() => liveFeedUrl('ftp://x')).toThrow(TypeError);
    await expect(subscribeToLeads({ url: endpoint, apiKey: ' ', onEvent: () => undefined })).rejects.toThrow(/apiKey is required/);
  });
});
