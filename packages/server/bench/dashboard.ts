/**
 * The dashboard phase of `pnpm bench`: a database of BENCH_DASHBOARD_LEADS leads (default
 * 1,000,000) over 90 days, five campaigns, ten sources, three buyers and the usual mix of
 * statuses and reasons; then
 * - (e) `leadStats` latency: all time, a 7-day series by day, the whole dashboard query, a
 *   `leads` page with totalCount (sequential requests, p50/p99);
 * - (f) intake at full load while a dashboard polls `leadStats` and a `leads` page every second
 *   and /healthz is probed every 100 ms;
 * - (g) `GET /leads.csv` of every lead, with /healthz probed and the gateway's RSS sampled.
 */
import Database from 'better-sqlite3';
import { createHash, randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { DateTime } from 'luxon';
import { gql } from './api.js';
import { accountZone, CounterAccumulator } from './counters.js';
import { readRssKb, type GatewayProcess } from './gateway-process.js';
import { phoneDigits, TARGET_STATES } from './leads.js';
import type { Target } from './report.js';
import { runScenario, type ScenarioOptions, type ScenarioResult } from './scenarios.js';
import type { BenchTenant } from './setup-campaign.js';

const DAY_MS = 86_400_000;

/** Latencies of one kind of request, ms. */
export interface LatencySummary {
  samples: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export interface DashboardResult {
  leads: number;
  preload: { inserted: number; counterRows: number; seconds: number; fileMb: number };
  /** (e) sequential requests without other load. */
  queries: Array<{ name: string } & LatencySummary>;
  /** (f) intake under a polling dashboard. */
  underLoad: { submit: ScenarioResult; healthz: LatencySummary; dashboardPolls: LatencySummary; leadsPolls: LatencySummary };
  /** (g) the CSV export of every lead. */
  /** (g) the CSV export of every lead; the gateway's RSS before, and its peak in each quarter of the rows. */
  export: {
    rows: number;
    expected: number;
    seconds: number;
    mb: number;
    rssBeforeMb: number;
    quarterPeaksMb: number[];
    healthz: LatencySummary;
  };
}

export interface DashboardExtras {
  campaignIds: string[];
  sourceIds: string[];
  buyerIds: string[];
}

function summarize(values: number[]): LatencySummary {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! : 0);
  const round = (v: number) => Math.round(v * 10) / 10;
  return { samples: sorted.length, p50: round(at(0.5)), p90: round(at(0.9)), p99: round(at(0.99)), max: round(sorted.at(-1) ?? 0) };
}

/** Four more campaigns, nine more sources and three buyers of the bench account, through the API. */
export async function setupDashboard(url: string, adminKey: string, tenant: BenchTenant): Promise<DashboardExtras> {
  const accountId = tenant.accountId;
  const campaignIds = [tenant.campaignId];
  for (const name of ['Home insurance', 'Solar', 'Medicare', 'Debt relief']) {
    const { createCampaign } = await gql<{ createCampaign: { id: string } }>(
      url,
      'mutation($i: CreateCampaignInput!) { createCampaign(input: $i) { id } }',
      { i: { accountId, name, category: name, status: 'ACTIVE', defaultPrice: 8 } },
      adminKey,
    );
    campaignIds.push(createCampaign.id);
  }
  const sourceIds = [tenant.sourceId];
  for (let i = 2; i <= 10; i++) {
    const { createSource } = await gql<{ createSource: { source: { id: string } } }>(
      url,
      'mutation($i: CreateSourceInput!) { createSource(input: $i) { source { id } } }',
      { i: { accountId, name: `Vendor ${i}` } },
      adminKey,
    );
    sourceIds.push(createSource.source.id);
  }
  const buyerIds: string[] = [];
  for (const [name, price] of [
    ['Acme Insurance', 30],
    ['Brightside', 35],
    ['Coastal Leads', 45],
  ] as const) {
    const { createBuyer } = await gql<{ createBuyer: { id: string } }>(
      url,
      'mutation($i: CreateBuyerInput!) { createBuyer(input: $i) { id } }',
      { i: { accountId, name, price, status: 'PAUSED' } },
      adminKey,
    );
    buyerIds.push(createBuyer.id);
  }
  return { campaignIds, sourceIds, buyerIds };
}

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

/**
 * Tops the leads table up to `total` leads straight in the stopped gateway's SQLite file: copies
 * of a stored lead spread over the last 90 days across the campaigns and sources, 62% ACCEPTED,
 * 25% REJECTED (ten reasons), 8% SOLD (with a sale), 2% PENDING, 3% TEST; with their counters.
 */
export function preloadDashboardLeads(
  dbFile: string,
  tenant: BenchTenant,
  extras: DashboardExtras,
  total: number,
): DashboardResult['preload'] & { leads: number; zone: string } {
  const started = Date.now();
  const db = new Database(dbFile);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    const existing = (db.prepare('select count(*) as n from leads').get() as { n: number }).n;
    const toInsert = Math.max(0, total - existing);
    const columns = (db.prepare('PRAGMA table_info(leads)').all() as Array<{ name: string }>).map((c) => c.name);
    const template = db.prepare('select * from leads where campaign_id = ? and is_test = 0 limit 1').get(tenant.campaignId) as
      | Record<string, unknown>
      | undefined;
    if (!template) throw new Error('no lead to copy: the submit scenarios must run first');
    const insertLead = db.prepare(
      `insert into leads (${columns.map((c) => `"${c}"`).join(', ')}) values (${columns.map((c) => `@${c}`).join(', ')})`,
    );
    const insertSale = db.prepare('insert into sales (id, lead_id, buyer_id, price_cents, created_at) values (?, ?, ?, ?, ?)');
    const owner = accountZone(db, tenant.campaignId);
    const counters = new CounterAccumulator(owner.zone);
    const now = Date.now();
    const span = 90 * DAY_MS;
    let counterRows = 0;
    const tag = randomBytes(3).toString('hex');
    const insertBatch = db.transaction((from: number, to: number) => {
      for (let i = from; i < to; i++) {
        const atMs = now - span + Math.floor((i / toInsert) * span);
        const id = `lead_d${tag}${i.toString(36).padStart(7, '0')}`;
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
        const isTest = status === 'TEST';
        const buyer = status === 'SOLD' ? extras.buyerIds[i % extras.buyerIds.length]! : null;
        const priceCents = status === 'ACCEPTED' ? 1250 : buyer ? 3000 + (i % 3) * 500 : 0;
        const campaignId = extras.campaignIds[(i >> 2) % extras.campaignIds.length]!;
        const sourceId = extras.sourceIds[(i * 31) % extras.sourceIds.length]!;
        insertLead.run({
          ...template,
          id,
          campaign_id: campaignId,
          source_id: sourceId,
          status,
          reason_code: reasonCode,
          reason_message: reasonMessage,
          price_cents: priceCents,
          is_test: isTest ? 1 : 0,
          received_at: atMs,
          email: `dash.${tag}.${i}@example.org`,
          phone: `+1${phoneDigits(i, 300, 600)}`,
          state: TARGET_STATES[i % TARGET_STATES.length],
          first: `Dash${i % 997}`,
          trusted_form_cert_url: `https://cert.trustedform.com/${createHash('sha256').update(`d${i}`).digest('hex').slice(0, 40)}`,
        });
        if (buyer) insertSale.run(`sale_d${tag}${i.toString(36)}`, id, buyer, priceCents, atMs);
        counters.add(
          { id, accountId: owner.accountId, campaignId, sourceId, status, reasonCode, isTest, priceCents, receivedAtMs: atMs },
          buyer ? [{ buyerId: buyer, priceCents }] : [],
        );
      }
      counterRows += counters.flush(db);
    });
    for (let i = 0; i < toInsert; i += 100_000) insertBatch(i, Math.min(toInsert, i + 100_000));
    db.pragma('wal_checkpoint(TRUNCATE)');
    const pages = db.pragma('page_count', { simple: true }) as number;
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    return {
      zone: owner.zone,
      leads: existing + toInsert,
      inserted: toInsert,
      counterRows,
      seconds: (Date.now() - started) / 1000,
      fileMb: Math.round((pages * pageSize) / 1024 / 1024),
    };
  } finally {
    db.close();
  }
}

/** The dashboard page's own query: totals, a series, the breakdowns. */
const DASHBOARD_QUERY = `query Dashboard($f: LeadFilter, $i: StatInterval!) { leadStats(filter: $f) {
  timeZone counts { total accepted rejected test sold pending acceptanceRate revenue byStatus { status count } }
  series(interval: $i) { start label total accepted rejected sold pending test revenue }
  campaigns(first: 20) { campaignId name total accepted acceptanceRate revenue }
  sources(first: 20) { sourceId name total accepted rejected revenue }
  buyers(first: 20) { buyerId name sold revenue }
  reasons(first: 10) { reasonCode message count share } } }`;
const ALL_TIME =
  'query AllTime($f: LeadFilter) { leadStats(filter: $f) { total accepted rejected test sold pending acceptanceRate revenue byStatus { key count } } }';
const SERIES_7D =
  'query Week($f: LeadFilter) { leadStats(filter: $f) { series(interval: DAY) { label total accepted rejected sold pending test revenue acceptanceRate } } }';
const LEADS_PAGE =
  'query Page($f: LeadFilter) { leads(filter: $f, first: 50) { totalCount nodes { id status reasonCode price receivedAt campaignId sourceId } } }';

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

/** Local midnight `days` days ago in the account's zone, as ISO. */
const daysAgo = (zone: string, days: number) => DateTime.now().setZone(zone).startOf('day').minus({ days }).toUTC().toISO()!;

/** (e): each query `rounds` times in a row after two warm-ups. */
async function measureQueries(
  url: string,
  adminKey: string,
  accountId: string,
  zone: string,
  rounds: number,
): Promise<DashboardResult['queries']> {
  const cases: Array<[string, string, Record<string, unknown>]> = [
    ['leadStats, all time: totals and statuses', ALL_TIME, { f: { accountId } }],
    ['leadStats, 7-day series by day', SERIES_7D, { f: { accountId, from: daysAgo(zone, 6) } }],
    [
      'leadStats, the dashboard query (30 days: series by day, breakdowns)',
      DASHBOARD_QUERY,
      { f: { accountId, from: daysAgo(zone, 29) }, i: 'DAY' },
    ],
    ['leadStats, the dashboard query, all time by week', DASHBOARD_QUERY, { f: { accountId }, i: 'WEEK' }],
    ['leads page of 50 with totalCount', LEADS_PAGE, { f: { accountId } }],
  ];
  const out: DashboardResult['queries'] = [];
  for (const [name, query, variables] of cases) {
    for (let i = 0; i < 2; i++) await gql(url, query, variables, adminKey);
    const times: number[] = [];
    for (let i = 0; i < rounds; i++) times.push(await timed(() => gql(url, query, variables, adminKey)));
    out.push({ name, ...summarize(times) });
  }
  return out;
}

/** Calls `fn` every `everyMs` until stopped, recording each call's latency. */
function poll(everyMs: number, fn: () => Promise<unknown>): { stop: () => Promise<number[]> } {
  const times: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      times.push(await timed(fn));
      const wait = everyMs - (performance.now() - started);
      if (wait > 0) await sleep(wait);
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return times;
    },
  };
}

const healthz = (url: string) => fetch(`${url}/healthz`, { signal: AbortSignal.timeout(10_000) }).then((r) => r.text());

/** (g): streams every lead as CSV, counting rows without keeping them. */
async function measureExport(gateway: GatewayProcess, adminKey: string, accountId: string): Promise<DashboardResult['export']> {
  const { leads } = await gql<{ leads: { totalCount: number } }>(
    gateway.url,
    'query($f: LeadFilter) { leads(filter: $f, first: 1) { totalCount } }',
    { f: { accountId, includeTest: true } },
    adminKey,
  );
  const mb = (kb: number) => Math.round(kb / 102.4) / 10;
  const rssBeforeMb = mb(readRssKb(gateway.pid) ?? 0);
  const quarterKb = [0, 0, 0, 0];
  let rows = 0;
  const sampler = setInterval(() => {
    const quarter = Math.min(3, Math.floor((rows / Math.max(1, leads.totalCount)) * 4));
    quarterKb[quarter] = Math.max(quarterKb[quarter]!, readRssKb(gateway.pid) ?? 0);
  }, 100);
  const probe = poll(100, () => healthz(gateway.url));
  const started = performance.now();
  let bytes = 0;
  try {
    const res = await fetch(`${gateway.url}/leads.csv?accountId=${accountId}&includeTest=true`, {
      headers: { authorization: `Bearer ${adminKey}` },
      signal: AbortSignal.timeout(600_000),
    });
    if (res.status !== 200 || !res.body) throw new Error(`GET /leads.csv answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      bytes += chunk.byteLength;
      for (const b of chunk) if (b === 10) rows++;
    }
  } finally {
    clearInterval(sampler);
  }
  const seconds = (performance.now() - started) / 1000;
  const probes = await probe.stop();
  return {
    rows: rows - 1,
    expected: leads.totalCount,
    seconds: Math.round(seconds * 10) / 10,
    mb: Math.round(bytes / 1024 / 102.4) / 10,
    rssBeforeMb,
    quarterPeaksMb: quarterKb.map(mb),
    healthz: summarize(probes),
  };
}

/** Runs (e), (f) and (g) against a gateway started on the preloaded database. */
export async function runDashboardScenarios(
  options: ScenarioOptions & { rounds: number },
  preload: DashboardResult['preload'] & { leads: number; zone: string },
): Promise<DashboardResult> {
  const zone = preload.zone;
  const { gateway, adminKey, tenant, log } = options;
  const url = gateway.url;
  log('  (e) leadStats and leads pages, one request at a time');
  const queries = await measureQueries(url, adminKey, tenant.accountId, zone, options.rounds);
  for (const q of queries) log(`    ${q.name}: p50 ${q.p50} ms, p99 ${q.p99} ms`);

  log('  (f) intake while a dashboard polls every second and /healthz is probed every 100 ms');
  const dashboard = poll(1000, () =>
    gql(url, DASHBOARD_QUERY, { f: { accountId: tenant.accountId, from: daysAgo(zone, 6) }, i: 'HOUR' }, adminKey),
  );
  const page = poll(1000, () => gql(url, LEADS_PAGE, { f: { accountId: tenant.accountId } }, adminKey));
  const probe = poll(100, () => healthz(url));
  const stopPolls = () => Promise.all([dashboard.stop(), page.stop(), probe.stop()]);
  let submit: ScenarioResult;
  try {
    submit = await runScenario('graphql-submit', options);
  } catch (error) {
    await stopPolls();
    throw error;
  }
  const [dashboardTimes, pageTimes, healthTimes] = await stopPolls();
  const underLoad = {
    submit,
    healthz: summarize(healthTimes),
    dashboardPolls: summarize(dashboardTimes),
    leadsPolls: summarize(pageTimes),
  };
  log(
    `    submit p99 ${submit.latencyMs.p99} ms at ${submit.rps} req/s; /healthz p99 ${underLoad.healthz.p99} ms; dashboard polls p50 ${underLoad.dashboardPolls.p50} ms`,
  );

  log(`  (g) GET /leads.csv of every lead (about ${preload.leads})`);
  const exported = await measureExport(gateway, adminKey, tenant.accountId);
  log(
    `    ${exported.rows} rows, ${exported.mb} MB in ${exported.seconds}s; RSS ${exported.rssBeforeMb} MB before, by quarter ${exported.quarterPeaksMb.join(' / ')} MB; /healthz p99 ${exported.healthz.p99} ms`,
  );
  const { leads, inserted, counterRows, seconds, fileMb } = preload;
  return { leads, preload: { inserted, counterRows, seconds, fileMb }, queries, underLoad, export: exported };
}

/** The issue's targets for the dashboard phase. */
export function dashboardTargets(d: DashboardResult): Target[] {
  const leadsK = `${Math.round(d.leads / 1000)}k`;
  const q = (prefix: string) => d.queries.find((x) => x.name.startsWith(prefix))!;
  const allTime = q('leadStats, all time');
  const week = q('leadStats, 7-day');
  return [
    {
      name: `(e) leadStats all time over ${leadsK} leads, p50`,
      measured: `${allTime.p50} ms`,
      threshold: '< 50 ms',
      met: allTime.p50 < 50,
    },
    {
      name: `(e) leadStats 7-day series by day over ${leadsK} leads, p50`,
      measured: `${week.p50} ms`,
      threshold: '< 50 ms',
      met: week.p50 < 50,
    },
    {
      name: '(f) submitLead p99 while a dashboard polls every second',
      measured: `${d.underLoad.submit.latencyMs.p99} ms`,
      threshold: '< 50 ms',
      met: d.underLoad.submit.latencyMs.p99 < 50,
    },
    {
      name: '(f) /healthz p99 while a dashboard polls every second',
      measured: `${d.underLoad.healthz.p99} ms`,
      threshold: '< 20 ms',
      met: d.underLoad.healthz.p99 < 20,
    },
    {
      name: `(g) GET /leads.csv of ${leadsK} leads: every row`,
      measured: `${d.export.rows} rows`,
      threshold: `${d.export.expected} (leads { totalCount })`,
      met: d.export.rows === d.export.expected,
    },
    {
      name: "(g) GET /leads.csv: the gateway's memory stays flat (RSS peak of the last quarter of the rows vs the second)",
      measured: `${d.export.quarterPeaksMb[1]} MB -> ${d.export.quarterPeaksMb[3]} MB (${d.export.rssBeforeMb} MB before; ${d.export.mb} MB of CSV)`,
      threshold: 'last <= 1.1 x second',
      met: d.export.quarterPeaksMb[3]! <= 1.1 * d.export.quarterPeaksMb[1]!,
    },
    {
      name: '(g) /healthz p99 while GET /leads.csv streams',
      measured: `${d.export.healthz.p99} ms`,
      threshold: '< 20 ms',
      met: d.export.healthz.p99 < 20,
    },
  ];
}

/** The dashboard phase's lines of the report. */
export function formatDashboard(d: DashboardResult): string {
  const lines = [
    `Dashboard phase: ${d.leads} leads over 90 days (${d.preload.inserted} inserted in ${d.preload.seconds.toFixed(1)}s with ${d.preload.counterRows} counter rows; database ${d.preload.fileMb} MB)`,
    ...d.queries.map((q) => `  (e) ${q.name}: p50 ${q.p50} ms, p90 ${q.p90} ms, p99 ${q.p99} ms, max ${q.max} ms (${q.samples} requests)`),
    `  (f) submitLead at ${d.underLoad.submit.connections} connections: ${d.underLoad.submit.rps} req/s, p50 ${d.underLoad.submit.latencyMs.p50} ms, p99 ${d.underLoad.submit.latencyMs.p99} ms; ` +
      `/healthz p99 ${d.underLoad.healthz.p99} ms (${d.underLoad.healthz.samples} probes); dashboard query p50 ${d.underLoad.dashboardPolls.p50} ms, p99 ${d.underLoad.dashboardPolls.p99} ms; ` +
      `leads page p50 ${d.underLoad.leadsPolls.p50} ms`,
    `  (g) GET /leads.csv: ${d.export.rows} rows, ${d.export.mb} MB in ${d.export.seconds}s (${Math.round(d.export.rows / d.export.seconds)} rows/s); ` +
      `gateway RSS ${d.export.rssBeforeMb} MB before, peak by quarter of the rows ${d.export.quarterPeaksMb.join(' / ')} MB; /healthz p99 ${d.export.healthz.p99} ms`,
  ];
  return lines.join('\n');
}
