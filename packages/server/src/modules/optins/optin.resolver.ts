import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../context.js';
import { OptInChange } from './optin-change.entity.js';
import { OptInQueue } from './optin-enums.js';
import { OptInInput, OptOutInput, optInEntries, optOutEntries } from './optin.inputs.js';
import { HISTORY_DEFAULT, OptInService } from './optin.service.js';
import { OptInStatus } from './optin-status.entity.js';
import { OptInSubmission } from './optin-submission.entity.js';

@Resolver()
export class OptInResolver {
  constructor(private readonly optIns: OptInService) {}

  @Mutation(() => OptInSubmission, {
    description:
      "Opts emails in, all or nothing; an existing OUT stays unless deleteOptOut (see the submission's messages). ADMIN key. A refused request is BAD_USER_INPUT with extensions.errors and extensions.submissionId.",
  })
  optIn(@Arg('input', () => OptInInput) input: OptInInput, @Ctx() ctx: RequestContext) {
    return this.optIns.submitAsAdmin(ctx, OptInQueue.OPT_IN, input.accountId, optInEntries(input));
  }

  @Mutation(() => OptInSubmission, {
    description:
      'Opts emails out, all or nothing; an OUT always replaces an IN. ADMIN key. A refused request is BAD_USER_INPUT with extensions.errors and extensions.submissionId.',
  })
  optOut(@Arg('input', () => OptOutInput) input: OptOutInput, @Ctx() ctx: RequestContext) {
    return this.optIns.submitAsAdmin(ctx, OptInQueue.OPT_OUT, input.accountId, optOutEntries(input));
  }

  @Query(() => [OptInStatus], {
    description: "An email's current statuses (any case), in one brand or every brand, by deployment type number. ADMIN and READER keys.",
  })
  optInStatus(
    @Arg('email', () => String) email: string,
    @Arg('brand', () => String, { nullable: true, description: 'A brand abbreviation; default every brand.' }) brand: string | null,
    @Arg('accountId', () => ID, { nullable: true }) accountId: string | null,
    @Ctx() ctx: RequestContext,
  ) {
    return this.optIns.status(ctx, email, brand, accountId);
  }

  @Query(() => [OptInChange], { description: "An email's ledger changes, oldest first: the most recent `last`. ADMIN and READER keys." })
  optInHistory(
    @Arg('email', () => String) email: string,
    @Arg('accountId', () => ID, { nullable: true }) accountId: string | null,
    @Arg('last', () => Int, { nullable: true, description: `How many of the latest changes, 1 to 5000; default ${HISTORY_DEFAULT}.` }) last:
      | number
      | null,
    @Ctx() ctx: RequestContext,
  ) {
    return this.optIns.history(ctx, email, accountId, last ?? HISTORY_DEFAULT);
  }

  @Query(() => OptInSubmission, {
    description: 'A submission by the uuid its reply carried: what it wrote, skipped or why it was refused. ADMIN and READER keys.',
  })
  optInSubmission(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return this.optIns.submission(ctx, id);
  }
}
