import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context.js';
import { OptInChange } from './optin-change.entity.js';
import { OptInService } from './optin.service.js';
import { OptInSubmission } from './optin-submission.entity.js';

@Resolver(() => OptInSubmission)
export class OptInSubmissionResolver {
  constructor(private readonly optIns: OptInService) {}

  @FieldResolver(() => [OptInChange], { description: 'The ledger writes it made, in order (none when REJECTED).' })
  changes(@Root() submission: OptInSubmission, @Ctx() ctx: RequestContext) {
    return this.optIns.changesOf(ctx.em, submission.id);
  }
}
