import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../context.js';
import { Buyer } from './buyer.entity.js';
import { CreateBuyerInput, UpdateBuyerInput } from './buyer.inputs.js';
import { BuyerService } from './buyer.service.js';

@Resolver(() => Buyer)
export class BuyerResolver {
  constructor(private readonly buyerService: BuyerService) {}

  @Mutation(() => Buyer, { description: "Adds a buyer of the account's leads. ADMIN key." })
  createBuyer(@Arg('input', () => CreateBuyerInput) input: CreateBuyerInput, @Ctx() ctx: RequestContext) {
    return this.buyerService.create(ctx, input);
  }

  @Mutation(() => Buyer, { description: 'Changes a buyer; omitted fields keep their value. ADMIN key.' })
  updateBuyer(@Arg('id', () => ID) id: string, @Arg('input', () => UpdateBuyerInput) input: UpdateBuyerInput, @Ctx() ctx: RequestContext) {
    return this.buyerService.update(ctx, id, input);
  }

  @Mutation(() => ID, { description: 'Deletes a buyer that has bought nothing (returns its id); pause one that has. ADMIN key.' })
  deleteBuyer(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return this.buyerService.delete(ctx, id);
  }

  @Query(() => Buyer)
  buyer(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return this.buyerService.get(ctx, id);
  }

  @Query(() => [Buyer], { description: "The account's buyers, oldest first (ADMIN and READER keys)." })
  buyers(@Arg('accountId', () => ID, { nullable: true }) accountId: string | null, @Ctx() ctx: RequestContext) {
    return this.buyerService.list(ctx, accountId);
  }
}
