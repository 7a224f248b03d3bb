import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type RunningGateway } from '../src/main.js';
import { createTenant, DRIVER, gql, gqlOk, sampleLead, SUBMIT, TEST_LEAD, testConfig, type Tenant } from './helpers.js';

const COUNTS = 'total accepted rejected test sold pending acceptanceRate revenue revenueCents';
const STATS = `query($f: LeadFilter, $i: StatInterval!) { leadStats(filter: $f) {
  timeZone ${COUNTS}
  counts { ${COUNTS} byStatus { status count revenue } }
  series(interval: $i) { start end label ${COUNTS} }
  campaigns { campaignId name ${COUNTS} }
  sources { sourceId name total accepted rejected }
  buyers { buyerId name sold revenue revenueCents }
  reasons { reasonCode message count share } } }`;
const SERIES = `query($f: LeadFilter, $i: StatInterval!) { leadStats(filter: $f) { series(interval: $i) { start end label total accepted sold rejected revenue } } }`;
const TOTALS = `query($f: LeadFilter) { leadStats(filter: $f) { total accepted rejected test sold revenue } }`;

/**
 * One account in America/Los_Angeles with leads placed by a test clock around the end of DST
 * (2026-11-01, a 25-hour Sunday) and a month boundary, so every expected number below can be
 * checked by hand.
 */
describe(`leadStats: series, breakdowns and filters (${DRIVER})`, () => {
  let gw: RunningGateway;
  let clock = new Date('2026-10-30T20:00:00Z');
  let t: Tenant;
  let campaignB: string;
  let source2: { id: string; key: string };
  let buyerId: string;

  const at = (iso: string) => {
    clock = new Date(iso);
  };
  const submit = async (campaignId: string, key: string, extra: Record<string, unknown> = {}, mutation = SUBMIT) =>
    (await gqlOk(gw.url, mutation, { input: sampleLead(campaignId, extra) }, key)).submitLead ?? null;

  beforeAll(async () => {
    gw = await startGateway(testConfig(), { demo: false, print: () => undefined, now: () => clock });
    t = await createTenant(gw.url, { defaultPrice: 10 });
    const { createCampaign } = await gqlOk(
      gw.url,
      `mutation { createCampaign(input: { name: "Marketplace", category: "Auto", routing: BUYERS, requiredFields: ["first", "last", "phone"] }) { id } }`,
      {},
      t.adminKey,
    );
    campaignB = createCampaign.id;
    const { createSource } = await gqlOk(
      gw.url,
      `mutation { createSource(input: { name: "Second vendor" }) { source { id } } }`,
      {},
      t.adminKey,
    );
    const { createApiKey } = await gqlOk(
      gw.url,
      `mutation($s: ID!) { createApiKey(input: { role: SOURCE, sourceId: $s }) { key } }`,
      { s: createSource.source.id },
      t.adminKey,
    );
    source2 = { id: createSource.source.id, key: createApiKey.key };
    for (const [sourceId, campaignId] of [
      [t.sourceId, campaignB],
      [source2.id, t.campaignId],
      [source2.id, campaignB],
    ]) {
      await gqlOk(
        gw.url,
        `mutation($i: ApproveSourceInput!) { approveSource(input: $i) { id } }`,
        { i: { sourceId, campaignId } },
        t.adminKey,
      );
    }

    at('2026-10-30T20:00:00Z'); // Oct 30, 13:00 PDT
    await submit(t.campaignId, t.sourceKey);
    at('2026-10-30T20:05:00Z');
    await submit(t.campaignId, t.sourceKey);
    at('2026-10-30T20:10:00Z');
    expect((await submit(t.campaignId, t.sourceKey, { email: 'nope' })).reasonCode).toBe('EMAIL_FORMAT');
    at('2026-11-01T06:30:00Z'); // Oct 31, 23:30 PDT
    await submit(t.campaignId, source2.key);
    at('2026-11-01T06:40:00Z');
    expect((await submit(campaignB, t.sourceKey)).status).toBe('PENDING');
    at('2026-11-01T08:30:00Z'); // Nov 1, 01:30 PDT
    await submit(t.campaignId, t.sourceKey);
    at('2026-11-01T09:30:00Z'); // Nov 1, 01:30 PST: the same wall clock an hour later
    await submit(t.campaignId, t.sourceKey);
    at('2026-11-01T20:00:00Z');
    // A new buyer is offered the pending lead at once: it is sold, counted where it was received (Oct 31).
    buyerId = (await gqlOk(gw.url, `mutation { createBuyer(input: { name: "Acme", price: 30 }) { id } }`, {}, t.adminKey)).createBuyer.id;
    at('2026-11-01T20:10:00Z');
    expect((await submit(campaignB, source2.key)).status).toBe('SOLD');
    at('2026-11-02T18:00:00Z'); // Nov 2, 10:00 PST
    expect((await submit(t.campaignId, source2.key, { first: undefined })).reasonCode).toBe('MISSING_FIELDS');
    at('2026-11-02T18:05:00Z');
    await gqlOk(gw.url, TEST_LEAD, { input: sampleLead(t.campaignId) }, t.sourceKey);
  });
  afterAll(() => gw.close());

  it('answers totals, a DST-correct daily series and every breakdown with names', async () => {
    const { leadStats } = await gqlOk(
      gw.url,
      STATS,
      { f: { from: '2026-10-30T07:00:00Z', to: '2026-11-03T08:00:00Z' }, i: 'DAY' },
      t.adminKey,
    );
    expect(leadStats).toMatchObject({
      timeZone: 'America/Los_Angeles',
      total: 9,
      accepted: 7,
      rejected: 2,
      test: 0,
      sold: 2,
      pending: 0,
      revenue: 110,
      revenueCents: 11000,
    });
    expect(leadStats.acceptanceRate).toBeCloseTo(7 / 9, 10);
    expect(leadStats.counts.byStatus).toEqual([
      { status: 'ACCEPTED', count: 5, revenue: 50 },
      { status: 'REJECTED', count: 2, revenue: 0 },
      { status: 'TEST', count: 0, revenue: 0 },
      { status: 'SOLD', count: 2, revenue: 60 },
      { status: 'PENDING', count: 0, revenue: 0 },
    ]);
    expect(
      leadStats.series.map((p: Record<string, unknown>) => [
        p.label,
        p.start,
        p.end,
        p.total,
        p.accepted,
        p.sold,
        p.rejected,
        p.revenueCents,
      ]),
    ).toEqual([
      ['2026-10-30', '2026-10-30T07:00:00.000Z', '2026-10-31T07:00:00.000Z', 3, 2, 0, 1, 2000],
      ['2026-10-31', '2026-10-31T07:00:00.000Z', '2026-11-01T07:00:00.000Z', 2, 2, 1, 0, 4000],
      // The day DST ends is 25 hours long.
      ['2026-11-01', '2026-11-01T07:00:00.000Z', '2026-11-02T08:00:00.000Z', 3, 3, 1, 0, 5000],
      ['2026-11-02', '2026-11-02T08:00:00.000Z', '2026-11-03T08:00:00.000Z', 1, 0, 0, 1, 0],
    ]);
    expect(leadStats.series[0].acceptanceRate).toBeCloseTo(2 / 3, 10);
    expect(leadStats.series[3].acceptanceRate).toBe(0);
    expect(leadStats.campaigns).toEqual([
      expect.objectContaining({ campaignId: t.campaignId, name: 'Auto', total: 7, accepted: 5, rejected: 2, sold: 0, revenue: 50 }),
      expect.objectContaining({
        campaignId: campaignB,
        name: 'Marketplace',
        total: 2,
        accepted: 2,
        sold: 2,
        revenue: 60,
        acceptanceRate: 1,
      }),
    ]);
    expect(leadStats.sources).toEqual([
      { sourceId: t.sourceId, name: 'Vendor', total: 6, accepted: 5, rejected: 1 },
      { sourceId: source2.id, name: 'Second vendor', total: 3, accepted: 2, rejected: 1 },
    ]);
    expect(leadStats.buyers).toEqual([{ buyerId, name: 'Acme', sold: 2, revenue: 60, revenueCents: 6000 }]);
    expect(leadStats.reasons).toEqual([
      { reasonCode: 'EMAIL_FORMAT', message: 'Email format', count: 1, share: 0.5 },
      { reasonCode: 'MISSING_FIELDS', message: 'Missing fields', count: 1, share: 0.5 },
    ]);
  });

  it('counts the repeated hour when DST ends, and weeks and months on the local calendar', async () => {
    const hours = await gqlOk(gw.url, SERIES, { f: { from: '2026-11-01T07:00:00Z', to: '2026-11-01T11:00:00Z' }, i: 'HOUR' }, t.adminKey);
    expect(hours.leadStats.series.map((p: Record<string, unknown>) => [p.label, p.start, p.total])).toEqual([
      ['2026-11-01T00:00-07:00', '2026-11-01T07:00:00.000Z', 0],
      ['2026-11-01T01:00-07:00', '2026-11-01T08:00:00.000Z', 1],
      ['2026-11-01T01:00-08:00', '2026-11-01T09:00:00.000Z', 1],
      ['2026-11-01T02:00-08:00', '2026-11-01T10:00:00.000Z', 0],
    ]);
    // No from: from the first lead; no to: until now (the test clock).
    const weeks = await gqlOk(gw.url, SERIES, { i: 'WEEK' }, t.adminKey);
    expect(weeks.leadStats.series.map((p: Record<string, unknown>) => [p.label, p.start, p.end, p.total])).toEqual([
      ['2026-W44', '2026-10-26T07:00:00.000Z', '2026-11-02T08:00:00.000Z', 8],
      ['2026-W45', '2026-11-02T08:00:00.000Z', '2026-11-09T08:00:00.000Z', 1],
    ]);
    const months = await gqlOk(gw.url, SERIES, { i: 'MONTH' }, t.adminKey);
    expect(months.leadStats.series.map((p: Record<string, unknown>) => [p.label, p.start, p.end, p.total, p.revenue])).toEqual([
      ['2026-10', '2026-10-01T07:00:00.000Z', '2026-11-01T07:00:00.000Z', 5, 60],
      ['2026-11', '2026-11-01T07:00:00.000Z', '2026-12-01T08:00:00.000Z', 4, 50],
    ]);
  });

  it('filters by several campaigns or sources, by status and by instants inside an hour', async () => {
    const totals = async (f: Record<string, unknown>, key = t.adminKey) => (await gqlOk(gw.url, TOTALS, { f }, key)).leadStats;
    expect(await totals({ campaignIds: [t.campaignId, campaignB] })).toMatchObject({ total: 9 });
    expect(await totals({ campaignIds: [campaignB] })).toMatchObject({ total: 2, sold: 2, revenue: 60 });
    expect(await totals({ campaignId: campaignB, campaignIds: [t.campaignId] })).toMatchObject({ total: 9 });
    expect(await totals({ sourceIds: [source2.id] })).toMatchObject({ total: 3, accepted: 2, rejected: 1 });
    expect(await totals({ sourceIds: [t.sourceId, source2.id], status: 'SOLD' })).toMatchObject({ total: 2, sold: 2 });
    expect(await totals({ from: '2026-10-30T20:03:00Z', to: '2026-11-01T08:45:00Z' })).toMatchObject({
      total: 5,
      accepted: 4,
      rejected: 1,
    });
    expect(await totals({ includeTest: true })).toMatchObject({ total: 10, test: 1 });
    expect(await totals({ from: '2026-11-05T00:00:00Z' })).toMatchObject({ total: 0, revenue: 0 });
    // A SOURCE key sees its own source's leads only, and no buyers.
    expect(await totals({}, source2.key)).toMatchObject({ total: 3 });
    const buyers = await gql(gw.url, `{ leadStats { buyers { buyerId } } }`, {}, source2.key);
    expect(buyers.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const foreign = await gql(gw.url, TOTALS, { f: { sourceIds: [t.sourceId] } }, source2.key);
    expect(foreign.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('refuses filters and arguments it cannot answer', async () => {
    const code = async (query: string, variables: Record<string, unknown>) =>
      (await gql(gw.url, query, variables, t.adminKey)).errors?.[0]?.extensions?.code;
    expect(await code(TOTALS, { f: { campaignIds: [] } })).toBe('BAD_USER_INPUT');
    expect(await code(TOTALS, { f: { campaignIds: ['cmp_nope'] } })).toBe('NOT_FOUND');
    expect(await code(TOTALS, { f: { from: '2026-11-02T00:00:00Z', to: '2026-11-01T00:00:00Z' } })).toBe('BAD_USER_INPUT');
    expect(await code(SERIES, { f: { from: '2020-01-01T00:00:00Z' }, i: 'HOUR' })).toBe('BAD_USER_INPUT');
    expect(await code(`{ leadStats { campaigns(first: 0) { name } } }`, {})).toBe('BAD_USER_INPUT');
    const other = await createTenant(gw.url);
    expect(
      (await gql(gw.url, TOTALS, { f: { campaignIds: [other.campaignId, t.campaignId] } }, t.adminKey)).errors?.[0]?.extensions?.code,
    ).toBe('NOT_FOUND');
  });
});
