import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningGateway } from '../src/main.js';
import { createTenant, DRIVER, gql, gqlOk, sampleLead, startTestGateway, SUBMIT, TEST_LEAD } from './helpers.js';

const STATS = `query($f: LeadFilter) { leadStats(filter: $f) {
  total accepted rejected test revenue revenueCents
  byStatus { key count } byReason { key count } byCampaign { key count } bySource { key count } } }`;

describe(`leadStats for dashboards (${DRIVER})`, () => {
  let gw: RunningGateway;
  beforeAll(async () => {
    gw = await startTestGateway();
  });
  afterAll(() => gw.close());

  it('counts by status, reason, campaign and source, with revenue; test leads only on request', async () => {
    const t = await createTenant(gw.url, { requiredFields: ['first', 'phone'], defaultPrice: 10 });
    const { createCampaign } = await gqlOk(
      gw.url,
      `mutation { createCampaign(input: { name: "Second", category: "Home", defaultPrice: 2.5 }) { id } }`,
      {},
      t.adminKey,
    );
    await gqlOk(
      gw.url,
      `mutation($i: ApproveSourceInput!) { approveSource(input: $i) { id } }`,
      { i: { sourceId: t.sourceId, campaignId: createCampaign.id } },
      t.adminKey,
    );
    for (let i = 0; i < 3; i++) await gqlOk(gw.url, SUBMIT, { input: sampleLead(t.campaignId) }, t.sourceKey);
    await gqlOk(gw.url, SUBMIT, { input: sampleLead(createCampaign.id) }, t.sourceKey);
    await gqlOk(gw.url, SUBMIT, { input: sampleLead(t.campaignId, { first: undefined }) }, t.sourceKey);
    await gqlOk(gw.url, SUBMIT, { input: sampleLead(t.campaignId, { email: 'nope' }) }, t.sourceKey);
    await gqlOk(gw.url, SUBMIT, { input: sampleLead(t.campaignId, { email: 'nope2' }) }, t.sourceKey);
    await gqlOk(gw.url, TEST_LEAD, { input: sampleLead(t.campaignId) }, t.sourceKey);

    const { leadStats } = await gqlOk(gw.url, STATS, {}, t.adminKey);
    expect(leadStats).toEqual({
      total: 7,
      accepted: 4,
      rejected: 3,
      test: 0,
      revenue: 32.5,
      revenueCents: 3250,
      byStatus: [
        { key: 'ACCEPTED', count: 4 },
        { key: 'REJECTED', count: 3 },
      ],
      byReason: [
        { key: 'EMAIL_FORMAT', count: 2 },
        { key: 'MISSING_FIELDS', count: 1 },
      ],
      byCampaign: [
        { key: t.campaignId, count: 6 },
        { key: createCampaign.id, count: 1 },
      ],
      bySource: [{ key: t.sourceId, count: 7 }],
    });
    const withTest = await gqlOk(gw.url, STATS, { f: { includeTest: true } }, t.adminKey);
    expect(withTest.leadStats).toMatchObject({ total: 8, test: 1 });
    const oneCampaign = await gqlOk(gw.url, STATS, { f: { campaignId: createCampaign.id } }, t.adminKey);
    expect(oneCampaign.leadStats).toMatchObject({ total: 1, accepted: 1, revenue: 2.5 });
    const future = await gqlOk(gw.url, STATS, { f: { from: new Date(Date.now() + 3_600_000).toISOString() } }, t.adminKey);
    expect(future.leadStats).toMatchObject({ total: 0, byStatus: [], revenue: 0 });

    const { createApiKey } = await gqlOk(gw.url, `mutation { createApiKey(input: { role: READER }) { key } }`, {}, t.adminKey);
    const reader = await gqlOk(gw.url, STATS, {}, createApiKey.key);
    expect(reader.leadStats.total).toBe(7);
    const other = await createTenant(gw.url);
    const stranger = await gql(gw.url, STATS, { f: { campaignId: t.campaignId } }, other.adminKey);
    expect(stranger.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const own = await gqlOk(gw.url, STATS, {}, other.adminKey);
    expect(own.leadStats.total).toBe(0);
  });
});
