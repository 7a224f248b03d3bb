import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningGateway } from '../src/main.js';
import { createTenant, DRIVER, gql, PLATFORM_KEY, sampleLead, serveCli, startTestGateway, SUBMIT, type Tenant } from './helpers.js';

/**
 * Duplicate and cap checks under concurrency. On PostgreSQL a second gateway process shares the
 * database and takes half the traffic, as several stateless gateways would in production.
 * (SQLite is the single-process embedded engine.)
 */
describe(`race-free duplicates and caps (${DRIVER})`, () => {
  let gw: RunningGateway;
  let urls: string[];
  let second: Awaited<ReturnType<typeof serveCli>> | undefined;

  beforeAll(async () => {
    gw = await startTestGateway();
    urls = [gw.url];
    if (process.env.DATABASE_URL) {
      second = await serveCli({ DATABASE_URL: process.env.DATABASE_URL, LEADGATE_ADMIN_KEY: PLATFORM_KEY, LEADGATE_DEMO: 'false' });
      urls.push(second.url);
    }
  }, 90_000);
  afterAll(async () => {
    second?.child.kill('SIGTERM');
    await gw.close();
  });

  /** Fires every lead at once, spread over the gateways; returns each decision's status and reason. */
  async function fire(t: Tenant, leads: Array<Record<string, unknown>>) {
    const results = await Promise.all(leads.map((input, i) => gql(urls[i % urls.length]!, SUBMIT, { input }, t.sourceKey)));
    for (const r of results) expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    return results.map((r) => r.data!.submitLead as { status: string; reasonCode: string | null });
  }

  const count = (decisions: Array<{ status: string; reasonCode: string | null }>, status: string, code: string | null = null) =>
    decisions.filter((d) => d.status === status && d.reasonCode === code).length;

  it('200 concurrent posts of one email accept exactly one', async () => {
    const t = await createTenant(gw.url);
    const email = `race.${process.pid}.${Date.now()}@example.com`;
    const decisions = await fire(
      t,
      Array.from({ length: 200 }, () => sampleLead(t.campaignId, { email })),
    );
    expect(count(decisions, 'ACCEPTED')).toBe(1);
    expect(count(decisions, 'REJECTED', 'DUPLICATE_EMAIL')).toBe(199);
    const stored = await gql(
      gw.url,
      `query($c: ID!) { leads(filter: { campaignId: $c, status: ACCEPTED }) { totalCount } }`,
      { c: t.campaignId },
      t.adminKey,
    );
    expect(stored.data!.leads.totalCount).toBe(1);
  }, 60_000);

  it('300 concurrent posts against a daily cap of 50 accept exactly 50', async () => {
    const t = await createTenant(gw.url);
    await gql(
      gw.url,
      `mutation($i: ApproveSourceInput!) { approveSource(input: $i) { id } }`,
      {
        i: { sourceId: t.sourceId, campaignId: t.campaignId, caps: { daily: 50 } },
      },
      t.adminKey,
    );
    const decisions = await fire(
      t,
      Array.from({ length: 300 }, () => sampleLead(t.campaignId)),
    );
    expect(count(decisions, 'ACCEPTED')).toBe(50);
    expect(count(decisions, 'REJECTED', 'DAILY_CAP')).toBe(250);
  }, 60_000);

  it('a campaign cap holds across sources too, and a rejected lead releases its duplicate claim', async () => {
    const t = await createTenant(gw.url, { caps: { total: 20 } });
    const decisions = await fire(
      t,
      Array.from({ length: 60 }, () => sampleLead(t.campaignId)),
    );
    expect(count(decisions, 'ACCEPTED')).toBe(20);
    expect(count(decisions, 'REJECTED', 'CAMPAIGN_CAP')).toBe(40);
    // The capped leads claimed no keys: raising the cap lets the very same lead in.
    const lead = sampleLead(t.campaignId);
    const capped = await gql(gw.url, SUBMIT, { input: lead }, t.sourceKey);
    expect(capped.data!.submitLead.reasonCode).toBe('CAMPAIGN_CAP');
    await gql(
      gw.url,
      `mutation($id: ID!) { updateCampaign(id: $id, input: { caps: { total: 21 } }) { id } }`,
      { id: t.campaignId },
      t.adminKey,
    );
    const again = await gql(gw.url, SUBMIT, { input: lead }, t.sourceKey);
    expect(again.data!.submitLead.status).toBe('ACCEPTED');
  }, 60_000);

  it('test leads count toward neither duplicates nor caps', async () => {
    const t = await createTenant(gw.url);
    await gql(
      gw.url,
      `mutation($i: ApproveSourceInput!) { approveSource(input: $i) { id } }`,
      {
        i: { sourceId: t.sourceId, campaignId: t.campaignId, caps: { total: 1 } },
      },
      t.adminKey,
    );
    const lead = sampleLead(t.campaignId);
    for (let i = 0; i < 3; i++) {
      const test = await gql(gw.url, SUBMIT, { input: { ...lead, test: true } }, t.sourceKey);
      expect(test.data!.submitLead.status).toBe('TEST');
    }
    const live = await gql(gw.url, SUBMIT, { input: lead }, t.sourceKey);
    expect(live.data!.submitLead.status).toBe('ACCEPTED');
  });
});
