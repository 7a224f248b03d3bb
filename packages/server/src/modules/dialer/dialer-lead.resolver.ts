import { Arg, Ctx, Directive, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context.js';
import { Lead } from '../leads/lead.entity.js';
import { DialerInsertResult } from './dialer-insert.result.js';
import { DialerInsertService } from './dialer-insert.service.js';
import { DialerLead } from './dialer-lead.entity.js';
import { DialerLeadService } from './dialer-lead.service.js';
import { InsertDialerLeadInput } from './insert-dialer-lead.input.js';
import { toDialerInsertRequest } from './insert-dialer-lead.mapper.js';

@Resolver(() => DialerLead)
export class DialerLeadResolver {
  constructor(
    private readonly inserts: DialerInsertService,
    private readonly dialerLeadService: DialerLeadService,
  ) {}

  @Directive('@idempotent(inTransaction: true)')
  @Mutation(() => DialerInsertResult, {
    description: 'Inserts a lead into a dialer list (as POST /v1/leads/insert does): duplicate scopes, DNC, update_if_found, hopper. '
      + 'Rejections are data with the door\'s code and text. ADMIN key, or a SOURCE key approved for the list\'s intake campaign.',
  })
  insertDialerLead(
    @Arg('input', () => InsertDialerLeadInput) input: InsertDialerLeadInput,
    @Ctx() ctx: RequestContext,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey?: string | null,
  ) {
    return this.inserts.insert(ctx.em, toDialerInsertRequest(input), ctx.caller, { idempotencyKey: idempotencyKey ?? ctx.idempotencyKey });
  }

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
