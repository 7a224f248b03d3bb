import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context.js';
import { Lead } from '../leads/lead.entity.js';
import { DialerLead } from './dialer-lead.entity.js';
import { DialerLeadService } from './dialer-lead.service.js';

@Resolver(() => DialerLead)
export class DialerLeadResolver {
  constructor(private readonly dialerLeadService: DialerLeadService) {}

  @Query(() => DialerLead)
  dialerLead(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return this.dialerLeadService.get(ctx, id);
  }

  @Query(() => [DialerLead], { description: "A list's leads, newest first (ADMIN and READER keys)." })
  dialerLeads(
    @Arg('listId', () => ID) listId: string,
    @Ctx() ctx: RequestContext,
    @Arg('phone', () => String, { nullable: true }) phone?: string | null,
    @Arg('first', () => Int, { defaultValue: 50, description: 'Page size, at most 500.' }) first?: number,
    @Arg('offset', () => Int, { defaultValue: 0 }) offset?: number,
  ) {
    return this.dialerLeadService.list(ctx, listId, { phone, first: first ?? 50, offset: offset ?? 0 });
  }

  @FieldResolver(() => Lead, { description: 'The Leadgate lead: fields, decision and trace.' })
  lead(@Root() dialerLead: DialerLead, @Ctx() ctx: RequestContext) {
    return ctx.em.findOneOrFail(Lead, { id: dialerLead.lead.id });
  }
}
