import { ApiKeyRole } from '../../auth/api-key-role.js';
import { requireKey } from '../../auth/caller.js';
import type { RequestContext } from '../../context.js';
import { notFound } from '../../errors/app-error.js';
import { Account } from '../accounts/account.entity.js';
import type { LeadFilter } from '../leads/lead.inputs.js';
import { resolveLeadScope, type LeadScope } from '../leads/lead.service.js';
import { LeadStats } from './lead-stats.types.js';
import { isSqlite } from '../../shared/row-lock.js';
import { SqliteReadPool } from './sqlite-read-pool.js';
import { OrmStatsDb, type StatsDb } from './stats-db.js';
import { StatsEngine, type StatsScope } from './stats-engine.js';
import { StatsRequest } from './stats-request.js';

/** Options for {@link LeadStatsService}. */
export interface LeadStatsOptions {
  /** The clock (where a series without `to` ends), default `() => new Date()`. */
  now?: () => Date;
  /** Worker threads reading an SQLite database, default `2`. */
  sqliteReaders?: number;
}

/** Dashboard numbers over the same filter and visibility as the leads list. */
export class LeadStatsService {
  private readonly now: () => Date;
  private readonly sqliteReaders: number;
  private readonly pools = new Map<string, SqliteReadPool>();

  constructor(options: LeadStatsOptions = {}) {
    this.now = options.now ?? (() => new Date());
    this.sqliteReaders = options.sqliteReaders ?? 2;
  }

  /**
   * Where stats and export reads run: on an SQLite file, read-only connections in worker threads
   * (nothing that may scan runs on the event loop); otherwise the ORM's pool.
   */
  dbFor(ctx: Pick<RequestContext, 'em'>): StatsDb {
    const file = String(ctx.em.config.get('dbName'));
    if (!isSqlite(ctx.em) || file === ':memory:') return new OrmStatsDb(ctx.em);
    let pool = this.pools.get(file);
    if (!pool) {
      pool = new SqliteReadPool(file, { size: this.sqliteReaders });
      this.pools.set(file, pool);
    }
    return pool;
  }

  /** Ends the reader threads. */
  async close(): Promise<void> {
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(pools.map((p) => p.close()));
  }

  /** Stats over `filter`; each field is computed when the query selects it. */
  async stats(ctx: RequestContext, filter: LeadFilter = {}): Promise<LeadStats> {
    const engine = await this.engine(ctx, await resolveLeadScope(ctx, filter));
    return new LeadStats(new StatsRequest(engine, this.now, requireKey(ctx.caller).role !== ApiKeyRole.SOURCE));
  }

  /** How many leads match a checked scope, from the counters. */
  async count(ctx: RequestContext, scope: LeadScope): Promise<number> {
    const engine = await this.engine(ctx, scope);
    const range = await engine.range();
    if (!range) return 0;
    const facts = await engine.facts([{ ...range, t: 0 }], []);
    return facts.reduce((sum, f) => sum + f.count, 0);
  }

  private async engine(ctx: RequestContext, scope: LeadScope): Promise<StatsEngine> {
    const account = await ctx.em.findOne(Account, { id: scope.accountId }, { fields: ['timeZone'] });
    if (!account) throw notFound('Account');
    const statsScope: StatsScope = {
      ...scope,
      zone: account.timeZone,
      from: scope.from?.getTime() ?? null,
      to: scope.to?.getTime() ?? null,
    };
    return new StatsEngine(this.dbFor(ctx), statsScope);
  }
}
