import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../context.js';
import { LeadFilter } from '../leads/lead.inputs.js';
import { LeadStatsService } from './lead-stats.service.js';
import { LeadStats } from './lead-stats.types.js';

@Resolver(() => LeadStats)
export class LeadStatsResolver {
  constructor(private readonly statsService: LeadStatsService) {}

  @Query(() => LeadStats, { description: 'Totals and counts by status, reason, campaign and source over a filter (time range etc.).' })
  leadStats(@Ctx() ctx: RequestContext, @Arg('filter', () => LeadFilter, { nullable: true }) filter?: LeadFilter | null) {
    return this.statsService.stats(ctx, filter ?? {});
  }
}
