import { Arg, Ctx, Directive, Mutation, Resolver } from 'type-graphql';
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
}
