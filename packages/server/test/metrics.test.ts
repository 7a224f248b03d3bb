import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDatabaseUrl } from '../src/config.js';
import type { RunningGateway } from '../src/main.js';
import {
  createTenant,
  DRIVER,
  freshDatabaseUrl,
  gql,
  gqlOk,
  optaBody,
  sampleLead,
  startTestGateway,
  SUBMIT,
  unique,
  uniquePhone,
  type Tenant,
} from './helpers.js';
import { Receiver } from './receiver.js';

const TOKEN = 'metrics-token-0123456789';

/** The value of one sample of `name` whose labels include `labels`; 0 when there is none. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  for (const line of text.split('\n')) {
    const match = /^([a-z_:]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const got = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([k, v]) => got[k] === v)) return Number(match[3]);
  }
  return 0;
}

async function scrape(gw: RunningGateway): Promise<string> {
  const res = await fetch(`${gw.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return res.text();
}

describe(`GET /metrics (${DRIVER})`, () => {
  let db: { url: string; drop: () => Promise<void> };
  let gw: RunningGateway;
  let sender: RunningGateway | undefined;
  let t: Tenant;
  const receiver = new Receiver();

  beforeAll(async () => {
    db = await freshDatabaseUrl();
    await receiver.start();
    // This gateway sends nothing, so what it queues stays due.
    gw = await startTestGateway({ database: parseDatabaseUrl(db.url), metricsToken: TOKEN, deliveryWorkers: 0 });
    t = await createTenant(gw.url);
  }, 60_000);
  afterAll(async () => {
    await sender?.close();
    await gw?.close();
    await receiver.stop();
    await db?.drop();
  });

  it('needs the token when one is set', async () => {
    expect((await fetch(`${gw.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${gw.url}/metrics`, { headers: { authorization: 'Bearer wrong-token-0123456789' } })).status).toBe(401);
  });

  it('moves with traffic: requests by door and status, latency, decisions by status and reason, refusals, the queue, the pool, event-loop lag', async () => {
    receiver.respond = () => ({ status: 503, body: 'down' });
    await gqlOk(
      gw.url,
      `mutation($i: CreateDestinationInput!) { createDestination(input: $i) { secret } }`,
      {
        i: { campaignId: t.campaignId, name: unique('crm'), url: receiver.url, maxAttempts: 1 },
      },
      t.adminKey,
    );
    const before = await scrape(gw);

    const lead = sampleLead(t.campaignId);
    await gqlOk(gw.url, SUBMIT, { input: lead }, t.sourceKey);
    await gqlOk(gw.url, SUBMIT, { input: sampleLead(t.campaignId) }, t.sourceKey);
    const duplicate = await gqlOk(gw.url, SUBMIT, { input: { ...lead, phone: uniquePhone() } }, t.sourceKey);
    expect(duplicate.submitLead.reasonCode).toBe('DUPLICATE_EMAIL');
    const opta = await fetch(`${gw.url}/ca/submit`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(optaBody(t, sampleLead(t.campaignId))),
    });
    expect(opta.status).toBe(200);
    // A key allowed one mutation a minute: its second is refused.
    const { createApiKey } = await gqlOk(
      gw.url,
      `mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { key } }`,
      {
        i: { role: 'SOURCE', sourceId: t.sourceId, rateLimitPerMinute: 1 },
      },
      t.adminKey,
    );
    await gqlOk(gw.url, SUBMIT, { input: sampleLead(t.campaignId) }, createApiKey.key);
    expect((await gql(gw.url, SUBMIT, { input: sampleLead(t.campaignId) }, createApiKey.key)).status).toBe(429);

    const after = await scrape(gw);
    const moved = (name: string, labels: Record<string, string> = {}) => sample(after, name, labels) - sample(before, name, labels);
    expect(moved('leadgate_http_requests_total', { door: 'graphql', method: 'POST', status: '200' })).toBe(5);
    expect(moved('leadgate_http_requests_total', { door: 'opta', method: 'POST', status: '200' })).toBe(1);
    expect(moved('leadgate_http_request_duration_seconds_count', { door: 'opta' })).toBe(1);
    expect(moved('leadgate_http_request_duration_seconds_sum', { door: 'graphql' })).toBeGreaterThan(0);
    expect(moved('leadgate_lead_decisions_total', { door: 'graphql', status: 'ACCEPTED', reason: 'none' })).toBe(3);
    expect(moved('leadgate_lead_decisions_total', { door: 'graphql', status: 'REJECTED', reason: 'DUPLICATE_EMAIL' })).toBe(1);
    expect(moved('leadgate_lead_decisions_total', { door: 'opta', status: 'ACCEPTED', reason: 'none' })).toBe(1);
    expect(moved('leadgate_rate_limit_refusals_total', { door: 'graphql' })).toBe(1);
    expect(moved('leadgate_http_requests_total', { door: 'graphql', method: 'POST', status: '429' })).toBe(1);
    // Four accepted leads, one delivery each, waiting for a gateway that sends.
    expect(sample(after, 'leadgate_deliveries_due')).toBe(4);
    expect(sample(after, 'leadgate_deliveries_in_flight')).toBe(0);
    expect(sample(after, 'leadgate_deliveries_dead_letters')).toBe(0);
    expect(sample(after, 'leadgate_db_pool_connections', { state: 'max' })).toBeGreaterThanOrEqual(1);
    expect(after).toMatch(/^leadgate_nodejs_eventloop_lag_seconds \d/m);
    expect(after).toMatch(/^leadgate_process_resident_memory_bytes \d/m);

    // A gateway that sends, on the same database: one attempt each, refused by the receiver, dead-lettered.
    sender = await startTestGateway({ database: parseDatabaseUrl(db.url), metricsToken: TOKEN, deliveryPollMs: 50 });
    for (let i = 0; i < 200 && sample(await scrape(sender), 'leadgate_deliveries_dead_letters') < 4; i++)
      await new Promise((r) => setTimeout(r, 50));
    const sent = await scrape(sender);
    expect(sample(sent, 'leadgate_deliveries_dead_letters')).toBe(4);
    expect(sample(sent, 'leadgate_deliveries_due')).toBe(0);
    expect(sample(sent, 'leadgate_delivery_attempts_total', { outcome: 'RETRYABLE' })).toBe(4);
    expect(sample(sent, 'leadgate_delivery_attempt_duration_seconds_count')).toBe(4);
    expect(receiver.requests).toHaveLength(4);
  }, 60_000);
});
