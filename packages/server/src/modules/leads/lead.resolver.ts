import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../context.js';
import { LeadConnection } from './lead-connection.js';
import { Lead } from './lead.entity.js';
import { LeadFilter } from './lead.inputs.js';
import { DEFAULT_PAGE_SIZE, LeadService } from './lead.service.js';

@Resolver(() => Lead)
export class LeadResolver {
  constructor(private readonly leadService: LeadService) {}

  @Query(() => Lead)
  lead(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return this.leadService.get(ctx, id);
  }

  @Query(() => LeadConnection, { description: 'Leads newest first; test leads only with includeTest.' })
  leads(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => LeadFilter, { nullable: true }) filter?: LeadFilter | null,
    @Arg('first', () => Int, { nullable: true, description: `Page size, default ${DEFAULT_PAGE_SIZE}, at most 500.` }) first?:
      | number
      | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ) {
    return this.leadService.list(ctx, filter ?? {}, first ?? DEFAULT_PAGE_SIZE, after);
  }
}
