import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDatabaseUrl } from '../src/config.js';
import { startGateway, type RunningGateway } from '../src/main.js';
import { DRIVER, freshDatabaseUrl, gqlOk, testConfig } from './helpers.js';

describe(`demo data on a fresh database (${DRIVER})`, () => {
  let db: { url: string; drop: () => Promise<void> };
  let gw: RunningGateway;
  let banner = '';

  beforeAll(async () => {
    db = await freshDatabaseUrl();
    gw = await startGateway(testConfig({ database: parseDatabaseUrl(db.url) }), { print: (text) => (banner += text) });
  }, 90_000);
  afterAll(async () => {
    await gw?.close();
    await db?.drop();
  });

  it('the banner names the dashboard and a READER key that signs in to it', async () => {
    expect(banner).toContain(`Open the dashboard and sign in with the reader key: ${gw.url}/dashboard`);
    expect(banner).toContain(`Explore the API in the browser: ${gw.url}/graphql`);
    const reader = /reader key\s+(lgk_\w+)/.exec(banner)![1]!;
    const { viewer, accounts } = await gqlOk(gw.url, `{ viewer { role } accounts { name timeZone } }`, {}, reader);
    expect(viewer.role).toBe('READER');
    expect(accounts).toEqual([{ name: 'Demo Leads', timeZone: 'America/Los_Angeles' }]);
  });

  it('about 30 days of leads went through the intake: every status, both campaigns and sources, sales to buyers', async () => {
    const reader = /reader key\s+(lgk_\w+)/.exec(banner)![1]!;
    const posted = Number(/\((\d+) demo leads of the last 30 days/.exec(banner)![1]);
    const from = new Date(Date.now() - 31 * 86_400_000).toISOString();
    const { leadStats, campaigns, sources, buyers } = await gqlOk(
      gw.url,
      `query($from: DateTimeISO) {
      leadStats(filter: { from: $from, includeTest: true }) { total accepted rejected test revenue byStatus { key count } byCampaign { key } bySource { key } byReason { key } }
      campaigns { id routing } sources { id } buyers { id name } }`,
      { from },
      reader,
    );
    expect(leadStats.total).toBe(posted);
    expect(leadStats.byStatus.map((b: { key: string }) => b.key).sort()).toEqual(['ACCEPTED', 'PENDING', 'REJECTED', 'SOLD', 'TEST']);
    expect(leadStats.accepted).toBeGreaterThan(leadStats.rejected);
    expect(leadStats.rejected).toBeGreaterThan(posted * 0.08);
    expect(leadStats.byReason.length).toBeGreaterThanOrEqual(4);
    expect(leadStats.byCampaign).toHaveLength(2);
    expect(leadStats.bySource).toHaveLength(2);
    expect(campaigns.map((c: { routing: string }) => c.routing)).toContain('BUYERS');
    expect(sources.length).toBeGreaterThanOrEqual(2);
    expect(buyers.map((b: { name: string }) => b.name).sort()).toEqual(['Harbor Mutual', 'Pinecrest Agency']);
    expect(leadStats.revenue).toBeGreaterThan(1000);

    // The leads carry their own times, spread over the month, none in the future.
    const { leads } = await gqlOk(
      gw.url,
      `{ leads(first: 500, filter: { status: SOLD }) { nodes { receivedAt sales { buyerId price } } } }`,
      {},
      reader,
    );
    const days = new Set(leads.nodes.map((l: { receivedAt: string }) => l.receivedAt.slice(0, 10)));
    expect(days.size).toBeGreaterThanOrEqual(25);
    expect(
      leads.nodes.every((l: { receivedAt: string; sales: unknown[] }) => new Date(l.receivedAt) <= new Date() && l.sales.length === 1),
    ).toBe(true);
  });
});
