import { bucketsOf, hoursTile, NO_END, NO_START, type Grain, type Span } from './stat-calendar.js';
import { planSpans, type Piece, type StatsPlan } from './stats-plan.js';
import { falseLiteral, placeholders, timeLiteral, type StatsDb } from './stats-db.js';
import {
  COUNTER_GRAINS,
  COUNTER_ZONES,
  counterFactsSql,
  LEAD_COUNTERS,
  SALE_COUNTERS,
  saleCounterFactsSql,
  straddlersSql,
} from './stat-counters.js';

/** What a stats query covers: one account's leads, narrowed like the leads list. */
export interface StatsScope {
  accountId: string;
  /** The account's IANA time zone: the calendar of series and buckets. */
  zone: string;
  campaignIds: readonly string[] | null;
  sourceIds: readonly string[] | null;
  status: string | null;
  includeTest: boolean;
  /** Received at or after (epoch ms); null: no bound. */
  from: number | null;
  /** Received before (epoch ms); null: no bound. */
  to: number | null;
}

/** Lead facts a query can group by besides the target. */
export type FactDim = 'campaign' | 'source' | 'status' | 'reason';

/** Leads of one group in one target: how many, and the sum of their prices. */
export interface Fact {
  t: number;
  campaign: string;
  source: string;
  status: string;
  /** '' when the lead has no reason. */
  reason: string;
  count: number;
  revenueCents: number;
}

/** Sales to one buyer in one target. */
export interface SaleFact {
  t: number;
  buyer: string;
  count: number;
  revenueCents: number;
}

const LEAD_COLUMN: Record<FactDim, string> = {
  campaign: 'l.campaign_id',
  source: 'l.source_id',
  status: 'l.status',
  reason: `coalesce(l.reason_code, '')`,
};

interface RawFact {
  t: number | string;
  campaign?: string;
  source?: string;
  status?: string;
  reason?: string;
  buyer?: string;
  n: number | string;
  rev: number | string | null;
}

/** Adds grouped rows into `into`, keyed by target and dims, so counter rows and lead rows sum up. */
function accumulate(into: Map<string, Fact>, rows: RawFact[], dims: readonly FactDim[]): void {
  for (const row of rows) {
    const fact: Fact = {
      t: Number(row.t),
      campaign: row.campaign ?? '',
      source: row.source ?? '',
      status: row.status ?? '',
      reason: row.reason ?? '',
      count: Number(row.n),
      revenueCents: Number(row.rev ?? 0),
    };
    const key = `${fact.t}|${dims.map((d) => fact[d]).join('|')}`;
    const seen = into.get(key);
    if (seen) {
      seen.count += fact.count;
      seen.revenueCents += fact.revenueCents;
    } else {
      into.set(key, fact);
    }
  }
}

/**
 * Answers stats over a scope from the counters: each target's whole month, day and hour buckets
 * are summed from `lead_stat_counters`, and only the edges no whole bucket covers are read from
 * lead rows, by the (account_id, received_at) index. See docs/dashboards.md.
 */
export class StatsEngine {
  private bounds?: Promise<Span | null>;
  private readonly plans = new Map<string, Promise<StatsPlan>>();
  private zones?: Promise<string[]>;

  constructor(
    private readonly db: StatsDb,
    readonly scope: StatsScope,
    /** Grains to read counters from; none reads every lead row in range (slow, but exact). */
    private readonly grains: readonly Grain[] = COUNTER_GRAINS,
  ) {}

  /** The first and last receive time of the account's leads (any filter), or null when it has none. */
  dataBounds(): Promise<Span | null> {
    return (this.bounds ??= this.db
      .all<{ lo: number | string | Date | null; hi: number | string | Date | null }>(
        // Two subqueries: SQLite answers a lone min() or max() from the index end, but scans every row for both at once.
        'select (select min(received_at) from leads where account_id = ?) as lo, (select max(received_at) from leads where account_id = ?) as hi',
        [this.scope.accountId, this.scope.accountId],
      )
      .then(([row]) => (row?.lo == null || row.hi == null ? null : { start: toMs(row.lo), end: toMs(row.hi) + 1 })));
  }

  /**
   * The scope's time range, with ends beyond the data opened up (no lead lies there, and an
   * open end lets whole buckets answer); null when no lead can match.
   */
  async range(): Promise<Span | null> {
    const data = await this.dataBounds();
    if (!data) return null;
    const start = this.scope.from === null || this.scope.from <= data.start ? NO_START : this.scope.from;
    const end = this.scope.to === null || this.scope.to >= data.end ? NO_END : this.scope.to;
    return start < end ? { start, end } : null;
  }

  /** Lead facts per target, grouped by `dims`. Targets must be sorted and disjoint. */
  async facts(targets: readonly Piece[], dims: readonly FactDim[]): Promise<Fact[]> {
    if (targets.length === 0) return [];
    const plan = await this.plan(targets);
    // One query per grain with whole buckets, and one for the edges, all at once.
    const queries = this.grains
      .filter((g) => plan.runs[g].length > 0)
      .map((g) => counterFactsSql(this.db.dialect, this.scope, g, plan.runs[g], dims));
    if (plan.rest.length > 0) queries.push(this.leadFactsSql(plan.rest, dims));
    const into = new Map<string, Fact>();
    for (const rows of await Promise.all(queries.map(({ sql, params }) => this.db.all<RawFact>(sql, params)))) accumulate(into, rows, dims);
    return [...into.values()];
  }

  /** Sales per target and buyer, of the scope's leads (by the lead's receive time). */
  async saleFacts(targets: readonly Piece[]): Promise<SaleFact[]> {
    if (targets.length === 0) return [];
    const plan = await this.plan(targets, 'sales');
    const into = new Map<string, SaleFact>();
    const add = (rows: RawFact[]) => {
      for (const row of rows) {
        const key = `${row.t}|${row.buyer}`;
        const seen = into.get(key);
        if (seen) {
          seen.count += Number(row.n);
          seen.revenueCents += Number(row.rev ?? 0);
        } else {
          into.set(key, { t: Number(row.t), buyer: String(row.buyer), count: Number(row.n), revenueCents: Number(row.rev ?? 0) });
        }
      }
    };
    const queries = this.grains
      .filter((g) => plan.runs[g].length > 0)
      .map((g) => saleCounterFactsSql(this.db.dialect, this.scope, g, plan.runs[g]));
    if (plan.rest.length > 0) queries.push(this.leadSalesSql(plan.rest));
    for (const rows of await Promise.all(queries.map(({ sql, params }) => this.db.all<RawFact>(sql, params)))) add(rows);
    return [...into.values()];
  }

  /** Names of rows of `table` (campaigns, sources, buyers) by id. */
  async names(table: 'campaigns' | 'sources' | 'buyers', ids: readonly string[]): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const rows = await this.db.all<{ id: string; name: string }>(
        `select id, name from ${table} where id in (${placeholders(chunk.length)})`,
        chunk,
      );
      for (const row of rows) names.set(row.id, row.name);
    }
    return names;
  }

  private plan(targets: readonly Piece[], table: 'leads' | 'sales' = 'leads'): Promise<StatsPlan> {
    const key = `${table}:${targets.map((t) => `${t.start}-${t.end}-${t.t}`).join(',')}`;
    let plan = this.plans.get(key);
    if (!plan) {
      plan = Promise.all([this.straddleCheck(table), this.closed(targets)]).then(([check, closed]) =>
        planSpans(closed, this.scope.zone, this.grains, check),
      );
      this.plans.set(key, plan);
    }
    return plan;
  }

  /**
   * Open ends closed at the edges of the months holding the account's first and last lead: no
   * lead lies beyond them, and whole months let an all-time answer come from month buckets alone.
   */
  private async closed(targets: readonly Piece[]): Promise<Piece[]> {
    if (!targets.some((t) => t.start <= NO_START || t.end >= NO_END)) return [...targets];
    const data = await this.dataBounds();
    if (!data) return [];
    const first = bucketsOf(data.start, this.scope.zone).M.start;
    const last = bucketsOf(data.end - 1, this.scope.zone).M.end;
    return targets
      .map((t) => ({
        ...t,
        start: t.start <= NO_START ? Math.min(first, t.end) : t.start,
        end: t.end >= NO_END ? Math.max(last, t.start) : t.end,
      }))
      .filter((t) => t.start < t.end);
  }

  /**
   * Buckets can cross a run's edge only when counters were written in another time zone (the
   * account's changed) or the zone's hours do not tile: only then is each edge checked.
   */
  private async straddleCheck(table: 'leads' | 'sales') {
    if (this.grains.length === 0) return undefined;
    const zones = await (this.zones ??= this.db
      .all<{ zone: string }>(`select zone from ${COUNTER_ZONES} where account_id = ?`, [this.scope.accountId])
      .then((rows) => rows.map((r) => r.zone)));
    if (zones.every((z) => z === this.scope.zone) && tilingZone(this.scope.zone)) return undefined;
    return async (grain: Grain, points: number[]) => {
      const found: Span[] = [];
      for (let i = 0; i < points.length; i += 200) {
        const { sql, params } = straddlersSql(
          table === 'leads' ? LEAD_COUNTERS : SALE_COUNTERS,
          this.scope.accountId,
          grain,
          points.slice(i, i + 200),
        );
        const rows = await this.db.all<{ bucket_start: number | string; bucket_end: number | string }>(sql, params);
        found.push(...rows.map((r) => ({ start: Number(r.bucket_start), end: Number(r.bucket_end) })));
      }
      return found;
    };
  }

  /** `with r(s, e, t) as (values ...)`: the pieces as a table to join lead rows to. */
  private piecesCte(pieces: readonly Piece[]): string {
    const d = this.db.dialect;
    return `with r(s, e, t) as (values ${pieces.map((p) => `(${timeLiteral(d, p.start)}, ${timeLiteral(d, p.end)}, ${p.t})`).join(', ')})`;
  }

  /** The scope's filters on lead rows `l`, with their parameters. */
  private leadWhere(): { where: string; params: unknown[] } {
    const s = this.scope;
    const where = ['l.account_id = ?'];
    const params: unknown[] = [s.accountId];
    if (s.campaignIds) {
      where.push(`l.campaign_id in (${placeholders(s.campaignIds.length)})`);
      params.push(...s.campaignIds);
    }
    if (s.sourceIds) {
      where.push(`l.source_id in (${placeholders(s.sourceIds.length)})`);
      params.push(...s.sourceIds);
    }
    if (s.status) {
      where.push('l.status = ?');
      params.push(s.status);
    }
    if (!s.includeTest) where.push(`l.is_test = ${falseLiteral(this.db.dialect)}`);
    return { where: where.join(' and '), params };
  }

  private leadFactsSql(pieces: readonly Piece[], dims: readonly FactDim[]): { sql: string; params: unknown[] } {
    const { where, params } = this.leadWhere();
    const columns = dims.map((d) => `${LEAD_COLUMN[d]} as ${d}`);
    const groups = ['r.t', ...dims.map((d) => LEAD_COLUMN[d])];
    const sql = `${this.piecesCte(pieces)}
      select r.t as t, ${[...columns, 'count(*) as n', 'sum(l.price_cents) as rev'].join(', ')}
      from r join leads l on l.received_at >= r.s and l.received_at < r.e
      where ${where} group by ${groups.join(', ')}`;
    return { sql, params };
  }

  private leadSalesSql(pieces: readonly Piece[]): { sql: string; params: unknown[] } {
    const { where, params } = this.leadWhere();
    const sql = `${this.piecesCte(pieces)}
      select r.t as t, s.buyer_id as buyer, count(*) as n, sum(s.price_cents) as rev
      from r join leads l on l.received_at >= r.s and l.received_at < r.e join sales s on s.lead_id = l.id
      where ${where} group by r.t, s.buyer_id`;
    return { sql, params };
  }
}

const tiling = new Map<string, boolean>();
function tilingZone(zone: string): boolean {
  let tiles = tiling.get(zone);
  if (tiles === undefined) {
    tiles = hoursTile(zone);
    tiling.set(zone, tiles);
  }
  return tiles;
}

/** A stored time (SQLite: epoch ms; PostgreSQL: a Date or an ISO string) as epoch ms. */
export function toMs(value: number | string | Date): number {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'number') return value;
  return /^\d+$/.test(value) ? Number(value) : new Date(value).getTime();
}
