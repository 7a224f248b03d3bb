import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import type { Config } from '../src/config.js';
import { startGateway, type RunningGateway } from '../src/main.js';
import { createTenant, DRIVER, gqlOk, PLATFORM_KEY, sampleLead, SUBMIT, TEST_LEAD, testConfig, unique, type Tenant } from './helpers.js';

/** A small seeded PRNG (mulberry32), so a failing workload can be replayed from its seed. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]! };
}

type Row = Record<string, unknown>;

/** Reads the gateway's database directly: the counters against COUNT(*) over the leads. */
async function openDb(
  database: Config['database'],
): Promise<{ all: (sql: string, params?: unknown[]) => Promise<Row[]>; close: () => Promise<void> }> {
  if (database.kind === 'sqlite') {
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(database.name, { readonly: true });
    return {
      all: async (sql, params = []) => db.prepare(sql.replace(/\$\d+/g, '?')).all(...params) as Row[],
      close: async () => void db.close(),
    };
  }
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  return { all: async (sql, params = []) => (await client.query(sql, params)).rows as Row[], close: () => client.end() };
}

const LEAD_DIMS = 'account_id, campaign_id, source_id, status, reason_code, is_test';
const key = (r: Row, cols: string[]) =>
  cols.map((c) => (c === 'is_test' ? String(r[c] === true || Number(r[c]) === 1) : String(r[c] ?? ''))).join('|');

interface Lead {
  at: number;
  campaignId: string;
  sourceId: string;
  status: string;
  reasonCode: string | null;
  isTest: boolean;
  priceCents: number;
}

/**
 * Random workloads: concurrent submits into a plain and a marketplace campaign (accepted,
 * rejected, duplicates, test leads, sold and pending), buyers appearing (which sells pending
 * leads), redistribution racing with submits, a restart after the account's time zone changed;
 * then the counters must equal COUNT(*) over the leads, and leadStats must equal a brute force
 * over every lead for random filters and series.
 */
describe(`lead counters under concurrent load (${DRIVER})`, () => {
  // A fixed workload by default; COUNTERS_SEED=<n> runs (or replays) another one.
  const seed = Number(process.env.COUNTERS_SEED ?? 20_261_101);
  console.log(`stat-counters workload seed ${seed} (replay with COUNTERS_SEED=${seed})`);
  const rnd = prng(seed);
  const config = testConfig();
  let gw: RunningGateway;
  let clock = new Date('2026-10-20T12:00:00Z');
  let t: Tenant;
  let kolkata: Tenant;
  let marketplace: string;
  let source2: { id: string; key: string };

  const start = () => startGateway(config, { demo: false, print: () => undefined, now: () => clock });

  beforeAll(async () => {
    gw = await start();
    t = await createTenant(gw.url, { defaultPrice: 7.25 });
    kolkata = await createTenant(gw.url, { defaultPrice: 3 });
    await gqlOk(
      gw.url,
      `mutation($id: ID!) { updateAccount(id: $id, input: { timeZone: "Asia/Kolkata" }) { id } }`,
      { id: kolkata.accountId },
      PLATFORM_KEY,
    );
    const { createCampaign } = await gqlOk(
      gw.url,
      `mutation { createCampaign(input: { name: "Market", category: "Auto", routing: BUYERS, maxBuyersPerLead: 2, pendingMaxAgeHours: 720, requiredFields: ["first", "phone"] }) { id } }`,
      {},
      t.adminKey,
    );
    marketplace = createCampaign.id;
    const { createSource } = await gqlOk(gw.url, `mutation { createSource(input: { name: "Second" }) { source { id } } }`, {}, t.adminKey);
    const { createApiKey } = await gqlOk(
      gw.url,
      `mutation($s: ID!) { createApiKey(input: { role: SOURCE, sourceId: $s }) { key } }`,
      { s: createSource.source.id },
      t.adminKey,
    );
    source2 = { id: createSource.source.id, key: createApiKey.key };
    for (const [sourceId, campaignId] of [
      [t.sourceId, marketplace],
      [source2.id, t.campaignId],
      [source2.id, marketplace],
    ]) {
      await gqlOk(
        gw.url,
        `mutation($i: ApproveSourceInput!) { approveSource(input: $i) { id } }`,
        { i: { sourceId, campaignId } },
        t.adminKey,
      );
    }
  }, 60_000);
  afterAll(() => gw?.close());

  async function batch(size: number): Promise<void> {
    const emails: string[] = [];
    await Promise.all(
      Array.from({ length: size }, async () => {
        const roll = rnd.next();
        const tenant = rnd.next() < 0.15 ? kolkata : t;
        const campaignId = tenant === kolkata ? kolkata.campaignId : rnd.next() < 0.4 ? marketplace : t.campaignId;
        const key = tenant === kolkata ? kolkata.sourceKey : rnd.next() < 0.5 ? t.sourceKey : source2.key;
        const lead = sampleLead(campaignId);
        if (roll < 0.1) lead.email = 'not-an-email';
        else if (roll < 0.18 && emails.length) lead.email = rnd.pick(emails);
        else if (roll < 0.22) lead.first = undefined as unknown as string;
        emails.push(lead.email);
        await gqlOk(gw.url, roll > 0.95 ? TEST_LEAD : SUBMIT, { input: lead }, key);
      }),
    );
  }

  async function workload(times: string[]): Promise<void> {
    for (const [i, iso] of times.entries()) {
      clock = new Date(new Date(iso).getTime() + rnd.int(3_600_000));
      const work: Array<Promise<unknown>> = [batch(12)];
      if (i % 3 === 1)
        work.push(gqlOk(gw.url, `mutation($c: ID!) { redistributePending(campaignId: $c) }`, { c: marketplace }, t.adminKey));
      if (i === 2 || i === 5) {
        // A buyer appearing is offered the pending leads at once, while submits go on.
        work.push(
          gqlOk(
            gw.url,
            `mutation($i: CreateBuyerInput!) { createBuyer(input: $i) { id } }`,
            {
              i: { name: unique('buyer'), price: 20 + i, caps: { daily: 4 + i } },
            },
            t.adminKey,
          ),
        );
      }
      await Promise.all(work);
    }
  }

  it('keeps the counters equal to COUNT(*) over the leads, and every answer equal to a brute force', async () => {
    // Around the end of DST in Los Angeles (2026-11-01) and a month boundary.
    await workload([
      '2026-10-25T08:00:00Z',
      '2026-10-31T06:00:00Z',
      '2026-11-01T08:00:00Z',
      '2026-11-01T09:00:00Z',
      '2026-11-01T07:00:00Z',
      '2026-11-15T18:00:00Z',
      '2026-11-30T23:00:00Z',
      '2026-12-01T00:00:00Z',
    ]);
    // The account moves to another zone: after a restart, new counters use New York's calendar
    // while the old ones keep Los Angeles'.
    await gqlOk(
      gw.url,
      `mutation($id: ID!) { updateAccount(id: $id, input: { timeZone: "America/New_York" }) { id } }`,
      { id: t.accountId },
      PLATFORM_KEY,
    );
    await gw.close();
    gw = await start();
    await workload(['2026-12-01T06:00:00Z', '2026-12-02T05:00:00Z', '2026-11-01T09:30:00Z', '2027-03-14T09:00:00Z']);

    const db = await openDb(config.database);
    try {
      const accounts = [t.accountId, kolkata.accountId];
      const inAccounts = `account_id in ('${accounts.join("','")}')`;
      const leadRows =
        await db.all(`select ${LEAD_DIMS.replace('reason_code', "coalesce(reason_code, '') as reason_code")}, count(*) as n, sum(price_cents) as rev
        from leads where ${inAccounts} group by ${LEAD_DIMS.replace('reason_code', "coalesce(reason_code, '')")}`);
      const total = leadRows.reduce((sum, r) => sum + Number(r.n), 0);
      expect(total, `seed ${seed}`).toBeGreaterThan(100);
      const statuses = new Set(leadRows.map((r) => r.status));
      expect([...statuses].sort(), `seed ${seed}`).toEqual(expect.arrayContaining(['ACCEPTED', 'REJECTED', 'SOLD']));
      const expected = new Map(leadRows.map((r) => [key(r, LEAD_DIMS.split(', ')), [Number(r.n), Number(r.rev)]]));
      for (const grain of ['M', 'D', 'H']) {
        const counted = await db.all(`select ${LEAD_DIMS}, sum(count) as n, sum(revenue_cents) as rev from lead_stat_counters
          where ${inAccounts} and grain = '${grain}' group by ${LEAD_DIMS} having sum(count) <> 0 or sum(revenue_cents) <> 0`);
        expect(
          new Map(counted.map((r) => [key(r, LEAD_DIMS.split(', ')), [Number(r.n), Number(r.rev)]])),
          `grain ${grain}, seed ${seed}`,
        ).toEqual(expected);
        // Every lead lies inside one of its account's buckets of the grain for its group.
        const outside =
          await db.all(`select count(*) as n from leads l where ${inAccounts.replace('account_id', 'l.account_id')} and not exists (
          select 1 from lead_stat_counters c where c.account_id = l.account_id and c.grain = '${grain}' and c.campaign_id = l.campaign_id
            and c.source_id = l.source_id and c.status = l.status and c.reason_code = coalesce(l.reason_code, '') and c.is_test = l.is_test
            and c.count > 0 and c.bucket_start <= ${DRIVER === 'sqlite' ? 'l.received_at' : '(extract(epoch from l.received_at) * 1000)'}
            and c.bucket_end > ${DRIVER === 'sqlite' ? 'l.received_at' : '(extract(epoch from l.received_at) * 1000)'})`);
        expect(Number(outside[0]!.n), `grain ${grain}`).toBe(0);
        // A lead sold after its account changed zone is moved by rows of the new zone's buckets (a
        // -1 where it was not counted), which answers stay exact with; without a change, none is below zero.
        const negative = await db.all(
          `select count(*) as n from lead_stat_counters where account_id = '${kolkata.accountId}' and (count < 0 or revenue_cents < 0)`,
        );
        expect(Number(negative[0]!.n)).toBe(0);
      }
      const SALE_DIMS = ['account_id', 'campaign_id', 'source_id', 'buyer_id'];
      const sales = await db.all(`select l.account_id, l.campaign_id, l.source_id, s.buyer_id, count(*) as n, sum(s.price_cents) as rev
        from sales s join leads l on l.id = s.lead_id where l.${inAccounts} group by l.account_id, l.campaign_id, l.source_id, s.buyer_id`);
      expect(sales.length, `seed ${seed}`).toBeGreaterThan(0);
      for (const grain of ['M', 'D', 'H']) {
        const counted = await db.all(`select ${SALE_DIMS.join(', ')}, sum(count) as n, sum(revenue_cents) as rev from lead_sale_counters
          where ${inAccounts} and grain = '${grain}' group by ${SALE_DIMS.join(', ')}`);
        expect(new Map(counted.map((r) => [key(r, SALE_DIMS), [Number(r.n), Number(r.rev)]]))).toEqual(
          new Map(sales.map((r) => [key(r, SALE_DIMS), [Number(r.n), Number(r.rev)]])),
        );
      }

      // leadStats against a brute force over every lead, for random filters and series.
      const leads: Lead[] = (
        await db.all(
          `select received_at, campaign_id, source_id, status, reason_code, is_test, price_cents from leads where account_id = '${t.accountId}'`,
        )
      ).map((r) => ({
        at: r.received_at instanceof Date ? r.received_at.getTime() : Number(r.received_at),
        campaignId: String(r.campaign_id),
        sourceId: String(r.source_id),
        status: String(r.status),
        reasonCode: (r.reason_code as string | null) ?? null,
        isTest: r.is_test === true || Number(r.is_test) === 1,
        priceCents: Number(r.price_cents),
      }));
      const saleRows = await db.all(
        `select s.buyer_id, s.price_cents, l.received_at, l.campaign_id, l.source_id from sales s join leads l on l.id = s.lead_id where l.account_id = '${t.accountId}'`,
      );
      const lo = Math.min(...leads.map((l) => l.at));
      const hi = Math.max(...leads.map((l) => l.at));
      let matchedQueries = 0;
      for (let q = 0; q < 12; q++) {
        const filter: Record<string, unknown> = {};
        const pickTime = () => lo - 86_400_000 + rnd.int(hi - lo + 2 * 86_400_000);
        if (rnd.next() < 0.7)
          filter.from = new Date(
            q % 2 ? pickTime() : DateTime.fromMillis(pickTime(), { zone: 'America/New_York' }).startOf('day').toMillis(),
          ).toISOString();
        if (rnd.next() < 0.6) filter.to = new Date(Math.max(pickTime(), filter.from ? Date.parse(filter.from as string) : 0)).toISOString();
        if (rnd.next() < 0.3) filter.campaignIds = [rnd.pick([t.campaignId, marketplace])];
        if (rnd.next() < 0.3) filter.sourceIds = [rnd.pick([t.sourceId, source2.id])];
        if (rnd.next() < 0.2) filter.status = rnd.pick(['ACCEPTED', 'REJECTED', 'SOLD', 'PENDING']);
        if (rnd.next() < 0.3) filter.includeTest = true;
        const interval = rnd.pick(['DAY', 'WEEK', 'MONTH', 'HOUR']);
        if (interval === 'HOUR') {
          const from = Date.parse((filter.from as string | undefined) ?? new Date(lo).toISOString());
          filter.from = new Date(from).toISOString();
          filter.to = new Date(
            Math.min(from + 4 * 86_400_000, Date.parse((filter.to as string | undefined) ?? new Date(from + 4 * 86_400_000).toISOString())),
          ).toISOString();
        }
        const { leadStats } = await gqlOk(
          gw.url,
          `query($f: LeadFilter, $i: StatInterval!) { leadStats(filter: $f) {
          total accepted rejected test sold pending revenueCents
          series(interval: $i) { start end total accepted rejected test sold pending revenueCents }
          campaigns { campaignId total revenueCents } sources { sourceId total } reasons { reasonCode count } buyers { buyerId sold revenueCents } } }`,
          { f: filter, i: interval },
          t.adminKey,
        );
        const from = filter.from ? Date.parse(filter.from as string) : Number.NEGATIVE_INFINITY;
        const to = filter.to ? Date.parse(filter.to as string) : Number.POSITIVE_INFINITY;
        const match = (l: Lead) =>
          l.at >= from &&
          l.at < to &&
          (!filter.campaignIds || (filter.campaignIds as string[]).includes(l.campaignId)) &&
          (!filter.sourceIds || (filter.sourceIds as string[]).includes(l.sourceId)) &&
          (!filter.status || l.status === filter.status) &&
          (filter.includeTest || !l.isTest);
        const chosen = leads.filter(match);
        if (chosen.length > 0) matchedQueries++;
        const accepted = (ls: Lead[]) => ls.filter((l) => ['ACCEPTED', 'SOLD', 'PENDING'].includes(l.status));
        /** Every count of a group of leads, as the API gives it (test leads are in `chosen` only with includeTest). */
        const countsOf = (ls: Lead[]) => ({
          total: ls.length,
          accepted: accepted(ls).length,
          rejected: ls.filter((l) => l.status === 'REJECTED').length,
          test: ls.filter((l) => l.status === 'TEST').length,
          sold: ls.filter((l) => l.status === 'SOLD').length,
          pending: ls.filter((l) => l.status === 'PENDING').length,
          revenueCents: accepted(ls).reduce((s, l) => s + l.priceCents, 0),
        });
        /** Brute-force groups of `ls` by `by`, as a map of `value` of each group. */
        const groups = <V>(ls: Lead[], by: (l: Lead) => string, value: (g: Lead[]) => V) => {
          const grouped = new Map<string, Lead[]>();
          for (const l of ls) grouped.set(by(l), [...(grouped.get(by(l)) ?? []), l]);
          return new Map([...grouped].map(([k, g]) => [k, value(g)]));
        };
        const context = `seed ${seed}, filter ${JSON.stringify(filter)}, ${interval}`;
        expect(
          {
            total: leadStats.total,
            accepted: leadStats.accepted,
            rejected: leadStats.rejected,
            test: leadStats.test,
            sold: leadStats.sold,
            pending: leadStats.pending,
            revenueCents: leadStats.revenueCents,
          },
          context,
        ).toEqual(countsOf(chosen));

        // The series covers the whole range without gaps (so no lead can fall outside every point),
        // and each point holds exactly the leads received in it.
        const series = leadStats.series as Array<Record<string, unknown> & { start: string; end: string }>;
        const seriesStart = filter.from ? from : lo;
        expect(series.length > 0, context).toBe(seriesStart < to);
        if (series.length > 0) {
          expect(Date.parse(series[0]!.start), context).toBeLessThanOrEqual(seriesStart);
          expect(Date.parse(series.at(-1)!.end), context).toBeGreaterThanOrEqual(filter.to ? to : hi + 1);
          for (let i = 1; i < series.length; i++) expect(series[i]!.start, context).toBe(series[i - 1]!.end);
        }
        expect(
          series.map(({ start, end, ...counts }) => ({ start, end, counts })),
          context,
        ).toEqual(
          series.map(({ start, end }) => ({
            start,
            end,
            counts: countsOf(chosen.filter((l) => l.at >= Date.parse(start) && l.at < Date.parse(end))),
          })),
        );
        expect(
          series.reduce((s, p) => s + (p.total as number), 0),
          context,
        ).toBe(chosen.length);

        // Breakdowns: exactly the groups with leads, each with its counts, most leads first.
        const campaigns = leadStats.campaigns as Array<{ campaignId: string; total: number; revenueCents: number }>;
        expect(new Map(campaigns.map((c) => [c.campaignId, { total: c.total, revenueCents: c.revenueCents }])), context).toEqual(
          groups(
            chosen,
            (l) => l.campaignId,
            (g) => ({ total: g.length, revenueCents: countsOf(g).revenueCents }),
          ),
        );
        const sources = leadStats.sources as Array<{ sourceId: string; total: number }>;
        expect(new Map(sources.map((c) => [c.sourceId, c.total])), context).toEqual(
          groups(
            chosen,
            (l) => l.sourceId,
            (g) => g.length,
          ),
        );
        for (const list of [campaigns, sources])
          expect(
            list.map((c) => c.total),
            context,
          ).toEqual(list.map((c) => c.total).sort((a, b) => b - a));
        const reasons = leadStats.reasons as Array<{ reasonCode: string; count: number }>;
        expect(new Map(reasons.map((r) => [r.reasonCode, r.count])), context).toEqual(
          groups(
            chosen.filter((l) => l.status === 'REJECTED' && l.reasonCode),
            (l) => l.reasonCode!,
            (g) => g.length,
          ),
        );
        const soldIn = saleRows.filter((s) => {
          const at = s.received_at instanceof Date ? s.received_at.getTime() : Number(s.received_at);
          return (
            at >= from &&
            at < to &&
            (!filter.campaignIds || (filter.campaignIds as string[]).includes(String(s.campaign_id))) &&
            (!filter.sourceIds || (filter.sourceIds as string[]).includes(String(s.source_id))) &&
            (!filter.status || filter.status === 'SOLD')
          );
        });
        const byBuyer = new Map<string, { sold: number; revenueCents: number }>();
        for (const s of soldIn) {
          const seen = byBuyer.get(String(s.buyer_id)) ?? { sold: 0, revenueCents: 0 };
          byBuyer.set(String(s.buyer_id), { sold: seen.sold + 1, revenueCents: seen.revenueCents + Number(s.price_cents) });
        }
        expect(
          new Map(
            (leadStats.buyers as Array<{ buyerId: string; sold: number; revenueCents: number }>).map((b) => [
              b.buyerId,
              { sold: b.sold, revenueCents: b.revenueCents },
            ]),
          ),
          context,
        ).toEqual(byBuyer);
      }
      // The random filters matched leads at least sometimes: the comparisons above were not all of empty answers.
      expect(matchedQueries, `seed ${seed}`).toBeGreaterThan(0);
    } finally {
      await db.close();
    }
  }, 240_000);
});
