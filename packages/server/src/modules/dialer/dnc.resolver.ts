import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../context.js';
import { DncCheckResult } from './dnc-check.js';
import { DncNumber } from './dnc-number.entity.js';
import { DncNumberInput } from './dnc.inputs.js';
import { DncService } from './dnc.service.js';

@Resolver(() => DncNumber)
export class DncResolver {
  constructor(private readonly dnc: DncService) {}

  @Mutation(() => DncNumber, { description: "Adds a number to the account-wide DNC list or a dialer campaign's (idempotent). ADMIN key." })
  async addDncNumber(@Arg('input', () => DncNumberInput) input: DncNumberInput, @Ctx() ctx: RequestContext) {
    return (await this.dnc.add(ctx, input)).entry;
  }

  @Mutation(() => Boolean, { description: 'Removes a number from that list; false when it was not on it. ADMIN key.' })
  removeDncNumber(@Arg('input', () => DncNumberInput) input: DncNumberInput, @Ctx() ctx: RequestContext) {
    return this.dnc.remove(ctx, input);
  }

  @Query(() => DncCheckResult, {
    description: "Whether a number is on the account-wide list, the purpose list or the named dialer campaign's (ADMIN and READER keys).",
  })
  checkDnc(@Arg('input', () => DncNumberInput) input: DncNumberInput, @Ctx() ctx: RequestContext) {
    return this.dnc.check(ctx, input);
  }

  @Query(() => [DncNumber], { description: "The numbers of the account-wide list, or of a dialer campaign's, oldest first." })
  dncNumbers(
    @Ctx() ctx: RequestContext,
    @Arg('accountId', () => ID, { nullable: true }) accountId?: string | null,
    @Arg('dialerCampaignId', () => ID, { nullable: true }) dialerCampaignId?: string | null,
    @Arg('first', () => Int, { defaultValue: 100, description: 'At most 1000.' }) first?: number,
    @Arg('offset', () => Int, { defaultValue: 0 }) offset?: number,
  ) {
    return this.dnc.list(ctx, { accountId, dialerCampaignId, first: first ?? 100, offset: offset ?? 0 });
  }
}
