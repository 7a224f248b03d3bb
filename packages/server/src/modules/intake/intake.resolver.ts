import { Arg, Ctx, Directive, Extensions, Mutation, Query, Resolver } from 'type-graphql';
import { ALLOW_ANONYMOUS } from '../../auth/root-field-access.js';
import type { RequestContext } from '../../context.js';
import { LeadDecision } from '../leads/lead-decision.js';
import { IntakeService } from './intake.service.js';
import { LeadExplanation } from './lead-explanation.js';
import { SubmitLeadInput } from './submit-lead.input.js';
import { toSubmission } from './submit-lead.mapper.js';

/** The GraphQL door of the intake: submitLead, testLead and explainLead. */
@Resolver()
export class IntakeResolver {
  constructor(private readonly intake: IntakeService) {}

  @Directive('@idempotent(inTransaction: true)')
  @Extensions({ [ALLOW_ANONYMOUS]: true })
  @Mutation(() => LeadDecision, {
    description:
      'Submits a lead; the decision (accepted or rejected, with the reason) is the result. ' +
      'A retry with the same idempotency key (argument or Idempotency-Key header) replays the first decision.',
  })
  submitLead(
    @Arg('input', () => SubmitLeadInput) input: SubmitLeadInput,
    @Ctx() ctx: RequestContext,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey?: string | null,
  ) {
    const { draft, credentials } = toSubmission(input, ctx.caller, input.test ?? false);
    return this.intake.submit(ctx.em, draft, credentials, { idempotencyKey: idempotencyKey ?? ctx.idempotencyKey });
  }

  @Directive('@idempotent(inTransaction: true)')
  @Extensions({ [ALLOW_ANONYMOUS]: true })
  @Mutation(() => LeadDecision, { description: 'Submits a test lead: structural checks only, never counted or delivered.' })
  testLead(
    @Arg('input', () => SubmitLeadInput) input: SubmitLeadInput,
    @Ctx() ctx: RequestContext,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey?: string | null,
  ) {
    const { draft, credentials } = toSubmission(input, ctx.caller, true);
    return this.intake.submit(ctx.em, draft, credentials, { idempotencyKey: idempotencyKey ?? ctx.idempotencyKey });
  }

  @Extensions({ [ALLOW_ANONYMOUS]: true })
  @Query(() => LeadExplanation, {
    description: 'Runs every stage without stopping, storing or claiming anything, so a vendor sees every reason a lead would fail.',
  })
  explainLead(@Arg('input', () => SubmitLeadInput) input: SubmitLeadInput, @Ctx() ctx: RequestContext) {
    const { draft, credentials } = toSubmission(input, ctx.caller, input.test ?? false);
    return this.intake.explain(ctx.em, draft, credentials);
  }
}
