import { ApiKeyRole } from '../../auth/api-key-role.js';
import { requireKey } from '../../auth/caller.js';
import type { RequestContext } from '../../context.js';
import { notFound } from '../../errors/app-error.js';
import { Account } from '../accounts/account.entity.js';
import type { LeadFilter } from '../leads/lead.inputs.js';
import { resolveLeadScope, type LeadScope } from '../leads/lead.service.js';
import { LeadStats } from './lead-stats.types.js';
import { OrmStatsDb, type StatsDb } from './stats-db.js';
import { StatsEngine, type StatsScope } from './stats-engine.js';
import { StatsRequest } from './stats-request.js';

/** Options for {@link LeadStatsService}. */
export interface LeadStatsOptions {
  /** The clock (where a series without `to` ends), default `() => new Date()`. */
  now?: () => Date;
  /** Where stats SQL runs for a request, default the request's own connection. */
  dbFor?: (ctx: RequestContext) => StatsDb;
}

/** Dashboard numbers over the same filter and visibility as the leads list. */
export class LeadStatsService {
  private readonly now: () => Date;
  private readonly dbFor: (ctx: RequestContext) => StatsDb;

  constructor(options: LeadStatsOptions = {}) {
    this.now = options.now ?? (() => new Date());
    this.dbFor = options.dbFor ?? ((ctx) => new OrmStatsDb(ctx.em));
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
      ...scope, zone: account.timeZone, from: scope.from?.getTime() ?? null, to: scope.to?.getTime() ?? null,
    };
    return new StatsEngine(this.dbFor(ctx), statsScope, []);
  }
}
