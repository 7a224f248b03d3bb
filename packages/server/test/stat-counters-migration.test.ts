import { afterAll, describe, expect, it } from 'vitest';
import { parseDatabaseUrl } from '../src/config.js';
import { startGateway, type RunningGateway } from '../src/main.js';
import { createTenant, DRIVER, freshDatabaseUrl, gqlOk, sampleLead, SUBMIT, testConfig, TEST_LEAD } from './helpers.js';

const STATS = `query($i: StatInterval!) { leadStats(filter: { includeTest: true }) {
  total accepted rejected test sold pending revenueCents
  series(interval: $i) { label total accepted revenueCents }
  campaigns { campaignId total } buyers { buyerId sold revenueCents } reasons { reasonCode count } } }`;

/**
 * An existing database gets its counters from the stat_counters migration: leads stored, the
 * counters dropped and the migration marked as not run, then a restart backfills them and every
 * answer is what it was.
 */
describe(`the stat_counters migration backfills existing leads (${DRIVER})`, () => {
  const dropped: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const drop of dropped) await drop();
  });

  it('rebuilds the counters from the leads and sales already stored', async () => {
    const fresh = await freshDatabaseUrl();
    dropped.push(fresh.drop);
    const config = testConfig({ database: parseDatabaseUrl(fresh.url) });
    let clock = new Date('2026-10-31T20:00:00Z');
    let gw: RunningGateway = await startGateway(config, { demo: false, print: () => undefined, now: () => clock });
    const t = await createTenant(gw.url, { routing: 'BUYERS', requiredFields: ['first', 'phone'] });
    await gqlOk(gw.url, `mutation { createBuyer(input: { name: "Acme", price: 25, caps: { daily: 1 } }) { id } }`, {}, t.adminKey);
    for (const iso of [
      '2026-10-31T20:00:00Z',
      '2026-11-01T08:30:00Z',
      '2026-11-01T09:30:00Z',
      '2026-11-02T10:00:00Z',
      '2026-12-01T07:30:00Z',
    ]) {
      clock = new Date(iso);
      await gqlOk(gw.url, SUBMIT, { input: sampleLead(t.campaignId) }, t.sourceKey);
      await gqlOk(gw.url, SUBMIT, { input: sampleLead(t.campaignId, { email: 'bad' }) }, t.sourceKey);
      await gqlOk(gw.url, TEST_LEAD, { input: sampleLead(t.campaignId) }, t.sourceKey);
    }
    const before = (await gqlOk(gw.url, STATS, { i: 'DAY' }, t.adminKey)).leadStats;
    expect(before).toMatchObject({ total: 15, accepted: 5, rejected: 5, test: 5, sold: 4, pending: 1 });

    const conn = gw.orm.em.getConnection();
    for (const table of ['lead_stat_counters', 'lead_sale_counters', 'lead_stat_zones']) await conn.execute(`drop table ${table}`);
    await conn.execute(`delete from mikro_orm_migrations where name = 'Migration20261127180000_stat_counters'`);
    await gw.close();

    gw = await startGateway(config, { demo: false, print: () => undefined, now: () => clock });
    try {
      const counted = await gw.orm.em
        .fork()
        .getConnection()
        .execute(`select grain, sum(count) as n from lead_stat_counters group by grain order by grain`);
      expect(counted.map((r: Record<string, unknown>) => [r.grain, Number(r.n)])).toEqual([
        ['D', 15],
        ['H', 15],
        ['M', 15],
      ]);
      expect((await gqlOk(gw.url, STATS, { i: 'DAY' }, t.adminKey)).leadStats).toEqual(before);
      expect(
        (await gqlOk(gw.url, STATS, { i: 'HOUR' }, t.adminKey)).leadStats.series.filter((p: { total: number }) => p.total > 0).length,
      ).toBe(5);
    } finally {
      await gw.close();
    }
  });
});
