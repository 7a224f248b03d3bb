/**
 * `pnpm --filter @leadgate/server bench:stats`: leadStats over 1,000,000 leads on the engine of
 * DATABASE_URL; for PostgreSQL, which `pnpm bench` (SQLite) cannot preload. Makes a fresh
 * database (next to DATABASE_URL's, or a temporary SQLite file; dropped at the end), starts a
 * gateway in this process on it, sets up an account with five campaigns, ten
 * sources and three buyers through the API, inserts the leads (90 days, the bench's mix of
 * statuses and reasons, sales for sold leads) straight into `leads` and `sales`, fills the
 * counters with the stat_counters migration's backfill (timed), then times the dashboard's
 * queries one request at a time, as the bench's (e) does.
 *
 * Settings: DATABASE_URL (postgres://… or sqlite:, required), BENCH_STATS_LEADS (default 1000000),
 * BENCH_STATS_ROUNDS (30), BENCH_KEEP_DB=1 (keep the database, to look at plans).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { DateTime } from 'luxon';
import { loadConfig, parseDatabaseUrl } from '../src/config.js';
import { startGateway } from '../src/main.js';
import { backfillStatCounters, type RunSql } from '../src/modules/stats/stat-backfill.js';

/** A fresh database of the engine of `base`, with a way to run SQL on it and to drop it. */
async function freshDatabase(
  base: string,
): Promise<{ url: string; run: RunSql; dialect: 'sqlite' | 'postgresql'; close: () => Promise<void>; drop: () => Promise<void> }> {
  if (base.startsWith('sqlite')) {
    const dir = mkdtempSync(join(tmpdir(), 'leadgate-stats-'));
    const file = join(dir, 'stats.sqlite');
    let db: Database.Database | undefined;
    const open = (): Database.Database => {
      if (!db) {
        db = new Database(file);
        db.pragma('journal_mode = WAL');
        db.pragma('busy_timeout = 5000');
      }
      return db;
    };
    return {
      url: `sqlite:${file}`,
      dialect: 'sqlite',
      run: async (sql, params = []) => {
        const st = open().prepare(sql);
        const values = params.map((p) => (p instanceof Date ? p.getTime() : typeof p === 'boolean' ? (p ? 1 : 0) : p));
        return st.reader ? (st.all(...values) as Array<Record<string, unknown>>) : (st.run(...values), []);
      },
      close: async () => {
        db?.close();
      },
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `leadgate_statsbench_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const client = new pg.Client({ connectionString: url.toString() });
  let connected = false;
  return {
    url: url.toString(),
    dialect: 'postgresql',
    run: async (sql, params = []) => {
      if (!connected) {
        await client.connect();
        connected = true;
      }
      let n = 0;
      return (
        await client.query(
          sql.replace(/\?/g, () => `$${++n}`),
          params,
        )
      ).rows;
    },
    close: () => (connected ? client.end() : Promise.resolve()),
    drop: async () => {
      if (process.env.BENCH_KEEP_DB === '1') log(`stats: kept database ${name}`);
      else await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

const PLATFORM_KEY = `lgk_${randomBytes(27).toString('base64url').slice(0, 36)}`;
const DAY_MS = 86_400_000;
const log = (line: string) => process.stderr.write(`${line}\n`);

const REASONS: Array<[string, string]> = [
  ['DUPLICATE_EMAIL', 'Duplicate email'],
  ['DUPLICATE_PHONE', 'Duplicate phone'],
  ['MISSING_FIELDS', 'Missing email, phone'],
  ['EMAIL_FORMAT', 'Email format'],
  ['PHONE_FORMAT', 'Phone format'],
  ['STATE_TARGETING', 'State targeting'],
  ['ZIP_TARGETING', 'Zip targeting'],
  ['CONDITION', 'Condition: Adult'],
  ['DAILY_CAP', 'Daily cap'],
  ['NON_US_IP', 'Non-US IP'],
];

async function gql<T = Record<string, any>>(url: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const post = () =>
    fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${PLATFORM_KEY}` },
      body: JSON.stringify({ query, variables }),
    });
  // A keep-alive connection left idle during the insert may have been closed by the gateway: retry once.
  const res = await post().catch(() => post());
  const body = (await res.json()) as { data?: T; errors?: unknown[] };
  if (body.errors?.length) throw new Error(JSON.stringify(body.errors).slice(0, 500));
  return body.data!;
}

function percentile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! * 10) / 10;
}

async function main(): Promise<void> {
  const base = process.env.DATABASE_URL;
  if (!base || !/^(postgres|sqlite)/.test(base))
    throw new Error('set DATABASE_URL=postgres://user@host:5432/db (a fresh database is made next to it) or sqlite:');
  const total = Number(process.env.BENCH_STATS_LEADS ?? 1_000_000);
  const rounds = Number(process.env.BENCH_STATS_ROUNDS ?? 30);
  const fresh = await freshDatabase(base);
  const gateway = await startGateway(
    { ...loadConfig({}), port: 0, host: '127.0.0.1', logLevel: 'warn', adminKey: PLATFORM_KEY, database: parseDatabaseUrl(fresh.url) },
    { demo: false, print: () => undefined },
  );
  try {
    const { createAccount } = await gql(
      gateway.url,
      'mutation { createAccount(input: { name: "Stats bench", timeZone: "America/New_York" }) { id } }',
    );
    const accountId = createAccount.id as string;
    const campaignIds: string[] = [];
    for (const c of ['Auto insurance', 'Home insurance', 'Solar', 'Medicare', 'Debt relief']) {
      campaignIds.push(
        (
          await gql(gateway.url, 'mutation($i: CreateCampaignInput!) { createCampaign(input: $i) { id } }', {
            i: { accountId, name: c, category: c, status: 'ACTIVE' },
          })
        ).createCampaign.id,
      );
    }
    const sourceIds: string[] = [];
    for (let i = 1; i <= 10; i++) {
      sourceIds.push(
        (
          await gql(gateway.url, 'mutation($i: CreateSourceInput!) { createSource(input: $i) { source { id } } }', {
            i: { accountId, name: `Vendor ${i}` },
          })
        ).createSource.source.id,
      );
    }
    const buyerIds: string[] = [];
    for (const [b, price] of [
      ['Acme Insurance', 30],
      ['Brightside', 35],
      ['Coastal Leads', 45],
    ] as const) {
      buyerIds.push(
        (
          await gql(gateway.url, 'mutation($i: CreateBuyerInput!) { createBuyer(input: $i) { id } }', {
            i: { accountId, name: b, price, status: 'PAUSED' },
          })
        ).createBuyer.id,
      );
    }

    log(`stats: inserting ${total} leads into ${fresh.url}`);
    let started = Date.now();
    const now = Date.now();
    const span = 90 * DAY_MS;
    const tag = randomBytes(3).toString('hex');
    const BATCH = 1000;
    for (let from = 0; from < total; from += BATCH) {
      const leadValues: unknown[] = [];
      const saleValues: unknown[] = [];
      for (let i = from; i < Math.min(total, from + BATCH); i++) {
        const at = new Date(now - span + Math.floor((i / total) * span));
        const roll = (i * 7919) % 100;
        const [status, reasonCode, reasonMessage] =
          roll < 62
            ? ['ACCEPTED', null, '']
            : roll < 87
              ? ['REJECTED', ...REASONS[i % REASONS.length]!]
              : roll < 95
                ? ['SOLD', null, '']
                : roll < 97
                  ? ['PENDING', null, '']
                  : ['TEST', null, ''];
        const buyer = status === 'SOLD' ? buyerIds[i % buyerIds.length]! : null;
        const price = status === 'ACCEPTED' ? 1250 : buyer ? 3000 + (i % 3) * 500 : 0;
        const id = `lead_p${tag}${i.toString(36).padStart(7, '0')}`;
        leadValues.push(
          id,
          accountId,
          campaignIds[(i >> 2) % campaignIds.length],
          sourceIds[(i * 31) % sourceIds.length],
          status,
          reasonCode,
          reasonMessage,
          price,
          status === 'TEST',
          'GRAPHQL',
          at,
          `Lead${i % 997}`,
          'Doe',
          `pg.${tag}.${i}@example.org`,
          `+1${2130000000 + i}`,
          'CA',
          '90012',
          '{}',
          '[]',
        );
        if (buyer) saleValues.push(`sale_p${tag}${i.toString(36)}`, id, buyer, price, at);
      }
      const rows = leadValues.length / 19;
      const placeholders = Array.from({ length: rows }, () => `(${Array.from({ length: 19 }, () => '?').join(', ')})`).join(', ');
      await fresh.run(
        `insert into leads (id, account_id, campaign_id, source_id, status, reason_code, reason_message, price_cents, is_test, door, received_at,
        first, last, email, phone, state, zip, extra, trace) values ${placeholders}`,
        leadValues,
      );
      if (saleValues.length) {
        const sales = saleValues.length / 5;
        await fresh.run(
          `insert into sales (id, lead_id, buyer_id, price_cents, created_at) values ${Array.from({ length: sales }, () => '(?, ?, ?, ?, ?)').join(', ')}`,
          saleValues,
        );
      }
    }
    log(`    ${((Date.now() - started) / 1000).toFixed(1)}s`);
    started = Date.now();
    const backfill = await backfillStatCounters(fresh.run, fresh.dialect);
    const backfillS = (Date.now() - started) / 1000;
    log(`stats: the stat_counters backfill counted ${backfill.leads} leads into ${backfill.rows} counter rows in ${backfillS.toFixed(1)}s`);
    await fresh.run(fresh.dialect === 'sqlite' ? 'analyze' : 'vacuum analyze');

    const zone = 'America/New_York';
    const daysAgo = (days: number) => DateTime.now().setZone(zone).startOf('day').minus({ days }).toUTC().toISO();
    const cases: Array<[string, string, Record<string, unknown>]> = [
      [
        'leadStats, all time: totals and statuses',
        'query($f: LeadFilter) { leadStats(filter: $f) { total accepted rejected test sold pending acceptanceRate revenue byStatus { key count } } }',
        { f: { accountId } },
      ],
      [
        'leadStats, 7-day series by day',
        'query($f: LeadFilter) { leadStats(filter: $f) { series(interval: DAY) { label total accepted rejected sold pending test revenue acceptanceRate } } }',
        { f: { accountId, from: daysAgo(6) } },
      ],
      [
        'leadStats, the dashboard query (30 days)',
        `query($f: LeadFilter) { leadStats(filter: $f) { counts { total accepted revenue byStatus { status count } }
        series(interval: DAY) { label total accepted rejected revenue } campaigns { name total accepted revenue } sources { name total }
        buyers { name sold revenue } reasons { reasonCode message count share } } }`,
        { f: { accountId, from: daysAgo(29) } },
      ],
      [
        '  its series alone (30 days by day)',
        'query($f: LeadFilter) { leadStats(filter: $f) { series(interval: DAY) { label total accepted rejected revenue } } }',
        { f: { accountId, from: daysAgo(29) } },
      ],
      [
        '  its campaigns and sources alone',
        'query($f: LeadFilter) { leadStats(filter: $f) { campaigns { name total } sources { name total } } }',
        { f: { accountId, from: daysAgo(29) } },
      ],
      [
        '  its buyers alone',
        'query($f: LeadFilter) { leadStats(filter: $f) { buyers { name sold revenue } } }',
        { f: { accountId, from: daysAgo(29) } },
      ],
      [
        'leads page of 50 with totalCount',
        'query($f: LeadFilter) { leads(filter: $f, first: 50) { totalCount nodes { id status } } }',
        { f: { accountId } },
      ],
      ['  the page alone', 'query($f: LeadFilter) { leads(filter: $f, first: 50) { nodes { id status } } }', { f: { accountId } }],
      ['  totalCount alone', 'query($f: LeadFilter) { leads(filter: $f, first: 1) { totalCount } }', { f: { accountId } }],
    ];
    const check = await gql(gateway.url, 'query($f: LeadFilter) { leadStats(filter: $f) { total } }', {
      f: { accountId, includeTest: true },
    });
    if (check.leadStats.total !== total) throw new Error(`leadStats counted ${check.leadStats.total} leads, expected ${total}`);
    process.stdout.write(
      `\nleadStats on ${fresh.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'} over ${total} leads (90 days, 5 campaigns, 10 sources, 3 buyers); counters backfilled in ${backfillS.toFixed(1)}s\n`,
    );
    for (const [label, query, variables] of cases) {
      for (let i = 0; i < 2; i++) await gql(gateway.url, query, variables);
      const times: number[] = [];
      for (let i = 0; i < rounds; i++) {
        const t0 = performance.now();
        await gql(gateway.url, query, variables);
        times.push(performance.now() - t0);
      }
      process.stdout.write(`  ${label}: p50 ${percentile(times, 0.5)} ms, p99 ${percentile(times, 0.99)} ms (${rounds} requests)\n`);
    }
  } finally {
    await fresh.close();
    await gateway.close();
    await fresh.drop();
  }
}

main().catch((error: unknown) => {
  log(`stats: FAILED: ${error instanceof Error ? `${error.stack} ${String((error as { cause?: unknown }).cause)}` : String(error)}`);
  process.exit(1);
});
