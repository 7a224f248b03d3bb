import { Arg, Ctx, Directive, Mutation, Query, Resolver } from 'type-graphql';
import { LeadExplanation } from '../intake/index.js';
import type { RequestContext } from '../../context.js';
import { DialerInsertResult } from './dialer-insert.result.js';
import { DialerInsertService } from './dialer-insert.service.js';
import { InsertDialerLeadInput } from './insert-dialer-lead.input.js';
import { toDialerInsertRequest } from './insert-dialer-lead.mapper.js';

@Resolver()
export class DialerInsertResolver {
  constructor(private readonly inserts: DialerInsertService) {}

  @Directive('@idempotent(inTransaction: true)')
  @Mutation(() => DialerInsertResult, {
    description:
      'Inserts a lead into a dialer list (as POST /v1/leads/insert does): duplicate scopes, DNC, update_if_found, hopper. ' +
      "Rejections are data with the door's code and text. ADMIN key, or a SOURCE key approved for the list's intake campaign.",
  })
  insertDialerLead(
    @Arg('input', () => InsertDialerLeadInput) input: InsertDialerLeadInput,
    @Ctx() ctx: RequestContext,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey?: string | null,
  ) {
    return this.inserts.insert(ctx.em, toDialerInsertRequest(input), ctx.caller, { idempotencyKey: idempotencyKey ?? ctx.idempotencyKey });
  }

  @Query(() => LeadExplanation, {
    description:
      "What insertDialerLead would decide now, stage by stage (the intake campaign's and the dialer's DNC and duplicate checks), " +
      'without storing or placing anything. update_if_found is not explained: with a match the insert would update it.',
  })
  explainDialerInsert(@Arg('input', () => InsertDialerLeadInput) input: InsertDialerLeadInput, @Ctx() ctx: RequestContext) {
    return this.inserts.explain(ctx.em, toDialerInsertRequest(input), ctx.caller);
  }
}
