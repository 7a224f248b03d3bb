import type { EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { LRUCache } from 'lru-cache';
import { isSqlite } from '../../shared/row-lock.js';
import { get, run, type Step } from '../../shared/sql-step.js';
import { bucketsOf, GRAINS, type Grain } from './stat-calendar.js';
import { placeholders, type StatsDialect } from './stats-db.js';
import type { Piece } from './stats-plan.js';
import type { FactDim, StatsScope } from './stats-engine.js';

/**
 * Pre-aggregated lead counters. Every lead is counted in one bucket of each grain (the calendar
 * month, day and hour of the account's time zone that contain its receive time) per campaign,
 * source, status, reason and test flag, with the sum of its price; every sale in one bucket per
 * buyer. Rows are written in the lead's own transaction and moved when a lead's status changes,
 * so they always equal COUNT(*) over the leads (see the counters test and docs/dashboards.md).
 */
export const COUNTER_GRAINS: readonly Grain[] = GRAINS;

/** Tables of the counters, created by the stat_counters migration. */
export const LEAD_COUNTERS = 'lead_stat_counters';
export const SALE_COUNTERS = 'lead_sale_counters';
export const COUNTER_ZONES = 'lead_stat_zones';

const LEAD_KEY = [
  'account_id',
  'grain',
  'bucket_start',
  'bucket_end',
  'campaign_id',
  'source_id',
  'status',
  'reason_code',
  'is_test',
  'slot',
] as const;
const SALE_KEY = ['account_id', 'grain', 'bucket_start', 'bucket_end', 'campaign_id', 'source_id', 'buyer_id', 'slot'] as const;

/** What the counters need to know of a lead. */
export interface CountedLead {
  id: string;
  accountId: string;
  campaignId: string;
  sourceId: string;
  status: string;
  reasonCode: string | null;
  isTest: boolean;
  priceCents: number;
  receivedAtMs: number;
}

/** What the counters need to know of a sale (its lead's receive time places it). */
export interface CountedSale {
  buyerId: string;
  priceCents: number;
}

/** A change to one counter row. */
export interface CounterDelta {
  key: Array<string | number | boolean>;
  count: number;
  revenueCents: number;
}

/**
 * PostgreSQL spreads each counter over this many rows (chosen by the lead's id, so a status
 * change later finds the same row), so concurrent leads of one campaign and source do not all
 * queue on one row lock until commit. SQLite has one writer: one row.
 */
export const PG_SLOTS = 4;

/** The counter slot of a lead on the engine of `tx`. */
function slotOf(tx: EntityManager, leadId: string): number {
  return slotOn(isSqlite(tx) ? 'sqlite' : 'postgresql', leadId);
}

/** The counter slot of a lead on `dialect`. */
function slotOn(dialect: StatsDialect, leadId: string): number {
  if (dialect === 'sqlite') return 0;
  let h = 0;
  for (let i = 0; i < leadId.length; i++) h = (h * 31 + leadId.charCodeAt(i)) | 0;
  return Math.abs(h) % PG_SLOTS;
}

const sortKeys = (a: CounterDelta, b: CounterDelta) => {
  for (let i = 0; i < a.key.length; i++) {
    const x = a.key[i]!;
    const y = b.key[i]!;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
};

/**
 * The counter rows a lead adds to (sign 1) or takes from (sign -1), in key order (rows are
 * always locked in that order, so two transactions never wait on each other crosswise).
 */
export function leadDeltas(lead: CountedLead, zone: string, sign: 1 | -1, slot = 0): CounterDelta[] {
  const buckets = bucketsOf(lead.receivedAtMs, zone);
  return COUNTER_GRAINS.map((grain) => ({
    key: [
      lead.accountId,
      grain,
      buckets[grain].start,
      buckets[grain].end,
      lead.campaignId,
      lead.sourceId,
      lead.status,
      lead.reasonCode ?? '',
      lead.isTest,
      slot,
    ],
    count: sign,
    revenueCents: sign === 1 ? lead.priceCents : 0 - lead.priceCents,
  })).sort(sortKeys);
}

/** The sale counter rows of a lead's sales (by the lead's receive time), in key order. */
export function saleDeltas(lead: CountedLead, sales: readonly CountedSale[], zone: string, slot = 0): CounterDelta[] {
  const buckets = bucketsOf(lead.receivedAtMs, zone);
  return sales
    .flatMap((sale) =>
      COUNTER_GRAINS.map((grain) => ({
        key: [lead.accountId, grain, buckets[grain].start, buckets[grain].end, lead.campaignId, lead.sourceId, sale.buyerId, slot],
        count: 1,
        revenueCents: sale.priceCents,
      })),
    )
    .sort(sortKeys);
}

/** Adds up deltas of the same row (a status change within one bucket nets to nothing). */
export function netDeltas(deltas: readonly CounterDelta[]): CounterDelta[] {
  const byKey = new Map<string, CounterDelta>();
  for (const d of deltas) {
    const k = JSON.stringify(d.key);
    const seen = byKey.get(k);
    if (seen) {
      seen.count += d.count;
      seen.revenueCents += d.revenueCents;
    } else {
      byKey.set(k, { ...d });
    }
  }
  return [...byKey.values()].filter((d) => d.count !== 0 || d.revenueCents !== 0).sort(sortKeys);
}

const upserts = new Map<string, string>();

/** An upsert adding `rows` deltas to `table` (the same SQL on SQLite and PostgreSQL). */
export function upsertSql(table: typeof LEAD_COUNTERS | typeof SALE_COUNTERS, rows: number): string {
  // Every lead asks for the same few statements.
  const cacheKey = `${table}:${rows}`;
  let sql = upserts.get(cacheKey);
  if (sql === undefined) {
    sql = buildUpsertSql(table, rows);
    if (rows <= 64) upserts.set(cacheKey, sql);
  }
  return sql;
}

function buildUpsertSql(table: typeof LEAD_COUNTERS | typeof SALE_COUNTERS, rows: number): string {
  const key = table === LEAD_COUNTERS ? LEAD_KEY : SALE_KEY;
  const columns = [...key, 'count', 'revenue_cents'];
  const values = Array.from({ length: rows }, () => `(${placeholders(columns.length)})`).join(', ');
  return `insert into ${table} (${columns.join(', ')}) values ${values}
    on conflict (${key.join(', ')}) do update set count = ${table}.count + excluded.count, revenue_cents = ${table}.revenue_cents + excluded.revenue_cents`;
}

/** Records that the account has counters bucketed in `zone` (reads then know whether buckets can straddle). */
export const ZONE_SQL = `insert into ${COUNTER_ZONES} (account_id, zone) values (?, ?) on conflict do nothing`;

/** Parameters of deltas for {@link upsertSql}, booleans as the engine stores them. */
export function deltaParams(deltas: readonly CounterDelta[], dialect: StatsDialect): unknown[] {
  const params: unknown[] = [];
  for (const d of deltas) {
    for (const v of d.key) params.push(typeof v === 'boolean' && dialect === 'sqlite' ? (v ? 1 : 0) : v);
    params.push(d.count, d.revenueCents);
  }
  return params;
}

/** A lead's or sale's entity data: references may be ids or entities. */
const idOf = (value: unknown): string => (typeof value === 'string' ? value : String((value as { id: string }).id));
const msOf = (value: unknown): number =>
  value instanceof Date ? value.getTime() : typeof value === 'number' ? value : new Date(String(value)).getTime();

/** The counted facts of a lead as the stores and services hold it (entity data or an entity). */
export function countedLead(lead: Record<string, unknown> | object): CountedLead {
  const l = lead as Record<string, unknown>;
  return {
    id: String(l.id),
    accountId: idOf(l.account),
    campaignId: idOf(l.campaign),
    sourceId: idOf(l.source),
    status: String(l.status),
    reasonCode: (l.reasonCode as string | null | undefined) ?? null,
    isTest: Boolean(l.isTest),
    priceCents: Number(l.priceCents ?? 0),
    receivedAtMs: msOf(l.receivedAt),
  };
}

export const countedSales = (sales: ReadonlyArray<Record<string, unknown> | object> | undefined): CountedSale[] =>
  (sales ?? []).map((s) => ({
    buyerId: idOf((s as Record<string, unknown>).buyer),
    priceCents: Number((s as Record<string, unknown>).priceCents),
  }));

/** The subset of a better-sqlite3 connection the counters use. */
export interface SqliteConnection {
  prepare(sql: string): { run(...params: unknown[]): unknown; get(...params: unknown[]): unknown };
}

/** Rows a write stores, as the lead stores hand them over. */
export interface CountedRows {
  lead: object;
  sales?: readonly object[];
}

const ZONE_SELECT = 'select time_zone from accounts where id = ?';

/**
 * Writes the counters inside the caller's transaction: {@link countManySync} for a synchronous
 * better-sqlite3 transaction, {@link countStep} as a step of the lead store, {@link countMany} and
 * {@link moved} through an EntityManager.
 */
export class StatCounters {
  /** Account time zones, kept briefly: a zone changed meanwhile only makes reads check bucket edges. */
  private readonly zones = new LRUCache<string, string>({ max: 10_000, ttl: 5_000 });
  private readonly statements = new WeakMap<SqliteConnection, Map<string, ReturnType<SqliteConnection['prepare']>>>();

  /**
   * Counts many stored leads (and their sales) at once, better-sqlite3, inside the caller's
   * transaction: their deltas summed first, so a batch of leads of one hour writes each counter
   * row once (a bulk import's way).
   */
  countManySync(conn: SqliteConnection, batch: readonly CountedRows[]): void {
    const leadRows: CounterDelta[] = [];
    const saleRows: CounterDelta[] = [];
    const accounts = new Set<string>();
    // Leads alike in everything a counter row keys on, received in one quarter hour (no zone has
    // a bucket edge inside one), fall in the same rows: bucket them once, add them up.
    const groups = new Map<string, { lead: CountedLead; zone: string; count: number; revenueCents: number }>();
    for (const rows of batch) {
      const lead = countedLead(rows.lead);
      const zone =
        this.zones.get(lead.accountId) ??
        this.rememberZone(lead.accountId, (this.prepared(conn, ZONE_SELECT).get(lead.accountId) as { time_zone: string }).time_zone);
      if (!accounts.has(lead.accountId)) {
        accounts.add(lead.accountId);
        this.prepared(conn, ZONE_SQL).run(lead.accountId, zone);
      }
      const key = `${lead.accountId}\u0000${lead.campaignId}\u0000${lead.sourceId}\u0000${lead.status}\u0000${lead.reasonCode ?? ''}\u0000${lead.isTest}\u0000${Math.floor(lead.receivedAtMs / 900_000)}`;
      const group = groups.get(key);
      if (group) {
        group.count += 1;
        group.revenueCents += lead.priceCents;
      } else {
        groups.set(key, { lead, zone, count: 1, revenueCents: lead.priceCents });
      }
      const sales = countedSales(rows.sales);
      if (sales.length) saleRows.push(...saleDeltas(lead, sales, zone));
    }
    for (const { lead, zone, count, revenueCents } of groups.values()) {
      for (const d of leadDeltas(lead, zone, 1)) leadRows.push({ ...d, count, revenueCents });
    }
    this.runSync(conn, LEAD_COUNTERS, netDeltas(leadRows));
    if (saleRows.length) this.runSync(conn, SALE_COUNTERS, netDeltas(saleRows));
  }

  /** {@link countManySync} through an EntityManager (any engine), inside the transaction of `tx`. */
  async countMany(tx: EntityManager, batch: readonly CountedRows[]): Promise<void> {
    const byAccount = new Map<string, { leads: CounterDelta[]; sales: CounterDelta[] }>();
    for (const rows of batch) {
      const lead = countedLead(rows.lead);
      // Each lead in its own slot, as count and moved place it.
      const slot = slotOf(tx, lead.id);
      const zone = await this.zoneOf(tx, lead.accountId);
      const deltas = byAccount.get(lead.accountId) ?? { leads: [], sales: [] };
      byAccount.set(lead.accountId, deltas);
      deltas.leads.push(...leadDeltas(lead, zone, 1, slot));
      deltas.sales.push(...saleDeltas(lead, countedSales(rows.sales), zone, slot));
    }
    for (const [accountId, deltas] of byAccount) {
      await this.run(tx, await this.zoneOf(tx, accountId), accountId, netDeltas(deltas.leads), netDeltas(deltas.sales));
    }
  }

  /**
   * Counts a stored lead and its sales as a step of the lead's own transaction (the lead store
   * runs it with the lead's other writes, on SQLite within a group commit).
   */
  *countStep(rows: CountedRows, dialect: StatsDialect): Step<void> {
    const lead = countedLead(rows.lead);
    let zone = this.zones.get(lead.accountId);
    if (!zone) {
      zone = this.rememberZone(lead.accountId, (yield* get<{ time_zone: string }>(ZONE_SELECT, [lead.accountId]))!.time_zone);
      // Recorded whenever the zone is read again (every few seconds per account), not with every lead.
      yield* run(ZONE_SQL, [lead.accountId, zone]);
    }
    const slot = slotOn(dialect, lead.id);
    const leadRows = leadDeltas(lead, zone, 1, slot);
    yield* run(upsertSql(LEAD_COUNTERS, leadRows.length), deltaParams(leadRows, dialect));
    const saleRows = saleDeltas(lead, countedSales(rows.sales), zone, slot);
    if (saleRows.length) yield* run(upsertSql(SALE_COUNTERS, saleRows.length), deltaParams(saleRows, dialect));
  }

  /**
   * Moves a stored lead from its counted status and price to `to` (and counts its new sales),
   * inside the transaction that changes it.
   */
  async moved(tx: EntityManager, lead: object, to: { status: string; priceCents: number; sales?: readonly object[] }): Promise<void> {
    const before = countedLead(lead);
    const after = { ...before, status: to.status, priceCents: to.priceCents };
    const zone = await this.zoneOf(tx, before.accountId);
    const slot = slotOf(tx, before.id);
    const deltas = netDeltas([...leadDeltas(before, zone, -1, slot), ...leadDeltas(after, zone, 1, slot)]);
    await this.run(tx, zone, before.accountId, deltas, saleDeltas(after, countedSales(to.sales), zone, slot));
  }

  private async run(tx: EntityManager, zone: string, accountId: string, leadRows: CounterDelta[], saleRows: CounterDelta[]): Promise<void> {
    const sql = tx as SqlEntityManager;
    const dialect: StatsDialect = isSqlite(tx) ? 'sqlite' : 'postgresql';
    await sql.execute(ZONE_SQL, [accountId, zone]);
    if (leadRows.length) await sql.execute(upsertSql(LEAD_COUNTERS, leadRows.length), deltaParams(leadRows, dialect));
    if (saleRows.length) await sql.execute(upsertSql(SALE_COUNTERS, saleRows.length), deltaParams(saleRows, dialect));
  }

  private runSync(conn: SqliteConnection, table: typeof LEAD_COUNTERS | typeof SALE_COUNTERS, deltas: CounterDelta[]): void {
    this.prepared(conn, upsertSql(table, deltas.length)).run(...deltaParams(deltas, 'sqlite'));
  }

  private async zoneOf(tx: EntityManager, accountId: string): Promise<string> {
    const cached = this.zones.get(accountId);
    if (cached) return cached;
    const [row] = await (tx as SqlEntityManager).execute<Array<{ time_zone: string }>>(ZONE_SELECT, [accountId]);
    return this.rememberZone(accountId, row!.time_zone);
  }

  private rememberZone(accountId: string, zone: string): string {
    this.zones.set(accountId, zone);
    return zone;
  }

  private prepared(conn: SqliteConnection, sql: string) {
    let map = this.statements.get(conn);
    if (!map) {
      map = new Map();
      this.statements.set(conn, map);
    }
    let st = map.get(sql);
    if (!st) {
      st = conn.prepare(sql);
      map.set(sql, st);
    }
    return st;
  }
}

/** The process's counter writer (stateless but for caches), shared by every store. */
export const statCounters = new StatCounters();

// ---- reads ----

const COUNTER_COLUMN: Record<FactDim, string> = {
  campaign: 'c.campaign_id',
  source: 'c.source_id',
  status: 'c.status',
  reason: 'c.reason_code',
};

/** `with r(s, e, t) as (values ...)` over bucket times (epoch ms on both engines). */
const runsCte = (runs: readonly Piece[]) => `with r(s, e, t) as (values ${runs.map((p) => `(${p.start}, ${p.end}, ${p.t})`).join(', ')})`;

/** The scope's filters on counter rows `c`. */
function counterWhere(dialect: StatsDialect, scope: StatsScope, withStatus: boolean): { where: string[]; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (scope.campaignIds) {
    where.push(`c.campaign_id in (${placeholders(scope.campaignIds.length)})`);
    params.push(...scope.campaignIds);
  }
  if (scope.sourceIds) {
    where.push(`c.source_id in (${placeholders(scope.sourceIds.length)})`);
    params.push(...scope.sourceIds);
  }
  if (withStatus) {
    if (scope.status) {
      where.push('c.status = ?');
      params.push(scope.status);
    }
    if (!scope.includeTest) where.push(`c.is_test = ${dialect === 'sqlite' ? '0' : 'false'}`);
  }
  return { where, params };
}

/** Sums of the lead counters of whole buckets of `grain` inside each run, grouped by target and `dims`. */
export function counterFactsSql(dialect: StatsDialect, scope: StatsScope, grain: Grain, runs: readonly Piece[], dims: readonly FactDim[]) {
  const filter = counterWhere(dialect, scope, true);
  const columns = dims.map((d) => `${COUNTER_COLUMN[d]} as ${d}`);
  const sql = `${runsCte(runs)}
    select r.t as t, ${[...columns, 'sum(c.count) as n', 'sum(c.revenue_cents) as rev'].join(', ')}
    from r join ${LEAD_COUNTERS} c on c.account_id = ? and c.grain = ? and c.bucket_start >= r.s and c.bucket_start < r.e and c.bucket_end <= r.e
    ${filter.where.length ? `where ${filter.where.join(' and ')}` : ''}
    group by ${['r.t', ...dims.map((d) => COUNTER_COLUMN[d])].join(', ')}`;
  return { sql, params: [scope.accountId, grain, ...filter.params] };
}

/** Sums of the sale counters of whole buckets of `grain` inside each run, grouped by target and buyer. */
export function saleCounterFactsSql(dialect: StatsDialect, scope: StatsScope, grain: Grain, runs: readonly Piece[]) {
  const filter = counterWhere(dialect, scope, false);
  const sql = `${runsCte(runs)}
    select r.t as t, c.buyer_id as buyer, sum(c.count) as n, sum(c.revenue_cents) as rev
    from r join ${SALE_COUNTERS} c on c.account_id = ? and c.grain = ? and c.bucket_start >= r.s and c.bucket_start < r.e and c.bucket_end <= r.e
    ${filter.where.length ? `where ${filter.where.join(' and ')}` : ''}
    group by r.t, c.buyer_id`;
  return { sql, params: [scope.accountId, grain, ...filter.params] };
}

/** Longest bucket of each grain, so a crossing bucket is searched among few rows. */
const LONGEST: Record<Grain, number> = { H: 2 * 3_600_000, D: 27 * 3_600_000, M: 32 * 86_400_000 };

/** Stored buckets of `grain` crossing any of `points` (pass a few hundred at a time). */
export function straddlersSql(
  table: typeof LEAD_COUNTERS | typeof SALE_COUNTERS,
  accountId: string,
  grain: Grain,
  points: readonly number[],
) {
  const finite = points.filter((p) => Number.isFinite(p) && Math.abs(p) < 8.64e15);
  const terms = finite.map((p) => `(bucket_start > ${p - LONGEST[grain]} and bucket_start < ${p} and bucket_end > ${p})`);
  const sql = `select distinct bucket_start, bucket_end from ${table} where account_id = ? and grain = ? and (${terms.length ? terms.join(' or ') : '1 = 0'})`;
  return { sql, params: [accountId, grain] };
}
