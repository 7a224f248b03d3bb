import { describe, expect, it } from 'vitest';
import { createClient, type LeadgateClientOptions } from '../src/index.js';

interface Captured {
  url: string;
  headers: Headers;
  body: { query: string; operationName: string; variables: unknown };
}

/** A fetch that records the request and answers `data`. */
function recordingFetch(data: unknown, captured: Captured[]): typeof fetch {
  return async (input, init) => {
    captured.push({ url: String(input), headers: new Headers(init?.headers), body: JSON.parse(String(init?.body)) as Captured['body'] });
    return new Response(JSON.stringify({ data }), { status: 200, headers: { 'content-type': 'application/json' } });
  };
}

describe('createClient', () => {
  it('exposes one method per operation', () => {
    const client = createClient({ url: 'http://127.0.0.1:4000/graphql', apiKey: 'k' });
    expect(Object.keys(client).sort()).toEqual(
      [
        'account',
        'accounts',
        'addDncNumber',
        'apiKeys',
        'approveSource',
        'archiveList',
        'blockValues',
        'blockedValues',
        'brands',
        'buyer',
        'buyers',
        'campaign',
        'campaigns',
        'checkDnc',
        'clearZipTargeting',
        'createAccount',
        'createApiKey',
        'createBrand',
        'createBuyer',
        'createCampaign',
        'createDeploymentType',
        'createDestination',
        'createDialerCampaign',
        'createDialerList',
        'createOptInAppId',
        'createSource',
        'deleteBrand',
        'deleteBuyer',
        'deleteDeploymentType',
        'deleteDestination',
        'deleteDialerCampaign',
        'deleteDialerList',
        'deliveries',
        'delivery',
        'deploymentTypes',
        'destination',
        'destinations',
        'dialerCampaign',
        'dialerCampaigns',
        'dialerLead',
        'dialerLeads',
        'dialerList',
        'dialerLists',
        'dncNumbers',
        'explainLead',
        'hopper',
        'hopperEntries',
        'hopperEntry',
        'insertDialerLead',
        'lead',
        'leadStats',
        'leads',
        'mapWebhookFields',
        'optIn',
        'optInAppIds',
        'optInHistory',
        'optInStatus',
        'optInSubmission',
        'optOut',
        'paginate',
        'redistributePending',
        'removeDncNumber',
        'removeFromHopper',
        'retryDeliveries',
        'retryDelivery',
        'revokeApiKey',
        'revokeInstructions',
        'revokeOptInAppId',
        'rotateDestinationSecret',
        'rotateInstructionsToken',
        'rotateWebhookId',
        'setZipTargeting',
        'sources',
        'submitLead',
        'suggestedWebhookMapping',
        'testLead',
        'unblockValues',
        'updateAccount',
        'updateBrand',
        'updateBuyer',
        'updateCampaign',
        'updateDeploymentType',
        'updateDestination',
        'updateDialerCampaign',
        'updateDialerList',
        'updateOptInAppId',
        'webhookSamples',
      ].sort(),
    );
  });

  it('posts the named operation with its variables and returns its root field', async () => {
    const captured: Captured[] = [];
    const decision = { status: 'TEST', reasonCode: null, message: '', price: 0, priceCents: 0, leadId: 'lead_1', isTest: true };
    const client = createClient({ url: 'http://gw.test/graphql', apiKey: 'k', fetch: recordingFetch({ testLead: decision }, captured) });

    await expect(client.testLead({ input: { campaignId: 'cmp_1', phone: '2135550147' } })).resolves.toEqual(decision);

    expect(captured).toHaveLength(1);
    expect(captured[0]!.url).toBe('http://gw.test/graphql');
    expect(captured[0]!.body.operationName).toBe('testLead');
    expect(captured[0]!.body.variables).toEqual({ input: { campaignId: 'cmp_1', phone: '2135550147' } });
    expect(captured[0]!.body.query).toContain('fragment LeadDecisionFields on LeadDecision');
  });

  it('sends the API key as a Bearer token that extra headers cannot replace', async () => {
    const captured: Captured[] = [];
    const client = createClient({
      url: 'http://gw.test',
      apiKey: ' lgk_secret ',
      headers: { Authorization: 'Bearer someone-else', 'X-Request-Id': 'trace-1' },
      fetch: recordingFetch({ accounts: [] }, captured),
    });
    await client.accounts(undefined, { headers: { 'x-extra': 'yes' } });
    const { headers, url } = captured[0]!;
    expect(url).toBe('http://gw.test/graphql');
    expect(headers.get('authorization')).toBe('Bearer lgk_secret');
    expect(headers.get('x-request-id')).toBe('trace-1');
    expect(headers.get('x-extra')).toBe('yes');
  });

  it('sends one Idempotency-Key per mutation, whatever the headers options say', async () => {
    const captured: Captured[] = [];
    const client = createClient({
      url: 'http://gw.test/graphql',
      apiKey: 'k',
      headers: { 'Idempotency-Key': 'fixed-for-every-call' },
      fetch: recordingFetch({ accounts: [], revokeApiKey: { id: 'key_1' } }, captured),
    });
    await client.accounts();
    await client.revokeApiKey({ id: 'key_1' });
    await client.revokeApiKey({ id: 'key_1' }, { headers: { 'idempotency-key': 'from-a-header' } });

    const keys = captured.map((c) => c.headers.get('idempotency-key'));
    expect(keys[0]).toBeNull();
    expect(keys[1]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[2]).toBe('from-a-header');
  });

  it.each<[string, Partial<LeadgateClientOptions>, RegExp]>([
    ['no apiKey', { apiKey: '' }, /apiKey is required: pass an API key from createApiKey/],
    ['a url that is not one', { url: 'localhost:4000' }, /url must start with http:\/\/ or https:\/\//],
    ['a garbled url', { url: 'not a url' }, /url must be the gateway's GraphQL endpoint, e\.g\. http:\/\/127\.0\.0\.1:4000\/graphql/],
    ['a negative maxRetries', { maxRetries: -1 }, /maxRetries must be an integer from 0 to 10 \(got -1\)/],
    ['a fractional timeoutMs', { timeoutMs: 1.5 }, /timeoutMs must be an integer from 1 to 600000 \(got 1.5\)/],
  ])('refuses %s with a message that says what to pass', (_label, override, message) => {
    expect(() => createClient({ url: 'http://127.0.0.1:4000/graphql', apiKey: 'k', ...override })).toThrow(message);
  });

  it('refuses a bad per-call option before sending anything', async () => {
    const captured: Captured[] = [];
    const client = createClient({ url: 'http://gw.test/graphql', apiKey: 'k', fetch: recordingFetch({}, captured) });
    await expect(client.submitLead({ input: { campaignId: 'c' } }, { idempotencyKey: 'has spaces' })).rejects.toThrow(
      /idempotencyKey must be 1-255 printable ASCII characters/,
    );
    await expect(client.accounts(undefined, { maxRetries: 11 })).rejects.toThrow(/maxRetries must be an integer from 0 to 10/);
    expect(captured).toEqual([]);
  });
});
