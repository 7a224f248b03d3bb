import { Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context.js';
import { LeadConnection } from '../leads/index.js';
import { LeadStatsService } from './lead-stats.service.js';

/** `leads { totalCount }` from the counters, and only when a query asks for it. */
@Resolver(() => LeadConnection)
export class LeadCountResolver {
  constructor(private readonly statsService: LeadStatsService) {}

  @FieldResolver(() => Int, { description: 'Leads matching the filter, across all pages; counted only when asked for.' })
  totalCount(@Root() connection: LeadConnection, @Ctx() ctx: RequestContext) {
    return this.statsService.count(ctx, connection.scope);
  }
}
