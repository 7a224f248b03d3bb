import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../context.js';
import { IntakeService } from './intake.service.js';
import { LeadConnection } from './lead-connection.js';
import { LeadExplanation } from './lead-explanation.js';
import { LeadDecision } from './lead-decision.js';
import { LeadDoor } from './lead-enums.js';
import { Lead } from './lead.entity.js';
import { LeadFilter } from './lead.inputs.js';
import { DEFAULT_PAGE_SIZE, LeadService } from './lead.service.js';
import { SubmitLeadInput } from './submit-lead.input.js';
import { toLeadDraft } from './submit-lead.mapper.js';

@Resolver(() => Lead)
export class LeadResolver {
  constructor(
    private readonly intake: IntakeService,
    private readonly leadService: LeadService,
  ) {}

  @Mutation(() => LeadDecision, {
    description: 'Submits a lead; the decision (accepted or rejected, with the reason) is the result. '
      + 'A retry with the same idempotency key (argument or Idempotency-Key header) replays the first decision.',
  })
  submitLead(
    @Arg('input', () => SubmitLeadInput) input: SubmitLeadInput,
    @Ctx() ctx: RequestContext,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey?: string | null,
  ) {
    const draft = toLeadDraft(input, LeadDoor.GRAPHQL, input.test ?? false);
    return this.intake.submit(ctx.em, draft, ctx.caller, { idempotencyKey: idempotencyKey ?? ctx.idempotencyKey });
  }

  @Mutation(() => LeadDecision, { description: 'Submits a test lead: structural checks only, never counted or delivered.' })
  testLead(
    @Arg('input', () => SubmitLeadInput) input: SubmitLeadInput,
    @Ctx() ctx: RequestContext,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey?: string | null,
  ) {
    const draft = toLeadDraft(input, LeadDoor.GRAPHQL, true);
    return this.intake.submit(ctx.em, draft, ctx.caller, { idempotencyKey: idempotencyKey ?? ctx.idempotencyKey });
  }

  @Query(() => LeadExplanation, {
    description: 'Runs every stage without stopping, storing or claiming anything, so a vendor sees every reason a lead would fail.',
  })
  explainLead(@Arg('input', () => SubmitLeadInput) input: SubmitLeadInput, @Ctx() ctx: RequestContext) {
    return this.intake.explain(ctx.em, toLeadDraft(input, LeadDoor.GRAPHQL, input.test ?? false), ctx.caller);
  }

  @Query(() => Lead)
  lead(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return this.leadService.get(ctx, id);
  }

  @Query(() => LeadConnection, { description: 'Leads newest first; test leads only with includeTest.' })
  leads(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => LeadFilter, { nullable: true }) filter?: LeadFilter | null,
    @Arg('first', () => Int, { nullable: true, description: `Page size, default ${DEFAULT_PAGE_SIZE}, at most 500.` }) first?: number | null,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ) {
    return this.leadService.list(ctx, filter ?? {}, first ?? DEFAULT_PAGE_SIZE, after);
  }
}
